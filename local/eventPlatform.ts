// The event side of the local stack: the bus with the declared rules and targets, the scheduled
// rules (on the default bus, as on AWS), and a stream poller per table-events handler (the
// outbox: table change → handler → bus). Each AppSync target signs with a role of its own,
// allowed only its mutation's fields, as the CDK app's grantMutation allows them.
import { createEventBus, type DeadLetter } from 'appsync-local/eventbridge/index.ts';
import type { EventBridgeEvent } from 'appsync-local/eventbridge/event.ts';
import { createAppSyncTarget } from 'appsync-local/eventbridge/targets/appsync.ts';
import { type StreamHandler, startStreamPollers } from 'appsync-local/dynamodb/streams/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { ServiceFunctions } from './functions.ts';
import { functionNameOf } from '../system/handlers.ts';
import { LOCAL_ACCOUNT_ID, type LocalIam, type PolicyStatement } from 'appsync-local/iam/principals.ts';
import type { SystemDeclaration } from '../system/index.ts';
import { mutationFieldsOf, rulePattern, type TargetDeclaration } from '../system/events.ts';
import { tableEventsSettings } from '../system/services.ts';

export interface EventPlatformOptions {
  declaration: SystemDeclaration;
  iam: LocalIam;
  /** Loads each handler in its service's own environment. */
  functions: ServiceFunctions;
  graphqlUrl: string;
  /** The API's id in its field ARNs: each AppSync target's role may call its mutation's fields there. */
  apiId: string;
  dynamodbEndpoint: string;
  /** Each bucket's name in the local S3, by logical name: rules on its objects match it. */
  bucketNames: Readonly<Record<string, string>>;
  port: number;
  /** How often scheduled rules run here, whatever their rate (tests and `npm start` want it sooner); default: their rate. */
  scheduleIntervalMs?: number;
  /** Sees every event the bus accepts, as it accepts it. */
  onEvent?: (event: EventBridgeEvent) => void;
  /** Sees every delivery the bus gives up on (where a dead-letter queue's alarm would fire). */
  onDeadLetter?: (deadLetter: DeadLetter) => void;
}

type EventBus = ReturnType<typeof createEventBus>;

function bucketNameOf(names: Readonly<Record<string, string>>, bucket: string): string {
  const name = names[bucket];
  if (!name) throw new Error(`A rule names the bucket ${bucket}, which the local S3 does not hold.`);
  return name;
}
type Deliver = Parameters<typeof createEventBus>[0]['rules'][number]['targets'][number]['deliver'];

export async function startEventPlatform(options: EventPlatformOptions) {
  const { declaration } = options;
  const rules = await Promise.all(
    declaration.eventRules.map(async (rule) => ({
      name: rule.name,
      eventBusName: rule.bus ?? declaration.eventBusName,
      eventPattern: rulePattern(rule, (bucket) => bucketNameOf(options.bucketNames, bucket)),
      targets: await Promise.all(
        rule.targets.map(async (target) => ({
          id: target.id,
          deliver: await deliveryFor(target, options),
          ...(target.inputTransformer ? { inputTransformer: target.inputTransformer } : {}),
        })),
      ),
    })),
  );
  const schedules = await Promise.all(
    declaration.schedules.map(async (schedule) => ({
      name: schedule.name,
      eventBusName: 'default',
      scheduleExpression: schedule.scheduleExpression,
      targets: await Promise.all(
        schedule.targets.map(async (target) => ({ id: target.id, deliver: await deliveryFor(target, options) })),
      ),
    })),
  );
  const { scheduleIntervalMs, onEvent, onDeadLetter } = options;
  const bus: EventBus = createEventBus({
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    busNames: [declaration.eventBusName],
    rules: [...rules, ...schedules],
    principals: options.iam.principals,
    isAllowed: (principal, action, resource, context) => options.iam.isAllowed(principal, action, resource, context),
    ...(scheduleIntervalMs ? { scheduleIntervalMs: () => scheduleIntervalMs } : {}),
    ...(onEvent ? { onAccepted: (event: EventBridgeEvent) => onEvent(event) } : {}),
    ...(onDeadLetter ? { onDeadLetter } : {}),
  });
  const listening = await bus.listen(options.port);

  const mappings = await Promise.all(
    declaration.services.flatMap((service) =>
      (service.tableEvents ?? []).map(async (tableEvents) => ({
        tableName: tableEvents.table,
        functionName: functionNameOf(service.name, tableEvents.handler),
        handler: await options.functions.load<StreamHandler>(tableEvents.handler),
        ...tableEventsSettings(tableEvents),
      })),
    ),
  );
  const streams =
    mappings.length > 0
      ? await startStreamPollers({ endpoint: options.dynamodbEndpoint, region: LOCAL_REGION, mappings })
      : undefined;

  return {
    endpoint: listening.url,
    bus,
    deadLetters: () => bus.deadLetters(),
    /** The table-events batches the stream pollers gave up on (the last 1,000), as deadLetters() is for the bus. */
    failedBatches: () => streams?.failures() ?? [],
    /**
     * Until the streams are drained and the bus is idle. A stream handler can put events whose
     * targets write tables that stream again, so this goes a few rounds.
     */
    async settle(timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (let round = 0; round < 3; round += 1) {
        await streams?.drain(Math.max(deadline - Date.now(), 1));
        await bus.whenIdle();
      }
    },
    async stop(): Promise<void> {
      await streams?.close();
      await bus.close();
    },
  };
}

async function deliveryFor(target: TargetDeclaration, options: EventPlatformOptions): Promise<Deliver> {
  if (target.type === 'APPSYNC') {
    return createAppSyncTarget({
      graphqlUrl: options.graphqlUrl,
      region: LOCAL_REGION,
      credentials: options.iam.createRole(`${target.id}-role`, mutationGrants(options.apiId, mutationFieldsOf(target.document))),
      document: target.document,
    });
  }
  const handler = await options.functions.load<(event: unknown, context: unknown) => Promise<unknown>>(target.handler);
  return async (input) => {
    await handler(input, { functionName: target.id, awsRequestId: crypto.randomUUID() });
  };
}

/** appsync:GraphQL on each field of Mutation, as the CDK's `api.grantMutation(role, ...fields)` grants it. */
export function mutationGrants(apiId: string, fields: readonly string[]): PolicyStatement[] {
  return fields.map((field) => ({
    action: 'appsync:GraphQL',
    resource: `arn:aws:appsync:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:apis/${apiId}/types/Mutation/fields/${field}`,
  }));
}
