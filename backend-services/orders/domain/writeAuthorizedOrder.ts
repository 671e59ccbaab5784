// The last step of checkout, once the payment is claimed for the order: write the order with its
// stock reservation. When that is refused (or surely wrote nothing) the claim is voided, so the
// token can back a later order; when an earlier attempt wrote the order, that order is the answer.
// When the write's outcome stays unknown the claim is kept: an order may exist, and an order
// without its payment is worse than a claim held until a retry, an operator or its expiry.
import { OrderOutcomeUnknownError, ServiceUnavailableError } from '../errors.ts';
import type { CheckoutPorts, StockShortage } from './checkoutPorts.ts';
import type { CheckoutRequest } from './checkoutRequest.ts';
import { type CreateOrderResponse, placed, refused } from './createOrderResponse.ts';
import { type OrderItem, toOrder } from '../../../domain/order.ts';
import { assertSamePayload } from './idempotencyPayload.ts';
import { type OrderError, outOfStock, unknownProduct } from './orderErrors.ts';
import { isFree } from './totals.ts';

export async function writeAuthorizedOrder(
  order: OrderItem,
  request: CheckoutRequest,
  ports: CheckoutPorts,
): Promise<CreateOrderResponse> {
  // A free order was placed without a payment: there is none to give up.
  const payment = isFree(order) ? undefined : request.payment;
  const voidPayment = async () => {
    if (payment) await ports.voidPayment(order.orderId, payment);
  };
  let written: Awaited<ReturnType<CheckoutPorts['writeOrder']>>;
  try {
    written = await ports.writeOrder(order, request.operation);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) {
      await voidPayment();
      throw error;
    }
    return answerUnknownOutcome(order, ports, error, payment !== undefined);
  }
  switch (written.kind) {
    case 'written':
      return placed(toOrder(order));
    case 'exists':
      // Written meanwhile under the same key: by an attempt of this very request, Powertools'
      // record makes sure, but its payload is checked all the same. On a conflict the payment is
      // kept: it may be the existing order's.
      return placed(toOrder(assertSamePayload(await requireOrder(order.orderId, ports), request)));
    case 'stockShort':
      await voidPayment();
      return refused(written.shortages.map((shortage) => shortageError(shortage, order)));
  }
}

/**
 * The write got no definite answer, though the store sent it again with its token until it gave
 * up: the order may exist. It is read (strongly consistent): there, it is the answer; not there
 * (or not readable), the outcome stays unknown, and the payment is kept, never voided. The error
 * thrown carries an OrderOutcomeUnknownError as its cause, for the route to report.
 */
async function answerUnknownOutcome(
  order: OrderItem,
  ports: CheckoutPorts,
  failure: unknown,
  paymentHeld: boolean,
): Promise<CreateOrderResponse> {
  const unknown =
    failure instanceof OrderOutcomeUnknownError ? failure : new OrderOutcomeUnknownError(order.orderId, { cause: failure });
  const existing = await ports.findOrder(order.orderId).catch(() => undefined);
  if (existing) return placed(toOrder(existing));
  throw new ServiceUnavailableError(
    'The orders table did not confirm the order: it may have been placed. Retry with the same idempotency key, ' +
      'or look for it among your orders before ordering again.',
    // Without a payment held there is nothing for the team to void: no OrderOutcomeUnknownError to report.
    { cause: paymentHeld ? unknown : unknown.cause },
  );
}

async function requireOrder(orderId: string, ports: CheckoutPorts): Promise<OrderItem> {
  const existing = await ports.findOrder(orderId);
  if (!existing)
    throw new ServiceUnavailableError(`Order ${orderId} was reported written but cannot be read; try again shortly.`);
  return existing;
}

function shortageError(shortage: StockShortage, order: OrderItem): OrderError {
  const line = order.products.find((product) => product.productId === shortage.productId)!;
  return shortage.stock === undefined ? unknownProduct(shortage.productId) : outOfStock(line, line.quantity, shortage.stock);
}
