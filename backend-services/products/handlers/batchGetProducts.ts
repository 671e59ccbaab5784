// POST /products/batch-get: the products found among the requested ids, in request order, and
// the ids that name no product.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parseBatchGetRequest } from '../domain/batchGetRequest.ts';
import { batchGetProducts } from '../store/productsTable.ts';

const { logger } = observabilityOf('products');

export const handler = observedHandler(
  'products',
  apiGatewayHandler(async (request) => {
    const productIds = parseBatchGetRequest(request.body);
    const found = new Map((await batchGetProducts(productIds)).map((product) => [product.productId, product]));
    return {
      body: {
        products: productIds.flatMap((productId) => found.get(productId) ?? []),
        missing: productIds.filter((productId) => !found.has(productId)),
      },
    };
  }, logger),
);
