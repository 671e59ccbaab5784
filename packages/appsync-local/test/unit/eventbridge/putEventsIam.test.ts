// PutEvents as IAM decides it, per entry: events:PutEvents on the bus's ARN, with the entry's
// source as `events:source`, driven by the real @aws-sdk/client-eventbridge client.
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, type LocalEventBus } from '../../../src/eventbridge/bus.ts';
import type { EventBridgeEvent } from '../../../src/eventbridge/event.ts';
import { LOCAL_ACCOUNT_ID, LocalIam, type LocalRole } from '../../../src/iam/principals.ts';

const region = 'eu-west-1';
const BUS_ARN = `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:event-bus/commerce`;
const iam = new LocalIam();
const orders = iam.createRole('orders-functions', [
  { action: 'events:PutEvents', resource: BUS_ARN, condition: { StringEquals: { 'events:source': 'ecommerce.orders' } } },
]);
const stranger = iam.createRole('stranger');
const received: EventBridgeEvent[] = [];
let bus: LocalEventBus;
let url: string;

const client = (role: LocalRole) => new EventBridgeClient({ endpoint: url, region, credentials: role, maxAttempts: 1 });
const entry = (Source: string, EventBusName = 'commerce'): PutEventsRequestEntry => ({
  EventBusName,
  Source,
  DetailType: 'OrderStatusChanged',
  Detail: '{"orderId":"o-1"}',
});

beforeAll(async () => {
  bus = createEventBus({
    region,
    accountId: LOCAL_ACCOUNT_ID,
    busNames: ['commerce'],
    principals: iam.principals,
    isAllowed: (principal, action, resource, context) => iam.isAllowed(principal, action, resource, context),
    rules: [
      {
        name: 'all',
        eventBusName: 'commerce',
        eventPattern: { source: [{ prefix: 'ecommerce.' }] },
        targets: [{ id: 'recorder', deliver: async (_input, event) => void received.push(event) }],
      },
    ],
  });
  url = (await bus.listen(0)).url;
});
afterAll(() => bus.close());

describe('PutEvents with IAM', () => {
  it('puts the entries whose source the policy allows and fails the others alone with AccessDeniedException', async () => {
    received.length = 0;
    const result = await client(orders).send(
      new PutEventsCommand({
        Entries: [entry('ecommerce.orders'), entry('ecommerce.payment'), entry('ecommerce.orders', BUS_ARN)],
      }),
    );
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.EventId).toBeDefined();
    expect(result.Entries?.[1]).toEqual({
      ErrorCode: 'AccessDeniedException',
      ErrorMessage: `User: ${orders.userArn} is not authorized to perform: events:PutEvents on resource: ${BUS_ARN} because no identity-based policy allows the events:PutEvents action`,
    });
    expect(result.Entries?.[2]?.EventId).toBeDefined();
    await bus.whenIdle();
    expect(received.map((e) => e.source)).toEqual(['ecommerce.orders', 'ecommerce.orders']);
  });

  it('refuses a bus the policy does not name (the default bus)', async () => {
    const result = await client(orders).send(new PutEventsCommand({ Entries: [entry('ecommerce.orders', 'default')] }));
    expect(result.Entries?.[0]?.ErrorCode).toBe('AccessDeniedException');
    expect(result.Entries?.[0]?.ErrorMessage).toContain(`event-bus/default`);
  });

  it('refuses every entry of a known principal without a grant', async () => {
    const result = await client(stranger).send(new PutEventsCommand({ Entries: [entry('ecommerce.orders')] }));
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.ErrorCode).toBe('AccessDeniedException');
  });

  it('checks nothing for events put in process, as by an AWS service', () => {
    expect(bus.putEvents([entry('aws.s3')]).FailedEntryCount).toBe(0);
  });
});
