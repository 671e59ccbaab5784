import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { findFreePort } from 'appsync-local/ports.ts';
import { type CheckoutWorld, startCheckoutWorld, SWEDISH_ADDRESS } from '../../../../support/backend-services/checkoutWorld.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';
import { startServiceApi } from '../../../../support/backend-services/restApis.ts';
import { aLambdaContext, aProxyEvent } from '../../../../support/backend-services/proxyEvents.ts';
import { AFTER_PAYMENT_WORST_MS } from '../../../../../backend-services/orders/checkout/checkoutBudget.ts';
import type { CreateOrderResponse } from '../../../../../backend-services/orders/domain/createOrderResponse.ts';

const uniqueId = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe('checkout when a service does not answer', () => {
  let world: CheckoutWorld;
  let failingApi: RunningRestApi;

  beforeAll(async () => {
    world = await startCheckoutWorld();
    const failing = async () => ({ statusCode: 500, body: '{"error":{"code":"INTERNAL_ERROR","message":"boom"}}' });
    failingApi = await startServiceApi(world.iam, 'failing', [
      { method: 'POST', path: '/products/batch-get', handler: failing },
      { method: 'POST', path: '/pricing/packages', handler: failing },
    ]);
  });
  afterAll(async () => {
    await failingApi?.close();
    await world?.close();
  });
  afterEach(() => {
    world.payment.failWith(undefined);
    vi.restoreAllMocks();
  });

  async function anOrder() {
    const product = aProduct(uniqueId('chair'), { stock: 4 });
    await world.tables.putProducts(product);
    const userId = uniqueId('user');
    const body = {
      userId,
      order: {
        products: [{ productId: product.productId, quantity: 1 }],
        address: SWEDISH_ADDRESS,
        deliveryPrice: 0,
        paymentToken: uniqueId('token'),
      },
    };
    return { productId: product.productId, userId, body };
  }

  async function expectNothingWritten(userId: string, productId: string) {
    expect(await world.tables.ordersOf(userId)).toEqual([]);
    expect(await world.tables.stockOf(productId)).toBe(4);
  }

  it('answers 503 SERVICE_UNAVAILABLE when the payment service answers 5xx, with no order and the stock unchanged', async () => {
    const { productId, userId, body } = await anOrder();
    world.payment.failWith(503);
    const { status, body: answer } = await world.createOrder(body);
    expect(status).toBe(503);
    expect(answer).toEqual({
      success: false,
      message: expect.any(String),
      errors: [{ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('payment') }],
      order: null,
    });
    await expectNothingWritten(userId, productId);
  });

  it('answers 503 SERVICE_UNAVAILABLE when nothing listens at the payment service, and logs why', async () => {
    const orders = await world.startOrdersServiceWith({ payment: `http://127.0.0.1:${await findFreePort()}/prod` });
    const { productId, userId, body } = await anOrder();
    const log = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { status, body: answer } = await world.createOrder(body, orders);
    expect(status).toBe(503);
    expect(answer.errors.map((error) => error.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/SERVICE_UNAVAILABLE/), {
      operation: 'createOrder',
      userId,
      reason: answer.errors[0]!.message,
      cause: expect.objectContaining({
        name: 'UnreachableError',
        message: expect.stringContaining('/payments/authorize got no answer'),
      }),
    });
    await expectNothingWritten(userId, productId);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the delivery-pricing service fails, without touching the payment', async () => {
    const orders = await world.startOrdersServiceWith({ deliveryPricing: failingApi.url });
    const { productId, userId, body } = await anOrder();
    const { status, body: answer } = await world.createOrder(body, orders);
    expect(status).toBe(503);
    expect(answer.errors).toEqual([{ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('delivery') }]);
    expect(world.payment.authorizations.filter((call) => call.userId === userId)).toEqual([]);
    await expectNothingWritten(userId, productId);
  });

  it('answers 503 SERVICE_UNAVAILABLE before claiming the payment when too little of the invocation is left to finish after it', async () => {
    // An orders service on the world's own services loads the handler afresh; it is then called as
    // Lambda would call it late in its time.
    await world.startOrdersServiceWith({});
    const { handler } = await import('../../../../../backend-services/orders/handlers/createOrder.ts');
    const { productId, userId, body } = await anOrder();
    const result = await handler(
      aProxyEvent({ httpMethod: 'POST', resource: '/orders', path: '/orders', pathParameters: null, body: JSON.stringify(body) }),
      aLambdaContext({ functionName: 'orders-createOrder', getRemainingTimeInMillis: () => AFTER_PAYMENT_WORST_MS }),
    );
    expect(result.statusCode).toBe(503);
    expect((JSON.parse(result.body) as CreateOrderResponse).errors).toEqual([
      { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('nothing was ordered or charged') },
    ]);
    expect(world.payment.authorizations.filter((call) => call.userId === userId)).toEqual([]);
    await expectNothingWritten(userId, productId);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the products service fails', async () => {
    const orders = await world.startOrdersServiceWith({ products: failingApi.url });
    const { productId, userId, body } = await anOrder();
    const { status, body: answer } = await world.createOrder(body, orders);
    expect(status).toBe(503);
    expect(answer.errors).toEqual([{ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('products') }]);
    await expectNothingWritten(userId, productId);
  });
});
