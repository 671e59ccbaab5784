// Checkout, one flow for createOrder and placeOrder:
//   an order already written for this idempotency key → that order, when the request repeats its
//     payload; else IdempotencyConflictError (thrown: the route answers IDEMPOTENCY_CONFLICT);
//   the lines (given, or the caller's cart: EMPTY_CART when it has none);
//   the catalog → UNKNOWN_PRODUCT; then the delivery quote, priced from the packages just read
//     (so the catalog is read once per checkout, not again by delivery-pricing) → WRONG_DELIVERY_PRICE,
//     INVALID_INPUT for a total past MAX_ORDER_TOTAL, OUT_OF_STOCK, before any payment;
//   too little time left to finish after a payment → SERVICE_UNAVAILABLE, nothing claimed;
//   the payment: a card claimed for the total, or a gateway payment started for it → PAYMENT_DECLINED;
//     none for an order whose total is 0 (the payment service takes amounts of 1 and more, and
//     there is nothing to take): no call, and no card token needed;
//   the order written with its stock reservation (and the cart emptied) atomically: NEW when paid
//     by card (or free), AWAITING_PAYMENT when the shopper is still to pay at the gateway.
// Business refusals are returned; a backend that does not answer throws ServiceUnavailableError.
import { buildOrder } from './buildOrder.ts';
import { checkAgainstCatalog } from './catalogChecks.ts';
import type { CheckoutPorts, PaymentAuthorization } from './checkoutPorts.ts';
import type { CheckoutRequest, PaymentChoice } from './checkoutRequest.ts';
import { type CreateOrderResponse, placed, refused } from './createOrderResponse.ts';
import { type OrderItem, toOrder } from '../../../domain/order.ts';
import { emptyCart, invalidInput, paymentDeclined, unknownProduct } from './orderErrors.ts';
import { assertSamePayload } from './idempotencyPayload.ts';
import { deriveOrderId } from './orderId.ts';
import { isFree } from './totals.ts';
import { writeAuthorizedOrder } from './writeAuthorizedOrder.ts';
import { ServiceUnavailableError } from '../errors.ts';

/**
 * The order, a stock update, a ledger movement and a cart delete per line, and the cart header:
 * at most 100 transaction items (2 + 3 × 32 = 98). A cart holds at most 25 lines anyway.
 */
export const MAX_CART_CHECKOUT_LINES = 32;

export async function checkout(request: CheckoutRequest, ports: CheckoutPorts): Promise<CreateOrderResponse> {
  const { operation, userId, idempotencyKey } = request;
  const orderId = idempotencyKey ? deriveOrderId(operation, userId, idempotencyKey) : ports.newOrderId();
  if (idempotencyKey) {
    const existing = await ports.findOrder(orderId);
    if (existing) return placed(toOrder(assertSamePayload(existing, request)));
  }

  const lines = request.lines ?? (await ports.readCartLines(userId));
  if (lines.length === 0) return refused([emptyCart()]);
  if (lines.length > MAX_CART_CHECKOUT_LINES) {
    return refused([
      invalidInput(
        `The cart holds ${lines.length} different products; at most ${MAX_CART_CHECKOUT_LINES} can be ordered at once.`,
      ),
    ]);
  }

  const catalog = await ports.fetchProducts(lines.map((line) => line.productId));
  const unknown = lines.filter((line) => !catalog.has(line.productId));
  if (unknown.length > 0) return refused(unknown.map((line) => unknownProduct(line.productId)));
  const packaged = lines.map((line) => ({ ...line, package: catalog.get(line.productId)!.package }));
  const quote = await ports.quoteDelivery(packaged, request.address);
  const problems = checkAgainstCatalog(lines, catalog, quote, request.deliveryPrice, request.address.country);
  if (problems.length > 0) return refused(problems);

  const order = buildOrder(orderId, request, lines, catalog, ports.now());
  if (isFree(order)) return writeAuthorizedOrder(order, request, ports);
  if (!request.payment) {
    return refused([
      invalidInput(`paymentToken must be given with paymentMethod CARD: the order costs ${order.total} (in cents).`),
    ]);
  }
  if (!ports.hasTimeToPay()) {
    throw new ServiceUnavailableError(
      'The services answered too slowly to place the order in the time this request has: nothing was ordered or charged. Try again shortly.',
    );
  }
  const payment = await arrangePayment(order, request.payment, ports);
  if (payment.kind === 'declined') return refused([paymentDeclined(payment.message)]);
  if (payment.kind === 'invalid') return refused([invalidInput(payment.message)]);
  return writeAuthorizedOrder(order, request, ports);
}

/** A card claimed for the order's total, or a gateway payment started for it. */
function arrangePayment(order: OrderItem, payment: PaymentChoice, ports: CheckoutPorts): Promise<PaymentAuthorization> {
  const { orderId, userId, total: amount } = order;
  if (payment.method === 'CARD') return ports.authorizePayment({ orderId, userId, paymentToken: payment.paymentToken, amount });
  return ports.startGatewayPayment({
    orderId,
    userId,
    amount,
    items: order.products.map(({ productId, name, price, quantity }) => ({ productId, name, price, quantity })),
  });
}
