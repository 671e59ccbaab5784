// AWS_IAM authorization of a method: a SigV4 signature for `execute-api` in the API's region,
// then IAM's decision on execute-api:Invoke for the method's ARN.
import { type IamPrincipal, verifySigV4 } from '../iam/sigv4.ts';
import type { RestApiDefinition } from './definition.ts';
import { accessDenied, type GatewayError, signatureRejected } from './errors.ts';
import { signatureQuery } from '../http/url.ts';
import { type GatewayRequest, headersByName } from './request.ts';

export const EXECUTE_API_SERVICE = 'execute-api';

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path without the leading slash}` */
export function methodArn(definition: RestApiDefinition, restApiId: string, httpMethod: string, path: string): string {
  return `arn:aws:execute-api:${definition.region}:${definition.accountId}:${restApiId}/${definition.stage}/${httpMethod}/${path.replace(/^\//, '')}`;
}

export async function authorizeIam(
  request: GatewayRequest,
  definition: RestApiDefinition,
  arn: string,
  now?: () => Date,
): Promise<{ ok: true; principal: IamPrincipal } | { ok: false; error: GatewayError }> {
  const verified = await verifySigV4(
    {
      method: request.method,
      path: request.rawPath,
      query: signatureQuery(request.rawQuery),
      headers: headersByName(request),
      body: request.body,
    },
    { service: EXECUTE_API_SERVICE, region: definition.region, principals: definition.principals, ...(now ? { now } : {}) },
  );
  if (!verified.ok) return { ok: false, error: signatureRejected(verified.reason, verified.message) };
  const allowed = definition.isAllowed?.(verified.principal, arn) ?? true;
  if (!allowed) return { ok: false, error: accessDenied(verified.principal.userArn, arn) };
  return { ok: true, principal: verified.principal };
}
