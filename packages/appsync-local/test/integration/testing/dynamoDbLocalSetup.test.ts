// The global setup's one DynamoDB Local per run: every project naming it gets the same endpoint,
// and it stops with the last project's teardown, not the first's.
import { describe, expect, it } from 'vitest';
import setup, { type ProvidingProject } from '../../../src/testing/dynamoDbLocalSetup.ts';

/** A project as the setup sees it: what it provides. */
function fakeProject(): ProvidingProject & { endpoint: () => string | undefined } {
  let endpoint: string | undefined;
  return { provide: (_key, value) => (endpoint = value), endpoint: () => endpoint };
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
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
