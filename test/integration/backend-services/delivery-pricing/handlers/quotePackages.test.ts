// POST /pricing/packages under the grants the system gives: the orders service's roles may send
// packages, the GraphQL API's role (the storefront's getDeliveryPricing) may not, and the route
// prices without reading the catalog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam, type LocalRole } from 'appsync-local/iam/principals.ts';
import { apiRouteGrants, serviceRouteGrants } from '../../../../../local/functions.ts';
import { SERVICE_RESOURCES } from '../../../../../system/serviceResources.ts';
import { SYSTEM } from '../../../../../system/index.ts';
import { signedFetch } from '../../../../../backend-services/platform/signedFetch.ts';
import { createCatalogTable } from '../../../../support/backend-services/catalogTable.ts';
import { startPricingService } from '../../../../support/backend-services/pricingService.ts';
import { aPackage, aProduct } from '../../../../support/backend-services/products.ts';
import { startProductsService } from '../../../../support/backend-services/productsService.ts';
import { credentialsOf } from '../../../../support/backend-services/restApis.ts';

const address = { name: 'Ada Lovelace', streetAddress: '1 Main Street', city: 'Lyon', country: 'FR', phoneNumber: '+33 4' };
const tiny = aPackage(10, 10, 10, 10);
/** In the catalog as a 10 mm, 10 g thing: one box, whatever the quantity below. */
const catalog = [aProduct('kettle', { package: tiny })];
/** What a caller who could send sizes would claim: 2 × 1 m³ is 16 boxes. */
const large = aPackage(1000, 1000, 1000, 1000);

const iam = new LocalIam();
/** The orders service's functions' grants on the services they call, as the CDK app gives them. */
const ordersRole = iam.createRole(
  'orders',
  (SERVICE_RESOURCES.orders!.calls ?? []).flatMap((service) => serviceRouteGrants(SYSTEM, LOCAL_REGION, service)),
);
/** The GraphQL API's role: the routes its HTTP data sources name. */
const apiRole = iam.createRole('appsync-api', apiRouteGrants(SYSTEM, LOCAL_REGION));

describe('POST /pricing/packages', () => {
  let products: RunningRestApi;
  let pricing: RunningRestApi;
  let catalogReads = 0;

  beforeAll(async () => {
    products = await startProductsService(iam, await createCatalogTable(catalog), undefined, () => (catalogReads += 1));
    pricing = await startPricingService(iam, products.url);
  });
  afterAll(async () => {
    await pricing?.close();
    await products?.close();
  });

  const post = (path: string, body: unknown, as: LocalRole) =>
    signedFetch(`${pricing.url}${path}`, {
      method: 'POST',
      region: LOCAL_REGION,
      body,
      credentials: credentialsOf(as),
      retries: 0,
    });
  const packaged = { products: [{ productId: 'kettle', quantity: 2, package: large }], address };

  it("prices the orders service's packages without reading the catalog", async () => {
    const before = catalogReads;
    const response = await post('/pricing/packages', packaged, ordersRole);
    expect(response).toEqual({ status: 200, body: { pricing: 16_000, boxes: 16, fee: 1000, country: 'FR' } });
    expect(catalogReads - before).toBe(0);
  });

  it("refuses the GraphQL API's role: a storefront cannot send sizes", async () => {
    const response = await post('/pricing/packages', packaged, apiRole);
    expect(response.status).toBe(403);
  });

  it("prices the API's request from the catalog, whatever sizes it sends along", async () => {
    const before = catalogReads;
    const response = await post('/pricing', packaged, apiRole);
    expect(response).toEqual({ status: 200, body: { pricing: 1000, boxes: 1, fee: 1000, country: 'FR' } });
    expect(catalogReads - before).toBe(1);
  });

  it('answers 400 INVALID_INPUT for a line without its package', async () => {
    const response = await post('/pricing/packages', { products: [{ productId: 'kettle', quantity: 1 }], address }, ordersRole);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('products[0].package') },
    });
  });
});
