// The services' REST APIs on the local API Gateway host, with IAM auth against a LocalIam of the
// test's own, as the local stack serves them. Handlers are imported by the caller after it has
// set the environment they read when they load.
import { type ProxyHandler, type RunningRestApi, startRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LOCAL_ACCOUNT_ID, type LocalIam, type LocalRole } from 'appsync-local/iam/principals.ts';
import type { Credentials } from '../../../backend-services/platform/signedFetch.ts';

export interface RouteHandler {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly handler: ProxyHandler;
  /** Default: the API's IAM. */
  readonly authorization?: 'AWS_IAM' | 'NONE';
}

export function startServiceApi(iam: LocalIam, name: string, routes: readonly RouteHandler[], port = 0): Promise<RunningRestApi> {
  return startRestApi(
    {
      name,
      stage: 'prod',
      authorization: 'AWS_IAM',
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      principals: iam.principals,
      isAllowed: (principal, methodArn) => iam.isAllowed(principal, 'execute-api:Invoke', methodArn),
      routes: routes.map((route) => ({ ...route, functionName: `${name}-${route.path}` })),
    },
    { port },
  );
}

/** A role that may invoke any API, as the services' role may. */
export function invokerRole(iam: LocalIam, name: string): LocalRole {
  return iam.createRole(name, [{ action: 'execute-api:Invoke', resource: '*' }]);
}

export function credentialsOf(role: LocalRole): () => Promise<Credentials> {
  return async () => ({ accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey });
}

/** The environment a handler signs its calls with: a role's keys in the standard variables. */
export function useRoleCredentials(role: LocalRole): void {
  process.env.AWS_ACCESS_KEY_ID = role.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = role.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
}
