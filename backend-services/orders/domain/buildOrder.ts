// A new order: each line a snapshot of its product as the catalog has it now.
import type { CatalogProduct } from '../../../domain/catalog.ts';
import type { CheckoutRequest } from './checkoutRequest.ts';
import { idempotencyPayload, idempotencyPayloadHash } from './idempotencyPayload.ts';
import type { LineItem } from './lineItems.ts';
import type { OrderItem, ProductSnapshot } from '../../../domain/order.ts';
import { isFree, orderTotals } from './totals.ts';

/** Every line's product must be in `catalog` (checkAgainstCatalog). */
export function buildOrder(
  orderId: string,
  request: CheckoutRequest,
  lines: readonly LineItem[],
  catalog: ReadonlyMap<string, CatalogProduct>,
  now: Date,
): OrderItem {
  const products = lines.map(({ productId, quantity }): ProductSnapshot => {
    const { name, price, package: box } = catalog.get(productId)!;
    return {
      productId,
      name,
      price,
      quantity,
      package: { width: box.width, length: box.length, height: box.height, weight: box.weight },
    };
  });
  const date = now.toISOString();
  const totals = orderTotals(products, request.deliveryPrice);
  return {
    orderId,
    userId: request.userId,
    // A gateway order waits for the shopper to pay on the gateway's page; a card is authorised
    // already, and a free order has nothing to pay.
    status: request.payment?.method === 'GATEWAY' && !isFree(totals) ? 'AWAITING_PAYMENT' : 'NEW',
    products,
    address: request.address,
    deliveryPrice: request.deliveryPrice,
    ...totals,
    createdDate: date,
    modifiedDate: date,
    ...(request.idempotencyKey
      ? { idempotencyKey: request.idempotencyKey, idempotencyPayloadHash: idempotencyPayloadHash(idempotencyPayload(request)) }
      : {}),
    ...(request.customerEmail ? { customerEmail: request.customerEmail } : {}),
  };
}
