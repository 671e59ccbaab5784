// The global setup's one DynamoDB Local per run: every project naming it gets the same endpoint,
// and it stops with the last project's teardown, not the first's.
import { describe, expect, it } from 'vitest';
import { dynamoDbLocalAnswers as answers } from '../../../src/dynamodb/launcher.ts';
import setup, { type ProvidingProject } from '../../../src/testing/dynamoDbLocalSetup.ts';

/** A project as the setup sees it: what it provides. */
function fakeProject(): ProvidingProject & { endpoint: () => string | undefined } {
  let endpoint: string | undefined;
  return { provide: (_key, value) => (endpoint = value), endpoint: () => endpoint };
}

describe('dynamoDbLocalSetup', () => {
  it('gives every project of the run one DynamoDB Local, stopped after the last teardown', async () => {
    const integration = fakeProject();
    const runtime = fakeProject();
    const [teardownIntegration, teardownRuntime] = await Promise.all([setup(integration), setup(runtime)]);
    const endpoint = integration.endpoint()!;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(runtime.endpoint()).toBe(endpoint);

    await teardownIntegration();
    expect(await answers(endpoint)).toBe(true);
    await teardownRuntime();
    expect(await answers(endpoint)).toBe(false);

    // A later run (a watch rerun) starts a new one.
    const rerun = fakeProject();
    const teardownRerun = await setup(rerun);
    expect(await answers(rerun.endpoint()!)).toBe(true);
    await teardownRerun();
  }, 60_000);
});
