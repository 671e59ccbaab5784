// Every service's events described as a file (backend-services/<service>/events.schema.json),
// held against the factories that make the events, and the check the e2e run applies to every
// event its bus accepts (test/support/eventSchemas.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../backend-services/platform/eventBus.ts';
import { orderCreated, orderStatusChanged } from '../../../backend-services/orders/events.ts';
import {
  paymentAuthorized,
  paymentCaptured,
  paymentExpired,
  paymentFailed,
  paymentRefunded,
  paymentReleased,
  paymentSucceeded,
} from '../../../backend-services/payment/events.ts';
import {
  productCreated,
  productDeleted,
  productModified,
  productStockChanged,
  productStockCrossed,
} from '../../../backend-services/products/events.ts';
import { SYSTEM } from '../../../system/index.ts';
import { aProduct } from '../../support/backend-services/products.ts';
import { aPayment, aRefundRecord } from '../../support/backend-services/paymentStreamRecords.ts';
import { type CheckedEvent, createEventChecker, readEventSchemas } from '../../support/eventSchemas.ts';
import { buildObjectCreatedEvent, type ObjectCreatedReason } from 'appsync-local/s3/index.ts';
import { orderRecord } from '../../support/orders.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const check = createEventChecker();
const at = new Date('2026-03-01T10:00:00Z');

function asBusEvent(event: DomainEvent | undefined): CheckedEvent {
  if (!event) throw new Error('The factory made no event.');
  // As the bus holds it: the detail went through JSON.
  return { source: event.source, 'detail-type': event.detailType, detail: JSON.parse(JSON.stringify(event.detail)) };
}

const pick = ({ productId, name, price, package: box }: ReturnType<typeof aProduct>) => ({
  productId,
  name,
  price,
  package: box,
});

/** One event of every type each service emits, made by its factories. */
function everyFactoryEvent(): CheckedEvent[] {
  const product = aProduct('p-1', { stock: 6 });
  const order = orderRecord('u-1', [{ ...pick(product), quantity: 2 }], {
    orderId: 'o-1',
    modifiedDate: '2026-03-01T09:00:00.000Z',
  });
  const payment = aPayment();
  return [
    orderCreated(order, at),
    orderStatusChanged(order, { ...order, status: 'CANCELLED', statusReason: 'CANCELLED_BY_CUSTOMER' }, at),
    productCreated(product, at),
    productModified(product, { ...product, stock: 4 }, at),
    productDeleted(product, at),
    productStockChanged(product, { ...product, stock: 4 }, at),
    productStockCrossed(product, { ...product, stock: 4 }, at),
    productStockCrossed({ ...product, stock: 2 }, { ...product, stock: 0, lowStockThreshold: 3 } as typeof product, at),
    productStockCrossed({ ...product, stock: 0 }, { ...product, stock: 9 }, at),
    paymentAuthorized(payment, at),
    paymentCaptured({ ...payment, status: 'CAPTURED' }, at),
    paymentReleased({ ...payment, status: 'RELEASED' }, at),
    paymentSucceeded({ ...payment, status: 'CAPTURED' }, at),
    paymentFailed({ ...payment, status: 'FAILED' }, at),
    paymentExpired({ ...payment, status: 'EXPIRED' }, at),
    paymentRefunded(
      { ...payment, status: 'CAPTURED', capturedAmount: 4200, refunds: { 'refund-1': aRefundRecord(1000, 'PENDING') } },
      {
        ...payment,
        status: 'PARTIALLY_REFUNDED',
        capturedAmount: 4200,
        refundedAmount: 1000,
        refunds: { 'refund-1': aRefundRecord(1000, 'SUCCEEDED') },
      },
      at,
    ),
  ].map(asBusEvent);
}

describe('the event schema files', () => {
  it('describe every service that has events, beside its events.ts', () => {
    const withEvents = SYSTEM.services
      .map((service) => service.name)
      .filter((name) => existsSync(join(ROOT, 'backend-services', name, 'events.ts')));
    expect(withEvents.sort()).toEqual(['orders', 'payment', 'products']);
    expect(
      readEventSchemas()
        .map((file) => file.path)
        .sort(),
    ).toEqual(withEvents.map((name) => join('backend-services', name, 'events.schema.json')));
  });

  it("list exactly the detail-types the services' factories make, each with a definition", () => {
    const made = new Set(everyFactoryEvent().map((event) => event['detail-type']));
    const listed = readEventSchemas().flatMap((file) => file.schema.properties['detail-type'].enum);
    expect(listed.sort()).toEqual([...made].sort());
    for (const file of readEventSchemas()) {
      for (const type of file.schema.properties['detail-type'].enum) expect(file.schema.definitions).toHaveProperty(type);
    }
  });

  it('pass every event the factories make', () => {
    expect(everyFactoryEvent().map(check)).toEqual(everyFactoryEvent().map(() => undefined));
  });
});

describe("AWS's events", () => {
  const objectCreated = (reason: ObjectCreatedReason = 'PutObject') =>
    buildObjectCreatedEvent({
      bucket: 'commerce-invoices',
      key: 'invoices/2026/INV-2026-000001.pdf',
      size: 1234,
      etag: 'd41d8cd98f00b204e9800998ecf8427e',
      sequencer: '0055AED6DCD90281E5',
      requestId: 'C3D13FE58DE4C810',
      sourceIpAddress: '127.0.0.1',
      reason,
      accountId: '123456789012',
      region: 'us-east-1',
      time: new Date('2026-12-05T10:00:00Z'),
    });

  it("pass S3's Object Created event, as the local S3 builds it", () => {
    expect(check(objectCreated())).toBeUndefined();
    expect(check(objectCreated('CopyObject'))).toBeUndefined();
  });

  it('refuse an Object Created event without its object key', () => {
    const event = objectCreated();
    const { key: _key, ...object } = event.detail.object;
    expect(check({ ...event, detail: { ...event.detail, object } })).toContain(
      "detail.object should have required property 'key'",
    );
  });
});

describe('the event check', () => {
  const lowStock = () => asBusEvent(productStockCrossed(aProduct('p-1', { stock: 6 }), aProduct('p-1', { stock: 4 }), at));

  it('names the event, its schema file and what is wrong with its detail', () => {
    const event = { ...lowStock(), id: 'event-1', detail: { ...(lowStock().detail as object), stock: -1, threshold: 'five' } };
    expect(check(event)).toMatch(
      /^ProductLowStock \(ecommerce\.products\) event-1 does not match backend-services\/products\/events\.schema\.json: .*detail\.stock should be >= 1.*detail\.threshold should be integer/,
    );
  });

  it('refuses a detail with a field its schema does not list, or without one it requires', () => {
    const { threshold: _dropped, ...withoutThreshold } = lowStock().detail as Record<string, unknown>;
    expect(check({ ...lowStock(), detail: withoutThreshold })).toMatch(/should have required property 'threshold'/);
    expect(check({ ...lowStock(), detail: { ...(lowStock().detail as object), kind: 'LOW_STOCK' } })).toMatch(
      /should NOT have additional properties/,
    );
  });

  it('refuses a detail-type its service does not list, and a source no service owns', () => {
    expect(check({ ...lowStock(), 'detail-type': 'ProductRestocked' })).toBe(
      'ProductRestocked (ecommerce.products): backend-services/products/events.schema.json lists no detail-type ProductRestocked.',
    );
    expect(check({ source: 'ecommerce.invoices', 'detail-type': 'InvoiceIssued', detail: {} })).toMatch(
      /^InvoiceIssued \(ecommerce\.invoices\): no service's events\.schema\.json describes the source ecommerce\.invoices\.$/,
    );
  });
});
