// POST /products/{productId}/stock-adjustments: adjustStock's route. Adds delta to the stock,
// never below 0, with its movement in the same transaction; the same idempotency key again
// answers the same product and adjusts once. Answers the product after it.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parseStockAdjustmentRequest } from '../domain/catalogRequests.ts';
import { answeredProduct } from '../domain/product.ts';
import { adjustStock } from '../store/catalogWrites.ts';

const { logger } = observabilityOf('products');

export const handler = observedHandler(
  'products',
  apiGatewayHandler(async (request) => {
    const adjustment = parseStockAdjustmentRequest(request.pathParameters.productId, request.body);
    return { body: { product: answeredProduct(await adjustStock(adjustment, new Date())) } };
  }, logger),
);
