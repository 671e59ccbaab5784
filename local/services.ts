// The backend services of the local stack: a REST API per service (API Gateway with IAM auth on
// every route but those declared NONE, e.g. a gateway's callback), each at an origin of its own
// as on AWS, so that resolvers call `/<stage>/…` unchanged.
import type { SystemDeclaration } from '../system/index.ts';
import { type ProxyHandler, startRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { functionNameOf } from '../system/handlers.ts';
import { LOCAL_ACCOUNT_ID, type LocalIam } from 'appsync-local/iam/principals.ts';
import { findFreePort } from 'appsync-local/ports.ts';
import type { ServiceFunctions } from './functions.ts';

export interface ServicesOptions {
  declaration: SystemDeclaration;
  iam: LocalIam;
  /** Loads each handler in its service's own environment. */
  functions: ServiceFunctions;
  /** Each service's port, in declaration order (see servicePorts). */
  ports: readonly number[];
}

export interface RunningServices {
  /** Each service's origin (scheme, host, port): an HTTP data source's endpoint. */
  readonly origins: Readonly<Record<string, string>>;
  /** Each service's base URL, origin plus stage. */
  readonly urls: Readonly<Record<string, string>>;
  /** Takes one service's REST API down (its port refuses connections), as an outage would. */
  stopService(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The services' ports: consecutive from `firstPort`, or free ones when it is 0. They are fixed
 * before anything starts, because services learn each other's URLs when their handlers load.
 */
export async function servicePorts(declaration: SystemDeclaration, firstPort: number): Promise<number[]> {
  return Promise.all(declaration.services.map((_, index) => (firstPort === 0 ? findFreePort() : firstPort + index)));
}

/** Each service's base URL (origin + stage) on its port. */
export function serviceUrls(declaration: SystemDeclaration, ports: readonly number[]): Record<string, string> {
  return Object.fromEntries(
    declaration.services.map((service, i) => [service.name, `http://127.0.0.1:${ports[i]}/${service.stage}`]),
  );
}

export async function startServices(options: ServicesOptions): Promise<RunningServices> {
  const { ports } = options;
  // As on AWS, a service without routes (one that only reacts to events) has no API.
  const withApis = options.declaration.services.flatMap((service, index) =>
    service.routes.length > 0 ? [{ service, index }] : [],
  );
  const running = await Promise.all(
    withApis.map(async ({ service, index }) => {
      const api = await startRestApi(
        {
          name: service.name,
          stage: service.stage,
          authorization: 'AWS_IAM',
          region: LOCAL_REGION,
          accountId: LOCAL_ACCOUNT_ID,
          principals: options.iam.principals,
          isAllowed: (principal, methodArn) => options.iam.isAllowed(principal, 'execute-api:Invoke', methodArn),
          routes: await Promise.all(
            service.routes.map(async (route) => ({
              method: route.method,
              path: route.path,
              functionName: functionNameOf(service.name, route.handler),
              authorization: route.authorization === 'NONE' ? ('NONE' as const) : ('AWS_IAM' as const),
              timeoutMs: options.declaration.timeouts.integrationMs,
              functionTimeoutMs: options.declaration.timeouts.functionMs,
              handler: await options.functions.load<ProxyHandler>(route.handler),
            })),
          ),
        },
        { port: ports[index] },
      );
      return { name: service.name, api };
    }),
  );
  return {
    origins: Object.fromEntries(running.map(({ name, api }) => [name, new URL(api.url).origin])),
    urls: Object.fromEntries(running.map(({ name, api }) => [name, api.url])),
    stopService: async (name) => {
      const service = running.find((candidate) => candidate.name === name);
      if (!service) throw new Error(`No service is named ${name}; the services are ${running.map((r) => r.name).join(', ')}.`);
      await service.api.close();
    },
    stop: async () => {
      await Promise.all(running.map(({ api }) => api.close()));
    },
  };
}
