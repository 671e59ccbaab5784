// POST /products: putProduct's route. Creates the product (its id generated when absent, version
// 1, an INITIAL movement of its stock) or replaces an existing one's fields, stock excepted, on
// the version expected; answers the product as written.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parsePutProductRequest } from '../domain/catalogRequests.ts';
import { answeredProduct } from '../domain/product.ts';
import { putProduct } from '../store/catalogWrites.ts';

const { logger } = observabilityOf('products');

export const handler = observedHandler(
  'products',
  apiGatewayHandler(async (request) => {
    const put = parsePutProductRequest(request.body);
    return { body: { product: answeredProduct(await putProduct(put, new Date())) } };
  }, logger),
);
