// The tests, split by what they need (`npm test` runs every project, as CI does):
// - unit: pure tests: no Java, no browser, no global setup (`npm run test:unit`), in worker
//   threads, which start faster than processes;
// - integration: DynamoDB Local (one per run) and services hosted in the test's process;
// - e2e: the whole local stack started once (test/e2e/globalSetup.ts), real clients, the browser,
//   one file at a time;
// - appsync-local:unit and appsync-local:integration: the emulator package's own tests.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { appsyncLocalProjects } from './packages/appsync-local/vitest.config.ts';

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], pool: 'threads' } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['packages/appsync-local/src/testing/dynamoDbLocalSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          // One file at a time: several start stacks or `npm start` on ports found free a moment
          // before, and all share the one stack. In a run with other projects, vitest (4) holds
          // these files back until every other project's files have ended, then runs them on one
          // worker: not beside them.
          fileParallelism: false,
        },
      },
      ...appsyncLocalProjects,
    ],
    // Every core (vitest leaves one idle by default: half of a 2-core machine).
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Our AWS SDK versions are pinned; its notice about future versions needing Node 22 is noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
