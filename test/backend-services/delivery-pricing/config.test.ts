import { afterEach, describe, expect, it, vi } from 'vitest';

describe('delivery-pricing config', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('fails to load, naming the variable, when PRODUCTS_API_URL is not set', async () => {
    Object.assign(process.env, { AWS_REGION: 'us-east-1' });
    delete process.env.PRODUCTS_API_URL;
    vi.resetModules();
    await expect(import('../../../backend-services/delivery-pricing/config.ts')).rejects.toThrow(/PRODUCTS_API_URL is not set/);
  });

  it('drops a trailing slash from the products service URL', async () => {
    Object.assign(process.env, { AWS_REGION: 'us-east-1', PRODUCTS_API_URL: 'https://api.example.com/prod/' });
    vi.resetModules();
    const { config } = await import('../../../backend-services/delivery-pricing/config.ts');
    expect(config.productsApiUrl).toBe('https://api.example.com/prod');
  });
});
