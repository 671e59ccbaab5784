// DELETE /products/{productId}?actor=…: deleteProduct's route. Answers the product as it was, or
// null when there was none; the stock it held leaves the ledger as a PRODUCT_DELETED movement.
import { apiGatewayHandler } from '../../platform/http.ts';
import { InvalidInputError } from '../../platform/errors.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { requireProductId } from '../domain/catalogRequests.ts';
import { answeredProduct } from '../domain/product.ts';
import { deleteProduct } from '../store/catalogWrites.ts';

const { logger } = observabilityOf('products');

export const handler = observedHandler(
  'products',
  apiGatewayHandler(async (request) => {
    const productId = requireProductId(request.pathParameters.productId);
    const actor = request.query.actor;
    if (!actor) throw new InvalidInputError('actor (the caller’s id) must be given as a query parameter.');
    const deleted = await deleteProduct(productId, actor, new Date());
    return { body: { product: deleted ? answeredProduct(deleted) : null } };
  }, logger),
);
