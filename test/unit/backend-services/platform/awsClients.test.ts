// The services' AWS SDK clients: traced on Lambda (every call an X-Ray subsegment), untouched off it.
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The middleware aws-xray-sdk-core adds to a captured client. */
const XRAY_MIDDLEWARE = 'XRaySDKInstrumentation';

/** The module afresh, so that its tracer reads the environment the test sets. */
const awsClients = async () => {
  vi.resetModules();
  return import('../../../../backend-services/platform/awsClients.ts');
};

const middlewareOf = (client: { middlewareStack: { identify(): string[] } }): string =>
  client.middlewareStack.identify().join('\n');

afterEach(() => vi.unstubAllEnvs());

describe('the AWS SDK clients', () => {
  it('are traced on Lambda', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'true');
    const { dynamoDbClient, eventBridgeClient } = await awsClients();
    expect(middlewareOf(dynamoDbClient({ region: 'eu-west-1' }))).toContain(XRAY_MIDDLEWARE);
    expect(middlewareOf(eventBridgeClient({ region: 'eu-west-1' }))).toContain(XRAY_MIDDLEWARE);
  });

  it('are not traced off Lambda, and go to the local endpoint given', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', '');
    const { dynamoDbClient } = await awsClients();
    const client = dynamoDbClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:8000' });
    expect(middlewareOf(client)).not.toContain(XRAY_MIDDLEWARE);
    const endpoint = await client.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe('http://127.0.0.1:8000');
  });
});
