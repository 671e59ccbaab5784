// The runtime's tests, as two vitest projects: `appsync-local:unit` needs nothing (no Java, no
// global setup); `appsync-local:integration` gets one DynamoDB Local for the run and starts
// cognito-local where a test needs it. The repository's root config runs both as well.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export const appsyncLocalProjects: TestProjectConfiguration[] = [
  { extends: true, test: { name: 'appsync-local:unit', root, include: ['test/unit/**/*.test.ts'], pool: 'threads' } },
  {
    extends: true,
    test: {
      name: 'appsync-local:integration',
      root,
      include: ['test/integration/**/*.test.ts'],
      globalSetup: ['src/testing/dynamoDbLocalSetup.ts'],
    },
  },
];

export default defineConfig({
  test: {
    projects: appsyncLocalProjects,
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
