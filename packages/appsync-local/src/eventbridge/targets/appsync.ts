// The AppSync target: calls a GraphQL operation (EventBridge's AppSyncParameters.GraphQLOperation)
// with the target's input as its variables, signed with SigV4 for `appsync` — the only
// authorization EventBridge's AppSync targets use. An HTTP error or a GraphQL `errors` list fails
// the delivery, so it is retried and, in the end, dead-lettered.
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../iam/sha256.ts';
import type { EventBridgeEvent } from '../event.ts';

export interface AppSyncTargetOptions {
  graphqlUrl: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The GraphQL operation, e.g. `mutation Publish($input: X!) { publish(input: $input) { id } }`. */
  document: string;
  operationName?: string;
  timeoutMs?: number;
}

export class AppSyncTargetError extends Error {
  override readonly name = 'AppSyncTargetError';

  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
  }
}

const MAX_BODY_IN_MESSAGE = 500;

export function createAppSyncTarget(options: AppSyncTargetOptions): (input: unknown, event: EventBridgeEvent) => Promise<void> {
  const url = new URL(options.graphqlUrl);
  const signer = new SignatureV4({
    service: 'appsync',
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
  });
  return async (input) => {
    const body = JSON.stringify({
      query: options.document,
      variables: input ?? {},
      ...(options.operationName ? { operationName: options.operationName } : {}),
    });
    const request = new HttpRequest({
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      method: 'POST',
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    });
    const signed = await signer.sign(request);
    const { host: _host, ...headers } = signed.headers;
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new AppSyncTargetError(
        `AppSync answered ${response.status}: ${text.slice(0, MAX_BODY_IN_MESSAGE)}`,
        response.status,
        text,
      );
    const errors = graphqlErrors(text);
    if (errors.length > 0)
      throw new AppSyncTargetError(`The GraphQL operation failed: ${errors.join('; ')}`, response.status, text);
  };
}

function graphqlErrors(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return ['the response is not JSON'];
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return [];
  return errors.map((error) => {
    const { message, errorType } = (error ?? {}) as { message?: unknown; errorType?: unknown };
    return [typeof errorType === 'string' ? errorType : undefined, typeof message === 'string' ? message : JSON.stringify(error)]
      .filter(Boolean)
      .join(': ');
  });
}
