// What a local REST API is made of, and the checks API Gateway would make when it is deployed.
import { createHash } from 'node:crypto';
import type { IamPrincipal } from '../iam/sigv4.ts';
import type { ProxyHandler } from './lambdaTypes.ts';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';

/** A method's `authorizationType`: SigV4 and an IAM policy check, or nothing. */
export type AuthorizationType = 'AWS_IAM' | 'NONE';

export interface RouteDefinition {
  method: RouteMethod;
  /** An API Gateway resource path: `/products`, `/products/{productId}`, `/{proxy+}`. */
  path: string;
  functionName: string;
  handler: ProxyHandler;
  /** The integration timeout (API Gateway's `timeoutInMillis`, at least 50). Past it: 504. Default 29 000. */
  timeoutMs?: number;
  /** The Lambda function's own timeout. Past it the invocation fails: 502. Default: the integration timeout. */
  functionTimeoutMs?: number;
  /** This method's `authorizationType`, overriding the API's `authorization`. */
  authorization?: AuthorizationType;
}

export interface RestApiDefinition {
  name: string;
  /** The stage name, the first path segment: `prod`. */
  stage: string;
  routes: RouteDefinition[];
  /** The methods' `authorizationType` unless a route sets its own. */
  authorization: AuthorizationType;
  region: string;
  accountId: string;
  /** Default: derived from `name`, so a restarted stack keeps its URLs. */
  restApiId?: string;
  principals: (accessKeyId: string) => IamPrincipal | undefined;
  /** IAM policy check: may this principal invoke this method/resource? (execute-api:Invoke on arn:aws:execute-api:region:account:apiId/stage/METHOD/path) */
  isAllowed?: (principal: IamPrincipal, methodArn: string) => boolean;
  /** The stage's variables, passed to handlers as `event.stageVariables`. */
  stageVariables?: Record<string, string>;
  /** Content types sent to handlers base64-encoded (`image/png`, `image/*`, `*\/*`). Default: none, as on AWS. */
  binaryMediaTypes?: string[];
}

export const INTEGRATION_TIMEOUT_MS = 29_000;
const MIN_INTEGRATION_TIMEOUT_MS = 50;
const STAGE_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const PATH_PART = /^(?:[a-zA-Z0-9._~:@!$&'()*+,;=-]+|\{[a-zA-Z0-9._-]+\+?\})$/;

export class InvalidDefinitionError extends Error {
  override name = 'InvalidDefinitionError';
}

/** Throws on what API Gateway would refuse to create or deploy. */
export function assertValidDefinition(definition: RestApiDefinition): void {
  const problems: string[] = [];
  if (!STAGE_NAME.test(definition.stage)) {
    problems.push(`Stage name "${definition.stage}" may only contain alphanumerics, hyphens and underscores.`);
  }
  const seen = new Set<string>();
  for (const route of definition.routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) problems.push(`Method ${key} is defined twice.`);
    seen.add(key);
    problems.push(...pathProblems(route.path));
    for (const [name, value] of [
      ['timeoutMs', route.timeoutMs],
      ['functionTimeoutMs', route.functionTimeoutMs],
    ] as const) {
      if (value !== undefined && (!Number.isFinite(value) || value < MIN_INTEGRATION_TIMEOUT_MS)) {
        problems.push(`${key}: ${name} must be at least ${MIN_INTEGRATION_TIMEOUT_MS} ms.`);
      }
    }
  }
  if (problems.length > 0) throw new InvalidDefinitionError(`REST API "${definition.name}": ${problems.join(' ')}`);
}

function pathProblems(path: string): string[] {
  if (path === '/') return [];
  if (!path.startsWith('/') || path.endsWith('/')) return [`Resource path "${path}" must start with "/" and not end with one.`];
  const parts = path.slice(1).split('/');
  const problems = parts.filter((part) => !PATH_PART.test(part)).map((part) => `Invalid path part "${part}" in "${path}".`);
  const greedy = parts.findIndex((part) => part.endsWith('+}'));
  if (greedy !== -1 && greedy !== parts.length - 1) problems.push(`A greedy path variable must be the last part of "${path}".`);
  return problems;
}

/** A 10-character id like API Gateway's, derived from the API's name. */
export function defaultRestApiId(name: string): string {
  return idFrom(`restapi:${name}`, 10);
}

/** A 6-character resource id like API Gateway's (10 for the root resource). */
export function resourceIdOf(restApiId: string, resourcePath: string): string {
  return idFrom(`resource:${restApiId}:${resourcePath}`, resourcePath === '/' ? 10 : 6);
}

function idFrom(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < length; i++) id += alphabet[digest[i]! % alphabet.length];
  return id;
}
