// The checkout routes' adapter around the domain (domain/checkout.ts), one for createOrder and
// placeOrder: the parsed body → checkout over the real services and tables, idempotently when
// the caller gives a key → a CreateOrderResponse with 200 (placed, or replayed), 422 (refused:
// the input, the catalog, the payment) or 503 (a backend did not answer; logged here with its
// cause, and nothing is kept for the idempotency key, so a retry runs afresh).
//
// With a key, Powertools for AWS Lambda's idempotency utility runs checkout: the record's key is
// the scope (operation, user, key), its payload hash the normalized payload, so the same key with
// another payload is IDEMPOTENCY_CONFLICT; after the record expires (an hour), the order placed
// under the key holds the payload's hash, and checkout throws IdempotencyConflictError. What checkout returns (an order or a business
// refusal) is stored and answered to every retry; what it throws (SERVICE_UNAVAILABLE) removes
// the record. A retry arriving while the first attempt runs waits for its answer, a bounded time
// (domain/retryWait.ts).
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { fetchCatalogProducts, ProductsUnavailableError } from '../../platform/clients/productsApi.ts';
import type { Route } from '../../platform/http.ts';
import type { LambdaContext } from '../../platform/lambdaTypes.ts';
import { alertPublisher } from '../../platform/alerts.ts';
import { observabilityOf } from '../../platform/observability.ts';
import { quoteDelivery } from '../clients/deliveryPricingApi.ts';
import { authorizePayment, startGatewayPayment, voidPayment } from '../clients/paymentApi.ts';
import { config } from '../config.ts';
import { checkout } from '../domain/checkout.ts';
import { hasTimeToPay } from './checkoutBudget.ts';
import type { CheckoutPorts } from '../domain/checkoutPorts.ts';
import type { CheckoutRequest, ParsedCheckout } from '../domain/checkoutRequest.ts';
import { type CreateOrderResponse, refused, statusCodeOf, unavailable } from '../domain/createOrderResponse.ts';
import { idempotencyPayload, type IdempotencyPayload, type IdempotencyScope } from '../domain/idempotencyPayload.ts';
import { idempotencyConflict, invalidInput } from '../domain/orderErrors.ts';
import { newOrderId } from '../domain/orderId.ts';
import { retryPauses, waitBudgetMs } from '../domain/retryWait.ts';
import { IdempotencyConflictError, OrderOutcomeUnknownError, ServiceUnavailableError } from '../errors.ts';
import { readCartLines } from '../store/cartsTable.ts';
import { checkoutTables, dynamodb } from '../store/dynamodb.ts';
import { idempotencyStore } from '../store/idempotencyStore.ts';
import { getOrder } from '../store/ordersTable.ts';
import { writeOrder } from '../store/writeOrder.ts';

const { logger } = observabilityOf('orders');
const publishAlert = alertPublisher('orders', config.alerts);
const productsApi = { baseUrl: config.productsApiUrl, region: config.region };

/**
 * Checkout's ports on the real world: the other services through their clients, the tables
 * through the store; the invocation's time (hasTimeToPay) is added per invocation.
 */
const ports: Omit<CheckoutPorts, 'hasTimeToPay'> = {
  readCartLines: (userId) => readCartLines(dynamodb, config.cartsTable, userId),
  fetchProducts: (productIds) => fetchCatalogProducts(productsApi, productIds).catch(catalogUnavailable),
  quoteDelivery,
  authorizePayment,
  startGatewayPayment,
  voidPayment,
  findOrder: (orderId) => getOrder(dynamodb, config.ordersTable, orderId),
  writeOrder: (order, operation) => writeOrder(dynamodb, checkoutTables, order, operation),
  now: () => new Date(),
  newOrderId,
};

/** The route of one checkout operation, given how its body is parsed. */
export function checkoutRoute(parse: (body: unknown) => ParsedCheckout): Route {
  return async (request, context) => {
    const parsed = parse(request.body);
    const response =
      'problems' in parsed ? refused(parsed.problems.map(invalidInput)) : await runCheckout(parsed.request, context);
    return { statusCode: statusCodeOf(response), body: response };
  };
}

async function runCheckout(request: CheckoutRequest, context: LambdaContext): Promise<CreateOrderResponse> {
  const timed = { ...ports, hasTimeToPay: () => hasTimeToPay(context.getRemainingTimeInMillis()) };
  const run = (checked: CheckoutRequest) => checkout(checked, timed);
  const { operation, userId, idempotencyKey } = request;
  try {
    return idempotencyKey ? await checkoutIdempotently({ ...request, idempotencyKey }, run, context) : await run(request);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) {
      // Its cause apart: a ServiceError serializes as its wire shape, code and message.
      logger.error('A backend did not answer; checkout answers SERVICE_UNAVAILABLE', {
        operation,
        userId,
        reason: error.message,
        cause: error.cause,
      });
      if (error.cause instanceof OrderOutcomeUnknownError) await reportUnknownOutcome(error.cause, request);
      return unavailable(error.message);
    }
    logger.error('Checkout failed unexpectedly', { operation, userId, error });
    return unavailable('The order could not be placed because of an unexpected failure, which is logged. Try again shortly.');
  }
}

/**
 * The payment is claimed and whether the order was written is unknown: a retry with the same key
 * settles it, but a shopper who gives up leaves a claim without an order, so the team is told.
 */
async function reportUnknownOutcome(unknown: OrderOutcomeUnknownError, request: CheckoutRequest): Promise<void> {
  await publishAlert('order-errors', {
    subject: `Checkout outcome unknown for order ${unknown.orderId}: its payment is claimed`,
    message:
      `Checkout claimed the payment for order ${unknown.orderId}, then the orders table never settled the order's ` +
      'transaction (sent again with its ClientRequestToken until checkout gave up), and the order could not be read ' +
      `after it: ${unknown.cause instanceof Error ? unknown.cause.message : String(unknown.cause)}\n\n` +
      'The payment was kept, as the order may exist. The shopper was told to retry with the same idempotency key, ' +
      'which settles it. If the order still does not exist a few minutes later, once the table answers again, ' +
      'void its payment (POST /payments/void).',
    details: {
      orderId: unknown.orderId,
      userId: request.userId,
      operation: request.operation,
      paymentMethod: request.payment?.method ?? 'CARD',
      ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
    },
  });
}

function catalogUnavailable(error: unknown): never {
  if (!(error instanceof ProductsUnavailableError)) throw error;
  throw new ServiceUnavailableError(
    'The products could not be read: the products service did not answer. Nothing was ordered or charged; try again shortly.',
    { cause: error },
  );
}

/** Powertools types the whole Lambda context but reads only getRemainingTimeInMillis of it. */
type PowertoolsContext = Parameters<IdempotencyConfig['registerLambdaContext']>[0];

interface IdempotentCall {
  readonly scope: IdempotencyScope;
  readonly payload: IdempotencyPayload;
  readonly request: CheckoutRequest;
}

/** Checkout under an idempotency key; exported for its tests, which run it over a fake checkout. */
export async function checkoutIdempotently(
  request: CheckoutRequest & { readonly idempotencyKey: string },
  run: (request: CheckoutRequest) => Promise<CreateOrderResponse>,
  context: Pick<LambdaContext, 'getRemainingTimeInMillis'>,
): Promise<CreateOrderResponse> {
  // A config per invocation, as it holds the invocation's context (so that an in-progress record
  // expires with it): locally, invocations of one function run side by side in one process.
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'scope',
    payloadValidationJmesPath: 'payload',
    throwOnNoIdempotencyKey: true,
  });
  config.registerLambdaContext(context as PowertoolsContext);
  const idempotentRun = makeIdempotent((call: IdempotentCall) => run(call.request), {
    persistenceStore: idempotencyStore,
    config,
    keyPrefix: 'orders',
  });
  const { operation, userId, idempotencyKey } = request;
  const call: IdempotentCall = { scope: { operation, userId, idempotencyKey }, payload: idempotencyPayload(request), request };
  const deadline = Date.now() + waitBudgetMs(context.getRemainingTimeInMillis());
  const pauses = retryPauses();
  for (;;) {
    try {
      return await idempotentRun(call);
    } catch (error) {
      // Another payload under the key: Powertools' record says so for an hour, the order for ever.
      if (error instanceof IdempotencyValidationError || error instanceof IdempotencyConflictError) {
        return refused([idempotencyConflict(idempotencyKey)]);
      }
      if (!(error instanceof IdempotencyAlreadyInProgressError)) throw error;
      const pause = pauses.next().value;
      if (Date.now() + pause > deadline) {
        return unavailable(
          `An earlier request with the idempotency key "${idempotencyKey}" is still being processed; retry it in a moment to get its answer.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
