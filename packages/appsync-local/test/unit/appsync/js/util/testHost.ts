// A host whose current invocation the test controls, and the modules built on it.
import {
  type AuthType,
  createInvocation,
  type Invocation,
  type InvocationField,
  type InvocationHost,
  type RunningHandler,
} from '../../../../../src/appsync/js/invocation.ts';
import { createAppSyncModules } from '../../../../../src/appsync/js/modules.ts';

export interface TestHost extends InvocationHost {
  invocation: Invocation;
}

export function createTestHost(authType: AuthType = 'API_KEY'): TestHost {
  const testHost: TestHost = {
    invocation: createInvocation(authType),
    current: () => testHost.invocation,
  };
  return testHost;
}

/** Makes the host's invocation that of a resolver's handler, as the engine and the resolver runner set it. */
export function runAs(host: TestHost, field: InvocationField, running: RunningHandler): void {
  host.invocation = createInvocation(host.invocation.authType, {}, { field });
  host.invocation.running = running;
}

export function createTestModules(authType: AuthType = 'API_KEY') {
  const host = createTestHost(authType);
  const modules = createAppSyncModules(host);
  return { host, ...modules['@aws-appsync/utils'], ddb: modules['@aws-appsync/utils/dynamodb'] };
}
