// The last step of checkout, once the payment is claimed for the order: write the order with its
// stock reservation. When that is refused (or surely wrote nothing) the claim is voided, so the
// token can back a later order; when an earlier attempt wrote the order, that order is the answer.
import { OrderOutcomeUnknownError, ServiceUnavailableError } from '../errors.ts';
import type { CheckoutPorts, StockShortage } from './checkoutPorts.ts';
import type { CheckoutRequest } from './checkoutRequest.ts';
import { type CreateOrderResponse, placed, refused } from './createOrderResponse.ts';
import { type OrderItem, toOrder } from '../../../domain/order.ts';
import { type OrderError, outOfStock, unknownProduct } from './orderErrors.ts';

export async function writeAuthorizedOrder(
  order: OrderItem,
  request: CheckoutRequest,
  ports: CheckoutPorts,
): Promise<CreateOrderResponse> {
  const voidPayment = () => ports.voidPayment(order.orderId, request.payment);
  let written: Awaited<ReturnType<CheckoutPorts['writeOrder']>>;
  try {
    written = await ports.writeOrder(order, request.operation);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) {
      await voidPayment();
      throw error;
    }
    return recoverFromUnknownOutcome(order, ports, voidPayment, error);
  }
  switch (written.kind) {
    case 'written':
      return placed(toOrder(order));
    case 'exists':
      return placed(toOrder(await requireOrder(order.orderId, ports)));
    case 'stockShort':
      await voidPayment();
      return refused(written.shortages.map((shortage) => shortageError(shortage, order)));
  }
}

/**
 * The write got no answer: it may have happened. The order is there, or the claim is voided.
 * The errors thrown carry what failed as their cause, for the route to log.
 */
async function recoverFromUnknownOutcome(
  order: OrderItem,
  ports: CheckoutPorts,
  voidPayment: () => Promise<void>,
  failure: unknown,
): Promise<CreateOrderResponse> {
  const existing = await ports.findOrder(order.orderId).catch((error: unknown) => {
    // Neither written nor not written for sure: the claim stays, a retry with the same key settles it.
    throw new ServiceUnavailableError(
      'The orders table did not answer; the order may not have been placed. Retry with the same idempotency key.',
      {
        cause: new OrderOutcomeUnknownError(order.orderId, { cause: error }),
      },
    );
  });
  if (existing) return placed(toOrder(existing));
  await voidPayment();
  throw new ServiceUnavailableError('The orders table did not answer; nothing was ordered or charged. Try again shortly.', {
    cause: failure,
  });
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
