// GET /products/{productId}: the product as the catalog holds it, or 404 UNKNOWN_PRODUCT.
import { InvalidInputError } from '../../shared/errors.ts';
import { apiGatewayHandler } from '../../shared/http.ts';
import { observedHandler } from '../../shared/observability.ts';
import { UnknownProductError } from '../errors.ts';
import { getProduct } from '../store/productsTable.ts';

export const handler = observedHandler(
  'products',
  apiGatewayHandler(async (request) => {
    const productId = request.pathParameters.productId;
    if (!productId) throw new InvalidInputError('The path must name a product: /products/{productId}.');
    const product = await getProduct(productId);
    if (!product) throw new UnknownProductError(productId);
    return { body: product };
  }),
);
