// A local event bus behind a proxy, for tests of a service's table-events handler: the handler
// publishes through the proxy (which can count requests and fail entries), and the test reads
// what reached the bus. It also gives the process a role allowed to put events.
import type { EventBridgeEvent, LocalEventBus } from 'appsync-local/eventbridge/index.ts';
import { createEventBus } from 'appsync-local/eventbridge/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LOCAL_ACCOUNT_ID, type LocalIam } from 'appsync-local/iam/principals.ts';
import { type EventBusProxy, startEventBusProxy } from './eventBusProxy.ts';
import { useRoleCredentials } from './restApis.ts';

export interface RecordingBus {
  /** EVENT_BUS_NAME for the handler. */
  readonly name: string;
  /** Between the handler and the bus: EVENT_BUS_ENDPOINT for the handler is proxy.url. */
  readonly proxy: EventBusProxy;
  /** The events that reached the bus while `run` ran. */
  published(run: () => Promise<void>): Promise<EventBridgeEvent[]>;
  close(): Promise<void>;
}

export async function startRecordingBus(iam: LocalIam, name = 'commerce-tests'): Promise<RecordingBus> {
  const bus: LocalEventBus = createEventBus({
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    busNames: [name],
    rules: [],
    principals: iam.principals,
  });
  const proxy = await startEventBusProxy((await bus.listen()).url);
  useRoleCredentials(iam.createRole('backend-services', [{ action: 'events:PutEvents', resource: '*' }]));
  return {
    name,
    proxy,
    async published(run) {
      const before = bus.recentEvents().length;
      await run();
      return bus.recentEvents().slice(before);
    },
    async close() {
      await proxy.close();
      await bus.close();
    },
  };
}
