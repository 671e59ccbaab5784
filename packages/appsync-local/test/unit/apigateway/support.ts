// Calls a local REST API as AppSync's HTTP resolver does: SigV4-signed (service execute-api) with
// @smithy/signature-v4, sent with fetch.
import type { RestApiDefinition } from '../../../src/apigateway/index.ts';
import type { APIGatewayProxyEvent, LambdaContext, ProxyHandler } from '../../../src/apigateway/index.ts';
import type { IamPrincipal } from '../../../src/iam/sigv4.ts';
import { signHeaders, type SignOptions } from '../../../src/testing/sigv4Fetch.ts';

export const REGION = 'eu-west-1';
export const ACCOUNT_ID = '123456789012';

export const appsyncRole: IamPrincipal = {
  accessKeyId: 'ASIAAPPSYNCROLEEXAMPLE',
  secretAccessKey: 'appsync-role-secret-key-example-0000000000',
  sessionToken: 'appsync-role-session-token',
  accountId: ACCOUNT_ID,
  userArn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/AppSyncServiceRole/APPSYNC_ASSUME_ROLE`,
  username: 'AROAAPPSYNCROLEEXAMPLE:APPSYNC_ASSUME_ROLE',
};

export const outsider: IamPrincipal = {
  accessKeyId: 'AKIAOUTSIDEREXAMPLE1',
  secretAccessKey: 'outsider-secret-key-example-00000000000000',
  accountId: '210987654321',
  userArn: 'arn:aws:iam::210987654321:user/outsider',
  username: 'AIDAOUTSIDEREXAMPLE1',
};

export const principals = (accessKeyId: string): IamPrincipal | undefined =>
  [appsyncRole, outsider].find((principal) => principal.accessKeyId === accessKeyId);

export function apiDefinition(overrides: Partial<RestApiDefinition> & Pick<RestApiDefinition, 'routes'>): RestApiDefinition {
  return {
    name: 'products',
    stage: 'prod',
    authorization: 'AWS_IAM',
    region: REGION,
    accountId: ACCOUNT_ID,
    principals,
    ...overrides,
  };
}

export type SignedFetchOptions = Omit<SignOptions, 'credentials' | 'region'> &
  Partial<Pick<SignOptions, 'credentials' | 'region'>> & {
    /** Sent instead of the signed body. */
    sendBody?: string;
  };

/** `url` may carry a query string; its values are decoded with decodeURIComponent for signing. */
export async function signedFetch(url: string, options: SignedFetchOptions = {}): Promise<Response> {
  const headers = await signedHeaders(url, options);
  return fetch(url, { method: options.method ?? 'GET', headers, body: options.sendBody ?? options.body });
}

/** Signed as AppSync's role signs, in this file's region, unless the options say otherwise. */
export function signedHeaders(url: string, options: SignedFetchOptions = {}): Promise<Record<string, string>> {
  return signHeaders(url, { ...options, credentials: options.credentials ?? appsyncRole, region: options.region ?? REGION });
}

export interface Invocation {
  event: APIGatewayProxyEvent;
  context: LambdaContext;
  remainingAtStart: number;
}

/** A handler that answers 200 with its event, and remembers every invocation. */
export function echoHandler(): { handler: ProxyHandler; invocations: Invocation[] } {
  const invocations: Invocation[] = [];
  const handler: ProxyHandler = async (event, context) => {
    invocations.push({ event, context, remainingAtStart: context.getRemainingTimeInMillis() });
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) };
  };
  return { handler, invocations };
}

export function collectLog(): { log: (line: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { log: (line) => lines.push(line), lines };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
