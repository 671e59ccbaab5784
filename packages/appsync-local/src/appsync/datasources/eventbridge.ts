// AMAZON_EVENTBRIDGE: PutEvents on the data source's bus, through the AWS SDK so that any
// EventBridge endpoint (AWS, or our local bus) works unchanged.
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { AwsCredentials } from './http.ts';
import type { DataSource, DataSourceResponse } from './types.ts';

export interface EventBridgeDataSourceConfig {
  readonly eventBusName: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials: AwsCredentials;
}

interface EventShape {
  source?: unknown;
  detailType?: unknown;
  detail?: unknown;
  resources?: unknown;
  time?: unknown;
}

export function createEventBridgeDataSource(config: EventBridgeDataSourceConfig): DataSource {
  const client = new EventBridgeClient({
    region: config.region,
    credentials: config.credentials,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    maxAttempts: 2,
  });
  return {
    async invoke(request: unknown): Promise<DataSourceResponse> {
      const entries = toEntries(request, config.eventBusName);
      if (typeof entries === 'string')
        return { result: null, error: { type: 'EventBridge:ValidationException', message: entries } };
      try {
        const output = await client.send(new PutEventsCommand({ Entries: entries }));
        return { result: { Entries: output.Entries ?? [], FailedEntryCount: output.FailedEntryCount ?? 0 } };
      } catch (error) {
        const name = (error as Error).name || 'InternalException';
        return { result: null, error: { type: `EventBridge:${name}`, message: (error as Error).message } };
      }
    },
    close: () => client.destroy(),
  };
}

function toEntries(request: unknown, eventBusName: string): PutEventsRequestEntry[] | string {
  const { operation, events } = (request ?? {}) as { operation?: unknown; events?: unknown };
  if (operation !== 'PutEvents') return `Unsupported operation: ${String(operation)}. The only operation is PutEvents.`;
  if (!Array.isArray(events) || events.length === 0 || events.length > 10) {
    return 'events must be a list of 1 to 10 events.';
  }
  return (events as EventShape[]).map((event) => ({
    EventBusName: eventBusName,
    Source: String(event.source ?? ''),
    DetailType: String(event.detailType ?? ''),
    Detail: typeof event.detail === 'string' ? event.detail : JSON.stringify(event.detail ?? {}),
    Resources: Array.isArray(event.resources) ? event.resources.map(String) : undefined,
    Time: typeof event.time === 'string' ? new Date(event.time) : undefined,
  }));
}
