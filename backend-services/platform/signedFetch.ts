// Service-to-service HTTP: a JSON request SigV4-signed (execute-api by default) with the
// function's own credentials, a timeout per attempt, and one retry on what may pass (no answer,
// 5xx) but never on 4xx, which would only be refused again.
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { parseJsonOrUndefined } from './json.ts';
import { Sha256 } from './sha256.ts';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignedFetchOptions {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly region: string;
  /** Serialized as JSON. */
  readonly body?: unknown;
  /** Default execute-api. */
  readonly service?: string;
  /** Per attempt; default 3000 (SIGNED_FETCH_DEFAULTS). */
  readonly timeoutMs?: number;
  /** Extra attempts after no answer or a 5xx; default 1 (SIGNED_FETCH_DEFAULTS). */
  readonly retries?: number;
  /** Default: the standard AWS environment variables, which Lambda sets for its role. */
  readonly credentials?: CredentialsSource;
}

export type CredentialsSource = () => Promise<Credentials>;

export interface SignedResponse {
  readonly status: number;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  readonly body: unknown;
}

/** No answer at all: the connection failed or the timeout passed, on every attempt. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

export const SIGNED_FETCH_DEFAULTS = { timeoutMs: 3_000, retries: 1 } as const;
const RETRY_DELAY_MS = 100;

/** The pause before an attempt after the first. */
const pauseBefore = (attempt: number) => RETRY_DELAY_MS * attempt;

/** The longest a call can take: every attempt timed out, and the pauses between them (6.2 s by default). */
export function signedFetchWorstCaseMs(options: Pick<SignedFetchOptions, 'timeoutMs' | 'retries'> = {}): number {
  const attempts = 1 + (options.retries ?? SIGNED_FETCH_DEFAULTS.retries);
  let pauses = 0;
  for (let attempt = 2; attempt <= attempts; attempt += 1) pauses += pauseBefore(attempt);
  return attempts * (options.timeoutMs ?? SIGNED_FETCH_DEFAULTS.timeoutMs) + pauses;
}

export async function signedFetch(url: string, options: SignedFetchOptions): Promise<SignedResponse> {
  const attempts = 1 + (options.retries ?? SIGNED_FETCH_DEFAULTS.retries);
  let failure: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, pauseBefore(attempt)));
    try {
      const response = await send(url, options);
      if (response.status < 500 || attempt === attempts) return response;
    } catch (error) {
      failure = error;
    }
  }
  throw new UnreachableError(`${options.method} ${url} got no answer after ${attempts} attempt(s): ${describe(failure)}`, {
    cause: failure,
  });
}

async function send(url: string, options: SignedFetchOptions): Promise<SignedResponse> {
  const target = new URL(url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const signer = signerFor(options.credentials ?? credentialsFromEnvironment, options.region, options.service ?? 'execute-api');
  const request = new HttpRequest({
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port ? Number(target.port) : undefined,
    method: options.method,
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: {
      host: target.host,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
  });
  const signed = await signer.sign(request);
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(target, {
    method: options.method,
    headers,
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? SIGNED_FETCH_DEFAULTS.timeoutMs),
  });
  return { status: response.status, body: parseJsonOrUndefined(await response.text()) };
}

// A signer holds no credentials (it asks its source at every signature, so rotated keys are
// used as soon as the source returns them), only the source, region and service: one per
// combination serves every call, and a source no longer referenced takes its signers with it.
const signers = new WeakMap<CredentialsSource, Map<string, SignatureV4>>();

function signerFor(credentials: CredentialsSource, region: string, service: string): SignatureV4 {
  let byScope = signers.get(credentials);
  if (!byScope) signers.set(credentials, (byScope = new Map()));
  const scope = `${region}/${service}`;
  let signer = byScope.get(scope);
  if (!signer) byScope.set(scope, (signer = new SignatureV4({ credentials, region, service, sha256: Sha256 })));
  return signer;
}

export async function credentialsFromEnvironment(): Promise<Credentials> {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set to sign service-to-service calls.');
  }
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
