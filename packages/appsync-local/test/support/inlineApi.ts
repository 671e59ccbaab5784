// Serves a small schema with inline APPSYNC_JS code, for conformance tests of the runtime.
import { type AppSyncApiDefinition, type AppSyncServer, startAppSyncServer } from '../../src/appsync/api.ts';
import { postGraphQL } from '../../src/testing/graphql.ts';

export const TEST_API_KEY = 'da2-conformancetestkey0000001';

export async function serveInline(
  definition: Omit<AppSyncApiDefinition, 'authentication'> & Partial<Pick<AppSyncApiDefinition, 'authentication'>>,
): Promise<AppSyncServer & { query: typeof queryWithKey }> {
  const server = await startAppSyncServer({
    authentication: {
      defaultAuthentication: { type: 'API_KEY', apiKeys: [{ id: TEST_API_KEY, expires: Math.floor(Date.now() / 1000) + 3600 }] },
      additionalAuthentications: [],
    },
    ...definition,
  });
  function queryWithKey(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    return postGraphQL(server.graphqlUrl, query, { variables, headers: { 'x-api-key': TEST_API_KEY, ...headers } });
  }
  return Object.assign(server, { query: queryWithKey });
}

/** Resolver code as AppSync receives it: an ES module importing @aws-appsync/utils. */
export function code(body: string): string {
  return `import { util, runtime } from '@aws-appsync/utils';\n${body}`;
}
