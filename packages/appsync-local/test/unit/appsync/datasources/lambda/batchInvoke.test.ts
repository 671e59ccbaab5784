// The AWS_LAMBDA data source's BatchInvoke, driven as a client drives it: a list of posts, each
// resolving fields through one Lambda function, whose every invocation the fixture keeps.
//
// AppSync's documentation, cited by the tests:
// - JS: https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-lambda-js.html
// - TUTORIAL: https://docs.aws.amazon.com/appsync/latest/devguide/tutorial-lambda-resolvers.html
//   ("Advanced use case: Batching", "Returning individual errors")
// - TEMPLATES: https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-lambda.html
//   ("Direct Lambda Resolvers: Batching enabled": maxBatchSize, 0 turns batching off)
// - API: https://docs.aws.amazon.com/appsync/latest/APIReference/API_Resolver.html (maxBatchSize 0–2000)
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiDefinitionError, createAppSyncApi } from '../../../../../src/appsync/api.ts';
import type { RequestScope } from '../../../../../src/appsync/execution/context.ts';
import * as posts from '../../../../fixtures/lambda/posts.ts';
import { code, serveInline, TEST_API_KEY } from '../../../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  type Query {
    posts(ids: [ID!]!): [Post]
  }
  type Post {
    id: ID!
    related: AWSJSON
    relatedOneByOne: AWSJSON
    relatedViaPipeline: AWSJSON
    relatedIds: [String]
    announced: AWSJSON
  }
`;

/** Asks for this post's related posts in a batch; answers with what the response handler saw. */
const batchProbe = (field: string, invocationType = 'RequestResponse') =>
  code(`
    export function request(ctx) {
      return { operation: 'BatchInvoke', invocationType: '${invocationType}', payload: { id: ctx.source.id, field: '${field}' } };
    }
    export function response(ctx) { return JSON.stringify({ result: ctx.result, error: ctx.error || null }) }
  `);

const region = 'eu-west-1';

describe('the AWS_LAMBDA data source: BatchInvoke', () => {
  const logs: string[] = [];
  let server: Awaited<ReturnType<typeof serveInline>>;

  beforeAll(async () => {
    const log = (line: string) => logs.push(line);
    server = await serveInline({
      schema,
      dataSources: {
        list: { type: 'NONE' },
        related: { type: 'AWS_LAMBDA', functionName: 'posts-related', handler: posts.related, region, log },
        notify: { type: 'AWS_LAMBDA', functionName: 'posts-notify', handler: posts.notify, region, log },
      },
      functions: {
        relatedInBatches: { dataSource: 'related', code: batchProbe('relatedViaPipeline'), maxBatchSize: 2 },
      },
      resolvers: [
        {
          typeName: 'Query',
          fieldName: 'posts',
          dataSource: 'list',
          code: code(`
            export function request(ctx) { return { payload: ctx.args.ids.map((id) => ({ id })) } }
            export function response(ctx) { return ctx.result }
          `),
        },
        { typeName: 'Post', fieldName: 'related', dataSource: 'related', code: batchProbe('related'), maxBatchSize: 3 },
        { typeName: 'Post', fieldName: 'relatedOneByOne', dataSource: 'related', code: batchProbe('relatedOneByOne') },
        {
          typeName: 'Post',
          fieldName: 'relatedViaPipeline',
          kind: 'PIPELINE',
          functions: ['relatedInBatches'],
          code: code(`
            export function request() { return {} }
            export function response(ctx) { return ctx.prev.result }
          `),
        },
        {
          // The response handler of TUTORIAL's "Returning individual errors", in APPSYNC_JS.
          typeName: 'Post',
          fieldName: 'relatedIds',
          dataSource: 'related',
          maxBatchSize: 10,
          code: code(`
            export function request(ctx) { return { operation: 'BatchInvoke', payload: { id: ctx.source.id, field: 'relatedIds' } } }
            export function response(ctx) {
              if (ctx.error) util.error(ctx.error.message, ctx.error.type);
              if (ctx.result && ctx.result.errorMessage) util.error(ctx.result.errorMessage, ctx.result.errorType, ctx.result.data);
              return ctx.result ? ctx.result.data : null;
            }
          `),
        },
        {
          typeName: 'Post',
          fieldName: 'announced',
          dataSource: 'notify',
          code: batchProbe('announced', 'Event'),
          maxBatchSize: 3,
        },
      ],
    });
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    posts.relatedEvents.length = 0;
  });

  async function resolve(field: string, ids: string[]) {
    const { body } = await server.query(`query ($ids: [ID!]!) { posts(ids: $ids) { id ${field} } }`, { ids });
    return body;
  }

  async function seenBy(field: string, ids: string[]): Promise<Record<string, unknown>> {
    const body = await resolve(field, ids);
    expect(body.errors).toBeUndefined();
    const list = (body.data?.posts ?? []) as Record<string, string>[];
    return Object.fromEntries(list.map((post) => [post.id, JSON.parse(post[field]!) as unknown]));
  }

  const invocations = () => posts.relatedEvents.map((event) => event.map((request) => request.id));

  describe('batches (TUTORIAL: "Advanced use case: Batching"; TEMPLATES: "sizes up to maxBatchSize")', () => {
    it("invokes once with the list of every sibling's payload and gives each its element", async () => {
      const seen = await seenBy('related', ['p1', 'p2', 'p3']);
      expect(posts.relatedEvents).toEqual([
        [
          { id: 'p1', field: 'related' },
          { id: 'p2', field: 'related' },
          { id: 'p3', field: 'related' },
        ],
      ]);
      expect(seen).toEqual({
        p1: { result: { data: ['p1-a', 'p1-b'] }, error: null },
        p2: { result: { data: ['p2-a', 'p2-b'] }, error: null },
        p3: { result: { data: ['p3-a', 'p3-b'] }, error: null },
      });
    });

    it('splits the calls into batches of at most maxBatchSize, in order', async () => {
      await seenBy('related', ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
      expect(invocations()).toEqual([['p1', 'p2', 'p3'], ['p4', 'p5', 'p6'], ['p7']]);
    });

    it('batches the calls of a pipeline function by its own maxBatchSize', async () => {
      const seen = await seenBy('relatedViaPipeline', ['p1', 'p2', 'p3']);
      expect(invocations()).toEqual([['p1', 'p2'], ['p3']]);
      expect(seen.p3).toEqual({ result: { data: ['p3-a', 'p3-b'] }, error: null });
    });

    it('sends each call alone, still as a list, when the resolver sets no maxBatchSize (0: batching off)', async () => {
      const seen = await seenBy('relatedOneByOne', ['p1', 'p2']);
      expect(invocations()).toEqual([['p1'], ['p2']]);
      expect(seen.p2).toEqual({ result: { data: ['p2-a', 'p2-b'] }, error: null });
    });

    it('keeps the calls of different resolvers in different batches', async () => {
      await resolve('related relatedIds', ['p1', 'p2']);
      expect(posts.relatedEvents.map((event) => event.map((r) => `${r.field}:${r.id}`))).toEqual([
        ['related:p1', 'related:p2'],
        ['relatedIds:p1', 'relatedIds:p2'],
      ]);
    });

    it('never puts the calls of two requests in one batch, even when they come in the same turn', async () => {
      const scope: RequestScope = {
        auth: { authType: 'API_KEY', identity: null },
        headers: { 'x-api-key': TEST_API_KEY },
        domainName: null,
        env: {},
        variables: {},
      };
      const query = 'query ($ids: [ID!]!) { posts(ids: $ids) { related } }';
      await Promise.all([
        server.api.engine.execute({ query, variables: { ids: ['a1', 'a2'] } }, scope),
        server.api.engine.execute({ query, variables: { ids: ['b1', 'b2'] } }, scope),
      ]);
      expect(invocations()).toEqual([
        ['a1', 'a2'],
        ['b1', 'b2'],
      ]);
    });
  });

  describe('results (JS: "Lambda function batched response")', () => {
    it('hands each element to its call as ctx.result, as it is; a null element is a null result', async () => {
      const seen = await seenBy('related', ['p1', 'missing-1', 'nothing']);
      expect(seen).toEqual({
        p1: { result: { data: ['p1-a', 'p1-b'] }, error: null },
        'missing-1': {
          result: { data: null, errorMessage: 'No posts are related to missing-1', errorType: 'NotFound' },
          error: null,
        },
        nothing: { result: null, error: null },
      });
    });

    it('lets the response handler turn an element carrying errorMessage into that field\'s error ("Returning individual errors")', async () => {
      const body = await resolve('relatedIds', ['p1', 'missing-2', 'p3']);
      expect(body.data).toEqual({
        posts: [
          { id: 'p1', relatedIds: ['p1-a', 'p1-b'] },
          { id: 'missing-2', relatedIds: null },
          { id: 'p3', relatedIds: ['p3-a', 'p3-b'] },
        ],
      });
      expect(body.errors).toMatchObject([
        { path: ['posts', 1, 'relatedIds'], errorType: 'NotFound', message: 'No posts are related to missing-2' },
      ]);
    });

    it('fails every call of the batch when the function throws ("flags an entire batch as failed")', async () => {
      const seen = await seenBy('related', ['p1', 'boom']);
      const error = { type: 'Lambda:Unhandled', message: 'the related-posts index is down', unhandledErrorType: 'Error' };
      expect(seen).toEqual({ p1: { result: null, error }, boom: { result: null, error } });
    });

    it('fails every call when the list does not match the batch in size ("must match in size and order")', async () => {
      const seen = await seenBy('related', ['p1', 'short', 'p3']);
      const error = {
        type: 'Lambda:BatchResponseMismatch',
        message:
          'The function answered a BatchInvoke of 3 payloads with a list of 2; it must return a list of 3 results, one per payload, in order.',
      };
      expect(seen).toEqual({ p1: { result: null, error }, short: { result: null, error }, p3: { result: null, error } });
    });

    it('fails every call when the answer is not a list', async () => {
      const seen = await seenBy('related', ['object', 'p2']);
      expect(seen.p2).toMatchObject({ result: null, error: { type: 'Lambda:BatchResponseMismatch' } });
      expect((seen.p2 as { error: { message: string } }).error.message).toContain('with a JSON object');
    });
  });

  describe('with invocationType Event (JS: "Invocation type")', () => {
    it('sends the batch as one asynchronous event whose payload is the list; every call gets null', async () => {
      const notified = posts.notifications.length;
      const seen = await seenBy('announced', ['p1', 'p2']);
      expect(seen).toEqual({ p1: { result: null, error: null }, p2: { result: null, error: null } });
      await vi.waitFor(() =>
        expect(posts.notifications.slice(notified)).toEqual([
          [
            { id: 'p1', field: 'announced' },
            { id: 'p2', field: 'announced' },
          ],
        ]),
      );
    });
  });

  it.each([-1, 2001, 1.5])("refuses a maxBatchSize of %s, outside AppSync's 0–2000 (API: Resolver)", (maxBatchSize) => {
    expect(() =>
      createAppSyncApi({
        schema,
        authentication: { defaultAuthentication: { type: 'API_KEY', apiKeys: [] }, additionalAuthentications: [] },
        dataSources: { related: { type: 'AWS_LAMBDA', functionName: 'f', handler: posts.related, region } },
        resolvers: [{ typeName: 'Post', fieldName: 'related', dataSource: 'related', code: batchProbe('related'), maxBatchSize }],
      }),
    ).toThrow(new ApiDefinitionError(`Post.related: maxBatchSize must be an integer from 0 to 2000, not ${maxBatchSize}.`));
  });
});
