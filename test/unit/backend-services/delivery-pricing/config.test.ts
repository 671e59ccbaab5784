import { describe, expect, it } from 'vitest';
import {
  itRequiresEach,
  loadConfigAsOnAws,
  restoreEnvironmentAfterEach,
} from '../../../support/backend-services/serviceConfig.ts';

const REQUIRED = { AWS_REGION: 'us-east-1', PRODUCTS_API_URL: 'https://api.example.com/prod/' };
const load = () => import('../../../../backend-services/delivery-pricing/config.ts');

describe('delivery-pricing config', () => {
  restoreEnvironmentAfterEach();
  itRequiresEach(REQUIRED, load);

  it('drops a trailing slash from the products service URL', async () => {
    expect((await loadConfigAsOnAws(load, REQUIRED)).productsApiUrl).toBe('https://api.example.com/prod');
  });
});
