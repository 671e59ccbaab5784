import { afterEach, describe, expect, it, vi } from 'vitest';

const REQUIRED = { AWS_REGION: 'us-east-1', PRODUCTS_TABLE: 'products-abc', EVENT_BUS_NAME: 'commerce' };

describe('products config', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each(Object.keys(REQUIRED))('fails to load, naming the variable, when %s is not set', async (name) => {
    Object.assign(process.env, REQUIRED);
    delete process.env[name];
    vi.resetModules();
    await expect(import('../../../backend-services/products/config.ts')).rejects.toThrow(`${name} is not set`);
  });

  it('leaves the local endpoints out when they are not set, as on AWS', async () => {
    Object.assign(process.env, REQUIRED);
    delete process.env.DYNAMODB_ENDPOINT;
    delete process.env.EVENT_BUS_ENDPOINT;
    vi.resetModules();
    const { config } = await import('../../../backend-services/products/config.ts');
    expect(config).toEqual({ region: 'us-east-1', productsTable: 'products-abc', eventBusName: 'commerce', dynamodbEndpoint: undefined, eventBusEndpoint: undefined });
  });
});
