// The PutEvents endpoint, driven by the real @aws-sdk/client-eventbridge client.
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEventBus, type LocalEventBus } from '../../../src/eventbridge/bus.ts';
import type { EventBridgeEvent } from '../../../src/eventbridge/event.ts';
import type { IamPrincipal } from '../../../src/iam/sigv4.ts';
import { signedRequest } from '../../../src/testing/sigv4Fetch.ts';

const principal: IamPrincipal = {
  accessKeyId: 'AKIDLOCALEVENTS',
  secretAccessKey: 'local-events-secret',
  accountId: '123456789012',
  userArn: 'arn:aws:iam::123456789012:user/publisher',
  username: 'publisher',
};
const region = 'eu-west-1';
const received: EventBridgeEvent[] = [];
let bus: LocalEventBus;
let url: string;

function client(credentials: { accessKeyId: string; secretAccessKey: string } = principal): EventBridgeClient {
  return new EventBridgeClient({ endpoint: url, region, credentials, maxAttempts: 1 });
}

function entry(overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry {
  return {
    EventBusName: 'commerce',
    Source: 'ecommerce.orders',
    DetailType: 'OrderCreated',
    Detail: '{"orderId":"o-1"}',
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const error = (await promise.then(
    () => expect.fail('the call succeeded'),
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

beforeAll(async () => {
  bus = createEventBus({
    region,
    accountId: '123456789012',
    busNames: ['commerce'],
    principals: (id) => (id === principal.accessKeyId ? principal : undefined),
    rules: [
      {
        name: 'orders',
        eventBusName: 'commerce',
        eventPattern: { source: ['ecommerce.orders'] },
        targets: [{ id: 'recorder', deliver: async (_input, event) => void received.push(event) }],
      },
    ],
  });
  url = (await bus.listen(0)).url;
});

// Deliveries of one test must not land in the next.
afterEach(() => bus.whenIdle());
afterAll(() => bus.close());

describe('the local EventBridge endpoint', () => {
  it('accepts PutEvents from the AWS SDK and delivers the event as EventBridge builds it', async () => {
    const output = await client().send(
      new PutEventsCommand({
        Entries: [
          entry({
            Resources: ['arn:aws:dynamodb:eu-west-1:123456789012:table/orders'],
            Time: new Date('2024-05-01T10:00:00.789Z'),
          }),
        ],
      }),
    );
    expect(output.FailedEntryCount).toBe(0);
    const eventId = output.Entries?.[0]?.EventId;
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    await bus.whenIdle();
    expect(received.at(-1)).toEqual({
      version: '0',
      id: eventId,
      'detail-type': 'OrderCreated',
      source: 'ecommerce.orders',
      account: '123456789012',
      time: '2024-05-01T10:00:00Z',
      region,
      resources: ['arn:aws:dynamodb:eu-west-1:123456789012:table/orders'],
      detail: { orderId: 'o-1' },
    });
  });

  it('fails bad entries one by one, with AWS error codes, and accepts the rest', async () => {
    const output = await client().send(
      new PutEventsCommand({
        Entries: [
          entry(),
          entry({ Source: undefined }),
          entry({ DetailType: '' }),
          entry({ Detail: undefined }),
          entry({ Detail: '{"unclosed": ' }),
          entry({ Detail: '[1, 2]' }),
        ],
      }),
    );
    expect(output.FailedEntryCount).toBe(5);
    expect(output.Entries?.[0]?.EventId).toBeDefined();
    expect(output.Entries?.slice(1)).toEqual([
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
    ]);
  });

  it('accepts an event for a bus that does not exist and drops it, as AWS does', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const before = received.length;
    const output = await client().send(new PutEventsCommand({ Entries: [entry({ EventBusName: 'no-such-bus' })] }));
    await bus.whenIdle();
    expect(output.FailedEntryCount).toBe(0);
    expect(output.Entries?.[0]?.EventId).toBeDefined();
    expect(received.length).toBe(before);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no-such-bus'));
    warn.mockRestore();
  });

  it('takes the bus ARN of its own account and region as the bus', async () => {
    const before = received.length;
    await client().send(
      new PutEventsCommand({ Entries: [entry({ EventBusName: `arn:aws:events:${region}:123456789012:event-bus/commerce` })] }),
    );
    await bus.whenIdle();
    expect(received.length).toBe(before + 1);
  });

  it('refuses more than 10 entries as a whole with ValidationException', async () => {
    const error = await rejection(client().send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry()) })));
    expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(error.message).toMatch(/Member must have length less than or equal to 10/);
  });

  it('refuses no entries with ValidationException', async () => {
    const error = await rejection(client().send(new PutEventsCommand({ Entries: [] })));
    expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
  });

  it('refuses entries over the size limit, counted as AWS counts them, and accepts exactly the limit', async () => {
    const overhead = Buffer.byteLength('ecommerce.orders') + Buffer.byteLength('OrderCreated') + Buffer.byteLength('{"p":""}');
    const detail = (size: number) => JSON.stringify({ p: 'x'.repeat(size - overhead) });
    const limit = 1024 * 1024;
    const atLimit = await client().send(
      new PutEventsCommand({ Entries: [entry({ EventBusName: 'default', Detail: detail(limit) })] }),
    );
    expect(atLimit.FailedEntryCount).toBe(0);
    const error = await rejection(
      client().send(new PutEventsCommand({ Entries: [entry({ EventBusName: 'default', Detail: detail(limit + 1) })] })),
    );
    expect(error).toEqual({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
      status: 400,
    });
  });

  it('refuses a request signed with the wrong secret with InvalidSignatureException', async () => {
    const error = await rejection(
      client({ accessKeyId: principal.accessKeyId, secretAccessKey: 'wrong' }).send(new PutEventsCommand({ Entries: [entry()] })),
    );
    expect(error).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
    expect(error.message).toMatch(/signature we calculated does not match/);
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const error = await rejection(
      client({ accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' }).send(new PutEventsCommand({ Entries: [entry()] })),
    );
    expect(error).toEqual({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      status: 400,
    });
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('answers other operations with UnknownOperationException', async () => {
    const error = await rejection(client().send(new PutRuleCommand({ Name: 'r', EventPattern: '{"source":["x"]}' })));
    expect(error).toMatchObject({ name: 'UnknownOperationException', status: 400 });
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const request = await signedRequest(url, 'not json', principal, { region, service: 'events' });
    const { host: _host, ...headers } = request.headers;
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'x-amz-target': 'AWSEvents.PutEvents' },
      body: 'not json',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('serves the dead-letter list as JSON on GET /dead-letters', async () => {
    const response = await fetch(`${url}/dead-letters`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });
});
