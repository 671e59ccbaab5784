import { describe, expect, it } from 'vitest';
import {
  itRequiresEach,
  loadConfigAsOnAws,
  restoreEnvironmentAfterEach,
} from '../../../support/backend-services/serviceConfig.ts';

const REQUIRED = {
  AWS_REGION: 'us-east-1',
  PRODUCTS_TABLE: 'products-abc',
  STOCK_RETURNS_TABLE: 'stock-returns-abc',
  STOCK_MOVEMENTS_TABLE: 'stock-movements-abc',
  STOCK_ADJUSTMENTS_TABLE: 'stock-adjustments-abc',
  EVENT_BUS_NAME: 'commerce',
};
const load = () => import('../../../../backend-services/products/config.ts');

describe('products config', () => {
  restoreEnvironmentAfterEach();
  itRequiresEach(REQUIRED, load);

  it('leaves the local endpoints out when they are not set, as on AWS', async () => {
    expect(await loadConfigAsOnAws(load, REQUIRED)).toEqual({
      region: 'us-east-1',
      productsTable: 'products-abc',
      stockReturnsTable: 'stock-returns-abc',
      stockMovementsTable: 'stock-movements-abc',
      stockAdjustmentsTable: 'stock-adjustments-abc',
      eventBusName: 'commerce',
      dynamodbEndpoint: undefined,
      eventBusEndpoint: undefined,
    });
  });
});
