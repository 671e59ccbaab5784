// The AppSync target against a tiny GraphQL endpoint that checks SigV4 as AppSync's IAM mode does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../../../src/appsync/server.ts';
import { createEventBus } from '../../../../src/eventbridge/bus.ts';
import { AppSyncTargetError, createAppSyncTarget } from '../../../../src/eventbridge/targets/appsync.ts';
import { verifySigV4, type IamPrincipal } from '../../../../src/iam/sigv4.ts';
import { ec2StateChange } from '../events.ts';

const role: IamPrincipal = {
  accessKeyId: 'ASIAEVENTSROLE',
  secretAccessKey: 'events-role-secret',
  accountId: '123456789012',
  userArn: 'arn:aws:sts::123456789012:assumed-role/eventbridge-appsync/events',
  username: 'events',
};
const region = 'eu-west-1';
const document = 'mutation Publish($input: OrderStatusInput!) { publishOrderStatus(input: $input) { orderId status } }';

interface Received {
  body: { query: string; variables: unknown; operationName?: string };
  authorization: string | undefined;
}

let server: RunningServer;
let graphqlUrl: string;
const received: Received[] = [];
/** What the endpoint answers next; the last answer repeats. */
let answers: { status: number; body: unknown }[] = [];

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const verified = await verifySigV4(
    { method: request.method ?? 'POST', path: request.url ?? '/', query: {}, headers: request.headers, body },
    { service: 'appsync', region, principals: (id) => (id === role.accessKeyId ? role : undefined) },
  );
  const answer = verified.ok
    ? ((answers.length > 1 ? answers.shift() : answers[0]) ?? { status: 200, body: { data: {} } })
    : { status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message: verified.message }] } };
  if (verified.ok) received.push({ body: JSON.parse(body) as Received['body'], authorization: request.headers.authorization });
  response.writeHead(answer.status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(answer.body));
}

beforeAll(async () => {
  server = await listen((request, response) => void handle(request, response), 0);
  graphqlUrl = `${server.url}/graphql`;
});
afterAll(() => server.close());
beforeEach(() => {
  received.length = 0;
  answers = [{ status: 200, body: { data: { publishOrderStatus: { orderId: 'o-1', status: 'PAID' } } } }];
});

describe('createAppSyncTarget', () => {
  const input = { input: { orderId: 'o-1', status: 'PAID' } };

  it('posts the operation with the input as variables, signed with SigV4 for appsync', async () => {
    await createAppSyncTarget({ graphqlUrl, region, credentials: role, document })(input, ec2StateChange());
    expect(received).toEqual([
      {
        body: { query: document, variables: input },
        authorization: expect.stringMatching(
          /^AWS4-HMAC-SHA256 Credential=ASIAEVENTSROLE\/\d{8}\/eu-west-1\/appsync\/aws4_request/,
        ),
      },
    ]);
  });

  it('sends the operation name when given', async () => {
    await createAppSyncTarget({ graphqlUrl, region, credentials: role, document, operationName: 'Publish' })(
      input,
      ec2StateChange(),
    );
    expect(received[0]?.body.operationName).toBe('Publish');
  });

  it('fails when AppSync refuses the signature', async () => {
    const deliver = createAppSyncTarget({ graphqlUrl, region, credentials: { ...role, secretAccessKey: 'wrong' }, document });
    await expect(deliver(input, ec2StateChange())).rejects.toMatchObject({ name: 'AppSyncTargetError', status: 401 });
  });

  it('fails on an answer that is not 2xx', async () => {
    answers = [{ status: 500, body: { message: 'boom' } }];
    const deliver = createAppSyncTarget({ graphqlUrl, region, credentials: role, document });
    await expect(deliver(input, ec2StateChange())).rejects.toThrow(AppSyncTargetError);
  });

  it('fails on a GraphQL errors list, even with status 200', async () => {
    answers = [
      {
        status: 200,
        body: { data: null, errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access publishOrderStatus' }] },
      },
    ];
    const deliver = createAppSyncTarget({ graphqlUrl, region, credentials: role, document });
    await expect(deliver(input, ec2StateChange())).rejects.toThrow(
      'The GraphQL operation failed: Unauthorized: Not Authorized to access publishOrderStatus',
    );
  });
});

describe('an AppSync target on the bus', () => {
  function busWithAppSyncTarget() {
    const bus = createEventBus({
      region,
      accountId: '123456789012',
      busNames: ['commerce'],
      principals: () => undefined,
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 20 },
      rules: [
        {
          name: 'order-status',
          eventBusName: 'commerce',
          eventPattern: { 'detail-type': ['OrderStatusChanged'] },
          targets: [
            {
              id: 'appsync',
              deliver: createAppSyncTarget({ graphqlUrl, region, credentials: role, document }),
              inputTransformer: {
                inputPathsMap: { orderId: '$.detail.orderId', status: '$.detail.status' },
                inputTemplate: '{"input": {"orderId": <orderId>, "status": <status>}}',
              },
            },
          ],
        },
      ],
    });
    bus.putEvents([
      {
        EventBusName: 'commerce',
        Source: 'ecommerce.orders',
        DetailType: 'OrderStatusChanged',
        Detail: '{"orderId":"o-1","status":"PAID"}',
      },
    ]);
    return bus;
  }

  it('retries through AppSync errors and delivers once it answers', async () => {
    answers = [
      { status: 500, body: {} },
      { status: 200, body: { errors: [{ message: 'later' }] } },
      { status: 200, body: { data: {} } },
    ];
    const bus = busWithAppSyncTarget();
    await bus.whenIdle();
    await bus.close();
    expect(received).toHaveLength(3);
    expect(received.at(-1)?.body.variables).toEqual({ input: { orderId: 'o-1', status: 'PAID' } });
    expect(bus.deadLetters()).toEqual([]);
  });

  it('dead-letters the event when AppSync keeps answering with errors', async () => {
    answers = [{ status: 200, body: { data: null, errors: [{ errorType: 'BadRequest', message: 'invalid status' }] } }];
    const bus = busWithAppSyncTarget();
    await bus.whenIdle();
    await bus.close();
    expect(received).toHaveLength(3);
    expect(bus.deadLetters()).toEqual([
      expect.objectContaining({
        target: { id: 'appsync' },
        attempts: 3,
        lastError: { name: 'AppSyncTargetError', message: 'The GraphQL operation failed: BadRequest: invalid status' },
      }),
    ]);
  });
});
