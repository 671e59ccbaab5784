import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkout } from '../../../../../backend-services/orders/domain/checkout.ts';
import type { CheckoutPorts } from '../../../../../backend-services/orders/domain/checkoutPorts.ts';
import type { CatalogProduct } from '../../../../../domain/catalog.ts';
import type { CheckoutRequest } from '../../../../../backend-services/orders/domain/checkoutRequest.ts';
import type { OrderItem } from '../../../../../domain/order.ts';
import { deriveOrderId } from '../../../../../backend-services/orders/domain/orderId.ts';
import {
  IdempotencyConflictError,
  OrderOutcomeUnknownError,
  ServiceUnavailableError,
} from '../../../../../backend-services/orders/errors.ts';
import { idempotencyPayload, idempotencyPayloadHash } from '../../../../../backend-services/orders/domain/idempotencyPayload.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const lamp: CatalogProduct = {
  productId: 'lamp',
  name: 'Desk Lamp',
  price: 2500,
  stock: 5,
  package: { width: 100, length: 200, height: 300, weight: 400 },
};
const mug: CatalogProduct = {
  productId: 'mug',
  name: 'Mug',
  price: 900,
  stock: 5,
  package: { width: 90, length: 90, height: 110, weight: 350 },
};
const address = { name: 'Ada', streetAddress: '1 Main Street', city: 'Paris', country: 'FR', phoneNumber: '1' };
const createOrder: CheckoutRequest = {
  operation: 'createOrder',
  userId: 'u-1',
  lines: [
    { productId: 'lamp', quantity: 2 },
    { productId: 'mug', quantity: 1 },
  ],
  address,
  deliveryPrice: 1000,
  payment: { method: 'CARD', paymentToken: 'tok-1' },
};
const placeOrder: CheckoutRequest = {
  operation: 'placeOrder',
  userId: 'u-1',
  address,
  deliveryPrice: 1000,
  payment: { method: 'CARD', paymentToken: 'tok-1' },
};

/** Ports under which the order goes through, each a spy a test may override. */
function fakePorts(overrides: Partial<CheckoutPorts> = {}) {
  const ports = {
    readCartLines: vi.fn<CheckoutPorts['readCartLines']>(async () => [
      { productId: 'lamp', quantity: 2 },
      { productId: 'mug', quantity: 1 },
    ]),
    fetchProducts: vi.fn<CheckoutPorts['fetchProducts']>(
      async () => new Map([lamp, mug].map((product) => [product.productId, product])),
    ),
    quoteDelivery: vi.fn<CheckoutPorts['quoteDelivery']>(async () => ({ kind: 'priced', pricing: 1000 })),
    authorizePayment: vi.fn<CheckoutPorts['authorizePayment']>(async () => ({ kind: 'authorized' })),
    startGatewayPayment: vi.fn<CheckoutPorts['startGatewayPayment']>(async () => ({ kind: 'authorized' })),
    voidPayment: vi.fn<CheckoutPorts['voidPayment']>(async () => undefined),
    findOrder: vi.fn<CheckoutPorts['findOrder']>(async () => undefined),
    writeOrder: vi.fn<CheckoutPorts['writeOrder']>(async () => ({ kind: 'written' })),
    hasTimeToPay: () => true,
    now: () => NOW,
    newOrderId: () => 'order-1',
    ...overrides,
  };
  return ports;
}

describe('checkout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the order with catalog prices and claims the payment for its total', async () => {
    const ports = fakePorts();
    const response = await checkout(createOrder, ports);
    const expected: OrderItem = {
      orderId: 'order-1',
      userId: 'u-1',
      status: 'NEW',
      products: [
        { productId: 'lamp', name: 'Desk Lamp', price: 2500, quantity: 2, package: lamp.package },
        { productId: 'mug', name: 'Mug', price: 900, quantity: 1, package: mug.package },
      ],
      address,
      deliveryPrice: 1000,
      subtotal: 5900,
      total: 6900,
      createdDate: NOW.toISOString(),
      modifiedDate: NOW.toISOString(),
    };
    expect(ports.authorizePayment).toHaveBeenCalledWith({
      orderId: 'order-1',
      userId: 'u-1',
      paymentToken: 'tok-1',
      amount: 6900,
    });
    expect(ports.writeOrder).toHaveBeenCalledWith(expected, 'createOrder');
    expect(response).toEqual({
      success: true,
      message: expect.any(String),
      errors: [],
      order: expect.objectContaining({ orderId: 'order-1', total: 6900 }),
    });
    expect(ports.voidPayment).not.toHaveBeenCalled();
  });

  it('uses the id derived from the idempotency key, and records the key and its payload’s hash on the order', async () => {
    const ports = fakePorts();
    const request = { ...createOrder, idempotencyKey: 'k-1' };
    await checkout(request, ports);
    const orderId = deriveOrderId('createOrder', 'u-1', 'k-1');
    expect(ports.findOrder).toHaveBeenCalledWith(orderId);
    expect(ports.writeOrder).toHaveBeenCalledWith(
      expect.objectContaining({
        orderId,
        idempotencyKey: 'k-1',
        idempotencyPayloadHash: idempotencyPayloadHash(idempotencyPayload(request)),
      }),
      'createOrder',
    );
  });

  describe('when an order exists under the key', () => {
    const request = { ...createOrder, idempotencyKey: 'k-1' };
    const orderId = deriveOrderId('createOrder', 'u-1', 'k-1');
    const held = (hash?: string) => anOrderItem(orderId, hash ? { idempotencyKey: 'k-1', idempotencyPayloadHash: hash } : {});

    it('answers it to the same payload, asking nothing else', async () => {
      const ports = fakePorts({ findOrder: vi.fn(async () => held(idempotencyPayloadHash(idempotencyPayload(request)))) });
      expect((await checkout(request, ports)).order?.orderId).toBe(orderId);
      expect(ports.fetchProducts).not.toHaveBeenCalled();
      expect(ports.authorizePayment).not.toHaveBeenCalled();
    });

    it('throws IdempotencyConflictError for another payload, before any payment', async () => {
      const ports = fakePorts({ findOrder: vi.fn(async () => held(idempotencyPayloadHash(idempotencyPayload(request)))) });
      const other = { ...request, lines: [{ productId: 'lamp', quantity: 3 }] };
      await expect(checkout(other, ports)).rejects.toEqual(new IdempotencyConflictError(orderId));
      expect(ports.authorizePayment).not.toHaveBeenCalled();
      expect(ports.writeOrder).not.toHaveBeenCalled();
    });

    it('answers an order placed before orders held their payload’s hash to any payload, as before', async () => {
      const ports = fakePorts({ findOrder: vi.fn(async () => held()) });
      expect((await checkout({ ...request, deliveryPrice: 1 }, ports)).order?.orderId).toBe(orderId);
    });

    it('throws IdempotencyConflictError when the write finds it written meanwhile for another payload, keeping the payment', async () => {
      const findOrder = vi
        .fn<CheckoutPorts['findOrder']>()
        .mockResolvedValueOnce(undefined)
        .mockResolvedValue(held('another payload’s hash'));
      const ports = fakePorts({ findOrder, writeOrder: vi.fn(async () => ({ kind: 'exists' as const })) });
      await expect(checkout(request, ports)).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(ports.voidPayment).not.toHaveBeenCalled();
    });
  });

  it('answers the order an earlier attempt with the same key wrote, doing nothing else', async () => {
    const existing = anOrderItem(deriveOrderId('placeOrder', 'u-1', 'k-1'));
    const ports = fakePorts({ findOrder: vi.fn(async () => existing) });
    const response = await checkout({ ...placeOrder, idempotencyKey: 'k-1' }, ports);
    expect(response.order?.orderId).toBe(existing.orderId);
    expect(ports.readCartLines).not.toHaveBeenCalled();
    expect(ports.authorizePayment).not.toHaveBeenCalled();
  });

  it("orders the cart's lines for placeOrder, and says so to the write", async () => {
    const ports = fakePorts();
    await checkout(placeOrder, ports);
    expect(ports.readCartLines).toHaveBeenCalledWith('u-1');
    expect(ports.writeOrder).toHaveBeenCalledWith(expect.objectContaining({ total: 6900 }), 'placeOrder');
  });

  it('refuses an empty cart with EMPTY_CART, asking nothing else', async () => {
    const ports = fakePorts({ readCartLines: vi.fn(async () => []) });
    expect((await checkout(placeOrder, ports)).errors).toEqual([expect.objectContaining({ code: 'EMPTY_CART' })]);
    expect(ports.fetchProducts).not.toHaveBeenCalled();
  });

  it('refuses a cart too large for one transaction', async () => {
    const lines = Array.from({ length: 33 }, (_, i) => ({ productId: `p-${i}`, quantity: 1 }));
    const response = await checkout(placeOrder, fakePorts({ readCartLines: vi.fn(async () => lines) }));
    expect(response.errors).toEqual([{ code: 'INVALID_INPUT', message: expect.stringContaining('at most 32') }]);
  });

  it('reads the catalog once and has the delivery priced from the packages it holds', async () => {
    const ports = fakePorts();
    await checkout(createOrder, ports);
    expect(ports.fetchProducts).toHaveBeenCalledTimes(1);
    expect(ports.quoteDelivery).toHaveBeenCalledExactlyOnceWith(
      [
        { productId: 'lamp', quantity: 2, package: lamp.package },
        { productId: 'mug', quantity: 1, package: mug.package },
      ],
      address,
    );
  });

  it('refuses products the catalog lacks with UNKNOWN_PRODUCT, each named, without asking for a quote', async () => {
    const ports = fakePorts({ fetchProducts: vi.fn(async () => new Map([[mug.productId, mug]])) });
    const response = await checkout(
      { ...createOrder, lines: [...createOrder.lines!, { productId: 'gone', quantity: 1 }] },
      ports,
    );
    expect(response.errors).toEqual([
      { code: 'UNKNOWN_PRODUCT', message: expect.any(String), productId: 'lamp' },
      { code: 'UNKNOWN_PRODUCT', message: expect.any(String), productId: 'gone' },
    ]);
    expect(ports.quoteDelivery).not.toHaveBeenCalled();
    expect(ports.authorizePayment).not.toHaveBeenCalled();
  });

  it('refuses what the catalog and the quote refuse before touching the payment', async () => {
    const ports = fakePorts({ quoteDelivery: vi.fn(async () => ({ kind: 'priced' as const, pricing: 2000 })) });
    const response = await checkout(createOrder, ports);
    expect(response.errors.map((error) => error.code)).toEqual(['WRONG_DELIVERY_PRICE']);
    expect(ports.authorizePayment).not.toHaveBeenCalled();
  });

  it('refuses a declined payment with its reason, writing nothing', async () => {
    const ports = fakePorts({
      authorizePayment: vi.fn(async () => ({ kind: 'declined' as const, message: 'Insufficient funds.' })),
    });
    expect((await checkout(createOrder, ports)).errors).toEqual([{ code: 'PAYMENT_DECLINED', message: 'Insufficient funds.' }]);
    expect(ports.writeOrder).not.toHaveBeenCalled();
  });

  it('claims no payment, and answers SERVICE_UNAVAILABLE saying nothing was charged, when too little time is left to finish after one', async () => {
    const ports = fakePorts({ hasTimeToPay: () => false });
    const attempt = checkout({ ...createOrder, idempotencyKey: 'k-1' }, ports);
    await expect(attempt).rejects.toThrow(ServiceUnavailableError);
    await expect(attempt).rejects.toThrow(/nothing was ordered or charged/);
    expect(ports.authorizePayment).not.toHaveBeenCalled();
    expect(ports.startGatewayPayment).not.toHaveBeenCalled();
    expect(ports.writeOrder).not.toHaveBeenCalled();
  });

  it('lets SERVICE_UNAVAILABLE of a service through, writing nothing', async () => {
    const ports = fakePorts({ authorizePayment: vi.fn(async () => Promise.reject(new ServiceUnavailableError('down'))) });
    await expect(checkout(createOrder, ports)).rejects.toThrow(ServiceUnavailableError);
    expect(ports.writeOrder).not.toHaveBeenCalled();
  });

  it('refuses short stock found by the write with OUT_OF_STOCK, and a product deleted meanwhile with UNKNOWN_PRODUCT, voiding the payment', async () => {
    const writeOrder = vi.fn(async () => ({
      kind: 'stockShort' as const,
      shortages: [{ productId: 'lamp', stock: 1 }, { productId: 'mug' }],
    }));
    const ports = fakePorts({ writeOrder });
    const response = await checkout(createOrder, ports);
    expect(response.errors).toEqual([
      { code: 'OUT_OF_STOCK', message: '"Desk Lamp" (lamp) is out of stock: 2 ordered, only 1 is left.', productId: 'lamp' },
      { code: 'UNKNOWN_PRODUCT', message: expect.any(String), productId: 'mug' },
    ]);
    expect(ports.voidPayment).toHaveBeenCalledWith('order-1', { method: 'CARD', paymentToken: 'tok-1' });
  });

  describe('a free order (total 0: free products, free delivery)', () => {
    const freeLamp: CatalogProduct = { ...lamp, price: 0 };
    const freeMug: CatalogProduct = { ...mug, price: 0 };
    const free: CheckoutRequest = { ...createOrder, deliveryPrice: 0, payment: undefined };
    const freePorts = (overrides: Partial<CheckoutPorts> = {}) =>
      fakePorts({
        fetchProducts: vi.fn(async () => new Map([freeLamp, freeMug].map((product) => [product.productId, product]))),
        quoteDelivery: vi.fn(async () => ({ kind: 'priced' as const, pricing: 0 })),
        ...overrides,
      });

    it('is placed NEW without a payment token and without asking the payment service', async () => {
      const ports = freePorts();
      const response = await checkout(free, ports);
      expect(response).toEqual(
        expect.objectContaining({ success: true, order: expect.objectContaining({ total: 0, status: 'NEW' }) }),
      );
      expect(ports.writeOrder).toHaveBeenCalledWith(
        expect.objectContaining({ subtotal: 0, total: 0, status: 'NEW' }),
        'createOrder',
      );
      expect(ports.authorizePayment).not.toHaveBeenCalled();
      expect(ports.startGatewayPayment).not.toHaveBeenCalled();
    });

    it('does not claim a card token given with it', async () => {
      const ports = freePorts();
      expect((await checkout({ ...free, payment: { method: 'CARD', paymentToken: 'tok-1' } }, ports)).success).toBe(true);
      expect(ports.authorizePayment).not.toHaveBeenCalled();
    });

    it('with GATEWAY is NEW too: no gateway payment is started, there is nothing to pay', async () => {
      const ports = freePorts();
      const response = await checkout({ ...free, payment: { method: 'GATEWAY' } }, ports);
      expect(response.order?.status).toBe('NEW');
      expect(ports.startGatewayPayment).not.toHaveBeenCalled();
    });

    it('voids nothing when the stock is short, or when the write surely wrote nothing', async () => {
      const short = freePorts({
        writeOrder: vi.fn(async () => ({ kind: 'stockShort' as const, shortages: [{ productId: 'lamp', stock: 0 }] })),
      });
      expect((await checkout(free, short)).errors.map((error) => error.code)).toEqual(['OUT_OF_STOCK']);
      const busy = freePorts({ writeOrder: vi.fn(async () => Promise.reject(new ServiceUnavailableError('busy'))) });
      await expect(checkout(free, busy)).rejects.toThrow('busy');
      expect(short.voidPayment).not.toHaveBeenCalled();
      expect(busy.voidPayment).not.toHaveBeenCalled();
    });

    it('reports no payment to the team when the write’s outcome stays unknown: none is held', async () => {
      const unknown = new OrderOutcomeUnknownError('order-1', { cause: new Error('socket hang up') });
      const ports = freePorts({ writeOrder: vi.fn(async () => Promise.reject(unknown)) });
      const error = await checkout(free, ports).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as Error).cause).not.toBeInstanceOf(OrderOutcomeUnknownError);
      expect((error as Error).cause).toEqual(new Error('socket hang up'));
    });

    it('is only free at 0: an order that costs something without a token is INVALID_INPUT, naming the total', async () => {
      const ports = fakePorts();
      const response = await checkout({ ...createOrder, payment: undefined }, ports);
      expect(response.errors).toEqual([{ code: 'INVALID_INPUT', message: expect.stringMatching(/paymentToken.*costs 6900/) }]);
      expect(ports.writeOrder).not.toHaveBeenCalled();
    });
  });

  describe('with a GATEWAY payment', () => {
    const gatewayOrder: CheckoutRequest = { ...createOrder, payment: { method: 'GATEWAY' } };

    it('starts the gateway payment for the total and the items, and writes the order AWAITING_PAYMENT', async () => {
      const ports = fakePorts();
      const response = await checkout(gatewayOrder, ports);
      expect(ports.authorizePayment).not.toHaveBeenCalled();
      expect(ports.startGatewayPayment).toHaveBeenCalledWith({
        orderId: 'order-1',
        userId: 'u-1',
        amount: response.order!.total,
        items: [
          { productId: 'lamp', name: lamp.name, price: lamp.price, quantity: 2 },
          { productId: 'mug', name: mug.name, price: mug.price, quantity: 1 },
        ],
      });
      expect(response.order?.status).toBe('AWAITING_PAYMENT');
      expect(vi.mocked(ports.writeOrder).mock.calls[0]![0].status).toBe('AWAITING_PAYMENT');
    });

    it('refuses with PAYMENT_DECLINED when the gateway refuses, writing nothing', async () => {
      const ports = fakePorts({ startGatewayPayment: vi.fn(async () => ({ kind: 'declined' as const, message: 'No.' })) });
      const response = await checkout(gatewayOrder, ports);
      expect(response.errors).toEqual([expect.objectContaining({ code: 'PAYMENT_DECLINED', message: 'No.' })]);
      expect(ports.writeOrder).not.toHaveBeenCalled();
    });

    it('voids the gateway payment when the stock is short', async () => {
      const ports = fakePorts({
        writeOrder: vi.fn(async () => ({ kind: 'stockShort' as const, shortages: [{ productId: 'lamp', stock: 0 }] })),
      });
      await checkout(gatewayOrder, ports);
      expect(ports.voidPayment).toHaveBeenCalledWith('order-1', { method: 'GATEWAY' });
    });
  });

  it('answers the existing order when the write finds it written already, keeping the payment', async () => {
    const existing = anOrderItem('order-1');
    const ports = fakePorts({
      writeOrder: vi.fn(async () => ({ kind: 'exists' as const })),
      findOrder: vi.fn(async () => existing),
    });
    expect((await checkout(createOrder, ports)).order?.orderId).toBe('order-1');
    expect(ports.voidPayment).not.toHaveBeenCalled();
  });

  it('voids the payment and lets SERVICE_UNAVAILABLE through when the write surely wrote nothing', async () => {
    const ports = fakePorts({ writeOrder: vi.fn(async () => Promise.reject(new ServiceUnavailableError('busy'))) });
    await expect(checkout(createOrder, ports)).rejects.toThrow('busy');
    expect(ports.voidPayment).toHaveBeenCalledWith('order-1', { method: 'CARD', paymentToken: 'tok-1' });
  });

  describe('when the write gets no definite answer', () => {
    const noAnswer = () => vi.fn(async () => Promise.reject(new Error('socket hang up')));

    it('answers the order when it was written after all', async () => {
      const findOrder = vi.fn<CheckoutPorts['findOrder']>().mockResolvedValueOnce(anOrderItem('order-1'));
      const ports = fakePorts({ writeOrder: noAnswer(), findOrder });
      expect((await checkout(createOrder, ports)).success).toBe(true);
      expect(ports.voidPayment).not.toHaveBeenCalled();
    });

    it('keeps the payment when the order is not there: it may still be written, and is never left without its payment', async () => {
      const unknown = new OrderOutcomeUnknownError('order-1', { cause: new Error('socket hang up') });
      const ports = fakePorts({ writeOrder: vi.fn(async () => Promise.reject(unknown)) });
      const error = await checkout(createOrder, ports).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as Error).message).toMatch(/may have been placed.*same idempotency key/);
      expect((error as Error).cause).toBe(unknown);
      expect(ports.findOrder).toHaveBeenCalledWith('order-1');
      expect(ports.voidPayment).not.toHaveBeenCalled();
    });

    it('keeps the payment when the order cannot be read either, the write’s failure as the cause', async () => {
      const ports = fakePorts({ writeOrder: noAnswer(), findOrder: noAnswer() });
      const error = await checkout(createOrder, ports).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as Error).cause).toBeInstanceOf(OrderOutcomeUnknownError);
      expect((error as Error).cause).toMatchObject({
        orderId: 'order-1',
        cause: expect.objectContaining({ message: 'socket hang up' }),
      });
      expect(ports.voidPayment).not.toHaveBeenCalled();
    });
  });
});
