// The limit: a bare graphql-js server with one hand-written resolver that does the same GetItem
// on the same DynamoDB Local table, with nothing else (no APPSYNC_JS, no field authorization).
// It keeps what any server would: parsed documents are cached and the API key is checked.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type DocumentNode, execute, type GraphQLError, parse, validate } from 'graphql';
import { buildAppSyncSchema } from 'appsync-local/appsync/execution/schema.ts';
import { createLocalDynamoDbClient } from 'appsync-local/dynamodb/tables.ts';
import { PRODUCTS_TABLE } from '../../system/tables.ts';
import { PRODUCT_SCHEMA_SDL } from './productSchema.ts';
import { announceAndServe, failStart, readSettings } from './lifecycle.ts';

const schema = buildAppSyncSchema(PRODUCT_SCHEMA_SDL);

interface Body {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const DOCUMENT_CACHE_SIZE = 100;
const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

function documentOf(query: string): DocumentNode | readonly GraphQLError[] {
  let found = documents.get(query);
  if (found) return found;
  try {
    const document = parse(query);
    const errors = validate(schema, document);
    found = errors.length > 0 ? errors : document;
  } catch (error) {
    found = [error as GraphQLError];
  }
  if (documents.size >= DOCUMENT_CACHE_SIZE) documents.clear();
  documents.set(query, found);
  return found;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  const settings = readSettings();
  const client = createLocalDynamoDbClient(settings.dynamodbEndpoint);
  const tableName = `${settings.tablePrefix}${PRODUCTS_TABLE.name}`;
  const rootValue = {
    getProduct: async (args: { productId: string }): Promise<Record<string, unknown> | null> => {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: { productId: { S: args.productId } } }));
      return Item ? unmarshall(Item) : null;
    },
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'POST' || request.url !== '/graphql')
      return send(response, 404, { errors: [{ message: 'Not Found' }] });
    if (request.headers['x-api-key'] !== settings.apiKey) {
      request.resume();
      return send(response, 401, { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized.' }] });
    }
    let body: Body;
    try {
      body = JSON.parse(await readBody(request)) as Body;
    } catch {
      return send(response, 400, { errors: [{ message: 'Unable to parse GraphQL query.' }] });
    }
    if (typeof body.query !== 'string') return send(response, 400, { errors: [{ message: 'Unable to parse GraphQL query.' }] });
    const document = documentOf(body.query);
    if (!('kind' in document)) return send(response, 200, { data: null, errors: document });
    const result = await execute({
      schema,
      document,
      rootValue,
      variableValues: (body.variables ?? {}) as Record<string, unknown>,
      operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
    });
    send(response, 200, result);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('bare server: unexpected error', error);
      if (!response.headersSent) send(response, 500, { errors: [{ message: 'Internal failure' }] });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  announceAndServe(`http://127.0.0.1:${port}/graphql`, async () => {
    server.closeAllConnections();
    await new Promise<void>((closed) => server.close(() => closed()));
    client.destroy();
  });
} catch (error) {
  failStart(error);
}
