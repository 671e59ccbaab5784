// The AWS_LAMBDA data source's Invoke, driven as a client drives it: GraphQL over HTTP to a small
// schema whose resolvers hand ctx.result and ctx.error back as JSON. The handlers are a fixture
// module loaded inside its function's environment, as the local stack loads deployed handlers.
//
// AppSync's documentation, cited by the tests:
// - JS: https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-lambda-js.html
// - TUTORIAL: https://docs.aws.amazon.com/appsync/latest/devguide/tutorial-lambda-resolvers.html
// - INVOKE_API: https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppSyncApi, type ResolverDefinition } from '../../../../../src/appsync/api.ts';
import { FunctionEnvironment } from '../../../../../src/lambda/environment.ts';
import type * as PostsModule from '../../../../fixtures/lambda/posts.ts';
import { code, serveInline } from '../../../../support/inlineApi.ts';

// A type only: the module itself is loaded in beforeAll, inside its function's environment.
type Posts = typeof PostsModule;

const schema = /* GraphQL */ `
  type Query {
    echo(request: AWSJSON!): AWSJSON
    failing(request: AWSJSON!): AWSJSON
    hanging(request: AWSJSON!): AWSJSON
    odd(request: AWSJSON!): AWSJSON
    notify(request: AWSJSON!): AWSJSON
    padded(bytes: Int!, invocationType: String!): AWSJSON
    post(id: ID!): String
  }
`;

/** Sends the request the client gave (an AWSJSON argument, which reaches the code parsed); answers with what the response handler saw. */
const probe = code(`
  export function request(ctx) { return ctx.args.request }
  export function response(ctx) { return JSON.stringify({ result: ctx.result, error: ctx.error || null }) }
`);

const probing = (fieldName: string): ResolverDefinition => ({ typeName: 'Query', fieldName, dataSource: fieldName, code: probe });

interface Seen {
  result: unknown;
  error: { type: string; message: string; unhandledErrorType?: string } | null;
}

describe('the AWS_LAMBDA data source: Invoke', () => {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const environment = new FunctionEnvironment({ POSTS_TABLE: 'posts-local' });
  let posts: Posts;
  let server: Awaited<ReturnType<typeof serveInline>>;

  beforeAll(async () => {
    posts = await environment.run(() => import('../../../../fixtures/lambda/posts.ts'));
    const region = 'eu-west-1';
    server = await serveInline({
      schema,
      dataSources: {
        echo: { type: 'AWS_LAMBDA', functionName: 'posts-echo', handler: posts.echo, region, environment, log },
        failing: { type: 'AWS_LAMBDA', functionName: 'posts-failing', handler: posts.failing, region, log },
        hanging: { type: 'AWS_LAMBDA', functionName: 'posts-hanging', handler: posts.hanging, region, timeoutMs: 50, log },
        odd: { type: 'AWS_LAMBDA', functionName: 'posts-odd', handler: posts.odd, region, log },
        notify: { type: 'AWS_LAMBDA', functionName: 'posts-notify', handler: posts.notify, region, log },
      },
      resolvers: [
        probing('echo'),
        probing('failing'),
        probing('hanging'),
        probing('odd'),
        probing('notify'),
        {
          typeName: 'Query',
          fieldName: 'padded',
          dataSource: 'echo',
          code: code(`
            // APPSYNC_JS has no String.prototype.repeat: double a string (up to 2^24 characters) and cut it.
            const DOUBLINGS = ${JSON.stringify([...Array(24).keys()])};
            export function request(ctx) {
              let padding = 'x';
              for (const step of DOUBLINGS) {
                if (padding.length < ctx.args.bytes) { padding = padding + padding }
              }
              return { operation: 'Invoke', invocationType: ctx.args.invocationType, payload: { padding: padding.substring(0, ctx.args.bytes) } };
            }
            export function response(ctx) { return JSON.stringify({ result: ctx.result ? 'returned' : ctx.result, error: ctx.error || null }) }
          `),
        },
        {
          // The shared-helper pattern: a data-source error becomes the field's error, its type kept.
          typeName: 'Query',
          fieldName: 'post',
          dataSource: 'failing',
          code: code(`
            export function request(ctx) { return { operation: 'Invoke', payload: { kind: 'error', id: ctx.args.id } } }
            export function response(ctx) {
              if (ctx.error) util.error(ctx.error.message, ctx.error.type);
              return ctx.result;
            }
          `),
        },
      ],
    });
  });
  afterAll(() => server?.close());

  async function call(field: string, request: unknown): Promise<Seen> {
    const { body } = await server.query(`query ($r: AWSJSON!) { ${field}(request: $r) }`, { r: JSON.stringify(request) });
    expect(body.errors).toBeUndefined();
    return JSON.parse(body.data?.[field] as string) as Seen;
  }

  describe('requests (JS: "Request object")', () => {
    it('hands the payload to the handler and its return value to ctx.result', async () => {
      const seen = await call('echo', { operation: 'Invoke', payload: { field: 'getPost', arguments: { id: 'p-1' } } });
      expect(seen.error).toBeNull();
      expect(seen.result).toMatchObject({ event: { field: 'getPost', arguments: { id: 'p-1' } } });
    });

    it('defaults invocationType to RequestResponse and payload to null (both optional)', async () => {
      const seen = await call('echo', { operation: 'Invoke' });
      expect(seen).toMatchObject({ result: { event: null }, error: null });
    });

    it.each([
      ['no operation', { payload: {} }, "Value for field '$[operation]' not found."],
      [
        'an unknown operation',
        { operation: 'invoke' },
        "Unsupported operation 'invoke'. A Lambda request's operation is Invoke or BatchInvoke.",
      ],
      ['an unknown invocationType', { operation: 'Invoke', invocationType: 'Async' }, "Unsupported invocationType 'Async'"],
      ['a field no Lambda request has', { operation: 'Invoke', payloads: [] }, "Unsupported element '$[payloads]'."],
      [
        'a list',
        [{ operation: 'Invoke' }],
        'A Lambda request must be an object { operation, payload, invocationType }, not a list.',
      ],
    ])('refuses a request with %s as a MappingTemplate error, without invoking', async (_what, request, message) => {
      const seen = await call('echo', request);
      expect(seen.result).toBeNull();
      expect(seen.error?.type).toBe('MappingTemplate');
      expect(seen.error?.message).toContain(message);
    });
  });

  describe('what the function receives', () => {
    it('runs the handler with its own environment and a Lambda context of its own', async () => {
      const seen = await call('echo', { operation: 'Invoke', payload: {} });
      expect(seen.result).toEqual({
        event: {},
        tableAtLoad: 'posts-local',
        tableNow: 'posts-local',
        functionName: 'posts-echo',
        invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:posts-echo',
        hasTimeLeft: true,
      });
      expect(process.env.POSTS_TABLE).toBeUndefined();
    });

    it('returns data, as over the wire: Dates as strings, undefined fields and functions gone', async () => {
      expect((await call('odd', { operation: 'Invoke', payload: { kind: 'date' } })).result).toEqual({
        at: '1970-01-01T00:00:00.000Z',
      });
    });

    it('makes a handler that returns nothing null', async () => {
      expect(await call('odd', { operation: 'Invoke', payload: { kind: 'nothing' } })).toEqual({ result: null, error: null });
    });
  });

  describe('function errors (TUTORIAL: "Returning errors", "From the Lambda function")', () => {
    it("is ctx.error of type Lambda:Unhandled with the thrown error's message, its name kept as unhandledErrorType", async () => {
      const seen = await call('failing', { operation: 'Invoke', payload: { kind: 'error', id: 'p-9' } });
      expect(seen).toEqual({
        result: null,
        error: { type: 'Lambda:Unhandled', message: 'Post p-9 not found', unhandledErrorType: 'PostNotFound' },
      });
      expect(logs.some((line) => line.includes('\tERROR\tInvoke Error \t{"errorType":"PostNotFound"'))).toBe(true);
    });

    it('reports a thrown string as the Node.js runtime does (its typeof as the error type)', async () => {
      const seen = await call('failing', { operation: 'Invoke', payload: { kind: 'string' } });
      expect(seen.error).toEqual({
        type: 'Lambda:Unhandled',
        message: 'the posts table is unreachable',
        unhandledErrorType: 'string',
      });
    });

    it('raises nothing by itself: the response handler decides (here util.error, the type kept)', async () => {
      const { body } = await server.query('{ post(id: "p-7") }');
      expect(body.data).toEqual({ post: null });
      expect(body.errors).toMatchObject([{ path: ['post'], errorType: 'Lambda:Unhandled', message: 'Post p-7 not found' }]);
    });

    it('fails an invocation past the function timeout with Sandbox.Timedout', async () => {
      const seen = await call('hanging', { operation: 'Invoke', payload: {} });
      expect(seen.result).toBeNull();
      expect(seen.error).toMatchObject({ type: 'Lambda:Unhandled', unhandledErrorType: 'Sandbox.Timedout' });
      expect(seen.error?.message).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 0\.05 seconds$/);
      expect(logs.some((line) => / Task timed out after 0\.05 seconds$/.test(line))).toBe(true);
    });

    it('fails an invocation whose result is not JSON, as the runtime cannot send it', async () => {
      const seen = await call('odd', { operation: 'Invoke', payload: { kind: 'bigint' } });
      expect(seen.error).toEqual({
        type: 'Lambda:Unhandled',
        message: 'Do not know how to serialize a BigInt',
        unhandledErrorType: 'TypeError',
      });
    });
  });

  describe("Lambda's payload quotas (INVOKE_API: 6 MB synchronous, 1 MB asynchronous)", () => {
    it('refuses a RequestResponse payload over 6 MB before the function runs', async () => {
      const { body } = await server.query('{ padded(bytes: 6291456, invocationType: "RequestResponse") }');
      const seen = JSON.parse(body.data?.padded as string) as Seen;
      expect(seen).toEqual({
        result: null,
        error: {
          type: 'Lambda:RequestTooLargeException',
          message: '6291470 byte payload is too large for the RequestResponse invocation type (limit 6291456 bytes)',
        },
      });
    });

    it('refuses an Event payload over 1 MB', async () => {
      const { body } = await server.query('{ padded(bytes: 1048576, invocationType: "Event") }');
      const seen = JSON.parse(body.data?.padded as string) as Seen;
      expect(seen.error?.type).toBe('Lambda:RequestTooLargeException');
      expect(seen.error?.message).toContain('too large for the Event invocation type (limit 1048576 bytes)');
    });

    it('accepts a payload within the quota', async () => {
      const { body } = await server.query('{ padded(bytes: 1000000, invocationType: "RequestResponse") }');
      expect(JSON.parse(body.data?.padded as string)).toEqual({ result: 'returned', error: null });
    });

    it('fails a result over 6 MB with Function.ResponseSizeTooLarge', async () => {
      const seen = await call('odd', { operation: 'Invoke', payload: { kind: 'huge' } });
      expect(seen.error).toEqual({
        type: 'Lambda:Unhandled',
        message: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
        unhandledErrorType: 'Function.ResponseSizeTooLarge',
      });
    });
  });

  it.each([0, 900_001])('refuses a function timeout of %s ms, outside the 1 ms to 15 minutes Lambda allows', (timeoutMs) => {
    expect(() =>
      createAppSyncApi({
        schema,
        authentication: { defaultAuthentication: { type: 'API_KEY', apiKeys: [] }, additionalAuthentications: [] },
        dataSources: {
          echo: { type: 'AWS_LAMBDA', functionName: 'posts-echo', handler: posts.echo, region: 'eu-west-1', timeoutMs },
        },
        resolvers: [probing('echo')],
      }),
    ).toThrow('Lambda function posts-echo: timeoutMs must be above 0 and at most 900 000 (15 minutes).');
  });

  describe('invocationType Event (JS: "Invocation type")', () => {
    it('answers null at once and runs the function on its own', async () => {
      const seen = await call('notify', { operation: 'Invoke', invocationType: 'Event', payload: { orderId: 'o-1' } });
      expect(seen).toEqual({ result: null, error: null });
      await vi.waitFor(() => expect(posts.notifications).toContainEqual({ orderId: 'o-1' }));
    });

    it("reports no function error to the resolver: Lambda's asynchronous invocation reports to no caller", async () => {
      const seen = await call('notify', { operation: 'Invoke', invocationType: 'Event', payload: { fail: true } });
      expect(seen).toEqual({ result: null, error: null });
      await vi.waitFor(() => expect(logs.some((line) => line.includes('"errorMessage":"nobody is listening"'))).toBe(true));
    });
  });
});
