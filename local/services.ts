// The backend services of the local stack: a REST API per service (API Gateway with IAM auth),
// each at an origin of its own as on AWS, so that resolvers call `/<stage>/…` unchanged.
import type { SystemDeclaration } from '../system/index.ts';
import { type ProxyHandler, startRestApi } from './apigateway/index.ts';
import { LOCAL_REGION } from './dynamodb/tables.ts';
import { functionNameOf, loadHandler } from './handlers.ts';
import { LOCAL_ACCOUNT_ID, type LocalIam } from './iam/principals.ts';

export interface ServicesOptions {
  declaration: SystemDeclaration;
  iam: LocalIam;
  /** The port of the first service; the others follow in declaration order (0: any free port). */
  firstPort: number;
}

export interface RunningServices {
  /** Each service's origin (scheme, host, port): an HTTP data source's endpoint. */
  readonly origins: Readonly<Record<string, string>>;
  /** Each service's base URL, origin plus stage. */
  readonly urls: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** The ports the services will take, for checking before anything starts. */
export function servicePorts(declaration: SystemDeclaration, firstPort: number): number[] {
  return declaration.services.map((_, index) => (firstPort === 0 ? 0 : firstPort + index));
}

export async function startServices(options: ServicesOptions): Promise<RunningServices> {
  const ports = servicePorts(options.declaration, options.firstPort);
  const running = await Promise.all(
    options.declaration.services.map(async (service, index) => {
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
              handler: await loadHandler<ProxyHandler>(route.handler),
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
    stop: async () => {
      await Promise.all(running.map(({ api }) => api.close()));
    },
  };
}
