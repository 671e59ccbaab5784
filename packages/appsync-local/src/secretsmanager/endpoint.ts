// The HTTP face of the local Secrets Manager: POST / over the AWS JSON 1.1 protocol, SigV4-verified
// for the `secretsmanager` service, X-Amz-Target `secretsmanager.GetSecretValue`, answering with
// AWS's JSON error shapes (all with status 400, as JSON-protocol front ends answer).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { firstHeader, SIGV4_FAILURE_CODES, sendAwsJson } from '../http/awsJson.ts';
import { readBodyWithin } from '../http/body.ts';
import { splitUrl } from '../http/url.ts';
import { verifySigV4, type IamPrincipal } from '../iam/sigv4.ts';
import { ERROR_CODES, SecretsManagerError } from './errors.ts';
import { getSecretValue, parseGetSecretValueBody, type IsAllowed } from './getSecretValue.ts';
import type { SecretStore } from './store.ts';

export interface EndpointOptions {
  region: string;
  principals: (accessKeyId: string) => IamPrincipal | undefined;
  isAllowed: IsAllowed;
  store: SecretStore;
}

export const SIGNING_SERVICE = 'secretsmanager';
const TARGET_PREFIX = 'secretsmanager.';
/** A GetSecretValue request is a few hundred bytes; this only keeps a runaway client out. */
const MAX_BODY_BYTES = 1024 * 1024;

export function createEndpointHandler(options: EndpointOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = splitUrl(request.url ?? '/').rawPath;
    if (request.method !== 'POST' || path !== '/')
      return sendAwsJson(response, 404, { message: 'Not Found' }, 'application/json');
    try {
      const bytes = await readBodyWithin(request, MAX_BODY_BYTES);
      if (bytes === undefined) throw new SecretsManagerError(ERROR_CODES.validation, 'The request body is too large.');
      const body = bytes.toString('utf8');
      const verified = await verifySigV4(
        { method: 'POST', path, query: {}, headers: request.headers, body },
        { service: SIGNING_SERVICE, region: options.region, principals: options.principals },
      );
      if (!verified.ok) throw new SecretsManagerError(SIGV4_FAILURE_CODES[verified.reason], verified.message);
      const target = firstHeader(request.headers['x-amz-target']);
      if (target !== `${TARGET_PREFIX}GetSecretValue`) throw unknownOperation(target);
      return sendAwsJson(response, 200, getSecretValue(parseGetSecretValueBody(body), verified.principal, options));
    } catch (error) {
      if (error instanceof SecretsManagerError) return sendAwsJson(response, error.status, error.toJSON());
      console.error('local Secrets Manager: unexpected error', error);
      return sendAwsJson(
        response,
        500,
        new SecretsManagerError(ERROR_CODES.internal, 'An internal error occurred.', 500).toJSON(),
      );
    }
  };
}

function unknownOperation(target: string | undefined): SecretsManagerError {
  const message = target?.startsWith(TARGET_PREFIX)
    ? `${target} is not served by the local Secrets Manager: only GetSecretValue is; secrets are declared when it is created.`
    : `Unknown operation ${target ?? '(no X-Amz-Target header)'}.`;
  return new SecretsManagerError(ERROR_CODES.unknownOperation, message);
}
