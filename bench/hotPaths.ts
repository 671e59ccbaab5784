// The runtime's per-request costs, in this process, without HTTP or a database: what each signed,
// authenticated or proxied request pays before and after its handler. Each case is timed in
// batches (a single call is below the clock's grain); p50/p99 are over the batches' means,
// medians over the runs, as in resolverEval.ts.
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createRestApi } from 'appsync-local/apigateway/restApi.ts';
import { createAuthenticator } from 'appsync-local/appsync/auth/index.ts';
import { buildContext, type RequestScope } from 'appsync-local/appsync/execution/context.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { type IamPrincipal, verifySigV4 } from 'appsync-local/iam/sigv4.ts';
import { signHeaders } from 'appsync-local/testing/sigv4Fetch.ts';
import { Sha256 } from '../backend-services/platform/sha256.ts';
import { PRODUCT_QUERY, type BenchConfig } from './config.ts';
import { sampleBatches } from './load.ts';
import { alignColumns } from './table.ts';

export interface HotPathCase {
  readonly label: string;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly calls: number;
}

interface Case {
  readonly label: string;
  /** Calls timed together: enough that a batch lasts well above the clock's grain. */
  readonly batch: number;
  readonly call: () => unknown;
}

const REGION = 'eu-west-1';
const NOW = new Date();
const ROLE: IamPrincipal = {
  accessKeyId: 'ASIABENCHEXAMPLE',
  secretAccessKey: 'bench-secret-key-example-0000000000',
  sessionToken: 'bench-session-token',
  accountId: '000000000000',
  userArn: 'arn:aws:sts::000000000000:assumed-role/bench/local',
  username: 'AROABENCH:local',
};
/** A service call's body, as the resolvers send them (a page of order ids). */
const BODY = JSON.stringify({ orderIds: Array.from({ length: 10 }, (_, i) => `order-${i}`) });

export async function benchHotPaths(config: BenchConfig): Promise<HotPathCase[]> {
  const cases = [signCase(), await verifyCase(), policyCase(), await cognitoCase(), await gatewayCase(), await contextCase()];
  const measured: HotPathCase[] = [];
  for (const c of cases) measured.push(await measureCase(c, config));
  return measured;
}

/** signedFetch's signature: one signer for its credentials, region and service, node:crypto's SHA-256. */
function signCase(): Case {
  const signer = new SignatureV4({ credentials: async () => ROLE, region: REGION, service: 'execute-api', sha256: Sha256 });
  const request = () =>
    new HttpRequest({
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4010,
      method: 'POST',
      path: '/prod/payments/batch',
      headers: { host: '127.0.0.1:4010', accept: 'application/json', 'content-type': 'application/json' },
      body: BODY,
    });
  return { label: 'SigV4 sign (signedFetch)', batch: 100, call: () => signer.sign(request()) };
}

/** What the API Gateway host and AppSync's IAM mode check on every signed request. */
async function verifyCase(): Promise<Case> {
  const url = 'http://127.0.0.1:4010/prod/payments/batch';
  const headers = await signHeaders(url, { credentials: ROLE, region: REGION, method: 'POST', body: BODY, signingDate: NOW });
  const request = {
    method: 'POST',
    path: '/prod/payments/batch',
    query: {},
    headers: { ...headers, host: '127.0.0.1:4010' },
    body: BODY,
  };
  const options = { service: 'execute-api', region: REGION, principals: () => ROLE, now: () => NOW };
  const first = await verifySigV4(request, options);
  if (!first.ok) throw new Error(`SigV4 verification refused the benchmark's request: ${first.message}`);
  return { label: 'SigV4 verify', batch: 100, call: () => verifySigV4(request, options) };
}

/** One IAM decision against a role of three statements, as AppSync's IAM mode asks per top-level field. */
function policyCase(): Case {
  const iam = new LocalIam();
  const role = iam.createRole('bench', [
    { action: 'execute-api:Invoke', resource: 'arn:aws:execute-api:eu-west-1:000000000000:abc/prod/POST/payments/*' },
    {
      action: 'events:PutEvents',
      resource: 'arn:aws:events:*:*:event-bus/orders',
      condition: { StringLike: { 'events:source': 'ecommerce.*' } },
    },
    { action: 'appsync:GraphQL', resource: 'arn:aws:appsync:*:*:apis/*/types/Mutation/fields/publish*' },
  ]);
  const resource = 'arn:aws:appsync:eu-west-1:000000000000:apis/bench/types/Mutation/fields/publishOrderStatus';
  return { label: 'IAM policy check (3 statements)', batch: 2000, call: () => iam.isAllowed(role, 'appsync:GraphQL', resource) };
}

/** A signed-in client's requests: the same ID token each time. */
async function cognitoCase(): Promise<Case> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_bench';
  const token = await new SignJWT({
    sub: 'u-1',
    aud: 'bench-client',
    token_use: 'id',
    'cognito:username': 'u-1',
    'cognito:groups': ['customer'],
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const authenticator = createAuthenticator({
    defaultAuthentication: {
      type: 'AMAZON_COGNITO_USER_POOLS',
      userPoolId: 'eu-west-1_bench',
      region: REGION,
      issuer,
      jwks: { keys: [jwk] },
      appIdClientRegex: 'bench-client',
    },
    additionalAuthentications: [],
  });
  const request = {
    method: 'POST',
    path: '/graphql',
    query: {},
    body: '{}',
    headers: { authorization: token },
    sourceIp: '127.0.0.1',
  };
  const first = await authenticator.authenticate(request);
  if (!first.ok) throw new Error(`Cognito authentication refused the benchmark's token: ${JSON.stringify(first.body)}`);
  return { label: 'Cognito token (the same token again)', batch: 100, call: () => authenticator.authenticate(request) };
}

/** A proxy request through the API Gateway host to a handler that parses its body and answers JSON. */
async function gatewayCase(): Promise<Case> {
  const answer = JSON.stringify({
    payments: Array.from({ length: 10 }, (_, i) => ({ orderId: `order-${i}`, status: 'AUTHORIZED', amount: 4200 })),
  });
  const api = createRestApi(
    {
      name: 'bench',
      stage: 'prod',
      authorization: 'NONE',
      region: REGION,
      accountId: ROLE.accountId,
      principals: () => undefined,
      routes: [
        {
          method: 'POST',
          path: '/payments/batch',
          functionName: 'bench',
          handler: async (event) => {
            JSON.parse(event.body ?? 'null');
            return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: answer };
          },
        },
      ],
    },
    { log: () => undefined },
  );
  const headers = await signHeaders('http://127.0.0.1:4010/prod/payments/batch', {
    credentials: ROLE,
    region: REGION,
    method: 'POST',
    body: BODY,
  });
  const request = {
    method: 'POST',
    rawPath: '/prod/payments/batch',
    rawQuery: '',
    rawHeaders: [['Host', '127.0.0.1:4010'], ['Content-Type', 'application/json'], ...Object.entries(headers)] as [
      string,
      string,
    ][],
    body: Buffer.from(BODY),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    localPort: 4010,
  };
  const first = await api.handle(request, request.rawPath);
  if (first.statusCode !== 200) throw new Error(`The API Gateway host answered ${first.statusCode}: ${first.body.toString()}`);
  return { label: 'API Gateway proxy request (in process)', batch: 100, call: () => api.handle(request, request.rawPath) };
}

/** The ctx of getProduct's resolver, as the runtime builds it per field (ctx.info included). */
async function contextCase(): Promise<Case> {
  const schema = buildSchema(`
    type Query { getProduct(productId: ID!): Product }
    type Product { productId: ID! name: String price: Int stock: Int package: Package }
    type Package { width: Int length: Int height: Int weight: Int }
  `);
  let info: GraphQLResolveInfo | undefined;
  await execute({
    schema,
    document: parse(PRODUCT_QUERY),
    variableValues: { id: 'p-1' },
    rootValue: { getProduct: (_args: unknown, _context: unknown, fieldInfo: GraphQLResolveInfo) => ((info = fieldInfo), null) },
  });
  if (!info) throw new Error('getProduct was not resolved.');
  const fieldInfo = info;
  const scope: RequestScope = {
    auth: { authType: 'API_KEY', identity: null },
    headers: {},
    domainName: null,
    env: {},
    variables: { id: 'p-1' },
  };
  return {
    label: 'ctx of a field (getProduct)',
    batch: 2000,
    call: () => buildContext(null, { productId: 'p-1' }, fieldInfo, scope),
  };
}

async function measureCase(c: Case, config: BenchConfig): Promise<HotPathCase> {
  const batchesPerRun = Math.max(5, Math.round(config.seconds * 10));
  for (let i = 0; i < c.batch; i += 1) await c.call();
  const figures = await sampleBatches(config.runs, batchesPerRun, c.batch, async () => {
    for (let i = 0; i < c.batch; i += 1) await c.call();
  });
  return { label: c.label, ...figures };
}

export function renderHotPathsTable(cases: readonly HotPathCase[]): string {
  return alignColumns([
    ['per request', 'p50 µs', 'p99 µs', 'calls'],
    ...cases.map((c) => [c.label, c.p50Us.toFixed(1), c.p99Us.toFixed(1), String(c.calls)]),
  ]).join('\n');
}
