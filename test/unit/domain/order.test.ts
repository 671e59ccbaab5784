import { readFileSync } from 'node:fs';
import { isObjectType } from 'graphql';
import { buildAppSyncSchema } from 'appsync-local/appsync/execution/schema.ts';
import { describe, expect, it } from 'vitest';
import { type OrderItem, type ProductSnapshot, toDelivery, toOrder, toPackagingRequest } from '../../../domain/order.ts';
import { anOrderItem } from '../../support/backend-services/orders.ts';
import { SCHEMA_FILE } from '../../../system/artifacts.ts';

const schema = buildAppSyncSchema(readFileSync(SCHEMA_FILE, 'utf8'));

function fieldsOf(typeName: string): string[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`The schema has no object type ${typeName}.`);
  return Object.keys(type.getFields()).sort();
}

/** A PACKAGING order to an address without its optional fields, as the orders table holds one. */
const item: OrderItem = anOrderItem('order-1', {
  status: 'PACKAGING',
  previousStatus: 'NEW',
  createdDate: '2026-01-01T10:00:00.000Z',
  modifiedDate: '2026-01-01T11:00:00.000Z',
  idempotencyKey: 'key-1',
});
const [lamp, mug] = item.products as [ProductSnapshot, ProductSnapshot];

describe('toOrder', () => {
  it('answers every field of the schema’s Order but its payment, invoice and credit notes (their own resolvers ask the payment and invoices services), and nothing the schema does not know', () => {
    const order = toOrder(item);
    const askedElsewhere = ['payment', 'invoice', 'creditNotes'];
    expect(Object.keys(order).sort()).toEqual(fieldsOf('Order').filter((field) => !askedElsewhere.includes(field)));
    expect(Object.keys(order.address).sort()).toEqual(fieldsOf('Address'));
    expect(Object.keys(order.products[0]!).sort()).toEqual(fieldsOf('OrderProduct'));
    expect(Object.keys(order.products[0]!.package).sort()).toEqual(fieldsOf('Package'));
  });

  it('answers the absent optional address fields as null', () => {
    expect(toOrder(item).address).toEqual({ ...item.address, companyName: null, postCode: null, state: null });
  });

  it('answers the optional address fields the order has', () => {
    const address = { ...item.address, companyName: 'Analytical Engines', postCode: '75002', state: 'Île-de-France' };
    expect(toOrder({ ...item, address }).address).toEqual(address);
  });

  it('leaves subtotal, previousStatus and the idempotency key behind, and answers no statusReason as null', () => {
    expect(toOrder(item)).toEqual({
      orderId: 'order-1',
      userId: 'user-1',
      status: 'PACKAGING',
      statusReason: null,
      products: [lamp, mug],
      address: { ...item.address, companyName: null, postCode: null, state: null },
      deliveryPrice: 1000,
      total: 6900,
      createdDate: '2026-01-01T10:00:00.000Z',
      modifiedDate: '2026-01-01T11:00:00.000Z',
    });
  });

  it('answers a product’s snapshot with only the schema’s fields, whatever else the item holds', () => {
    const stored = { ...lamp, stock: 3, package: { ...lamp.package, volume: 6_000_000 } };
    expect(toOrder({ ...item, products: [stored] }).products).toEqual([lamp]);
  });
});

describe('toPackagingRequest', () => {
  it('answers the order as a pick list: its status and each product’s id and quantity', () => {
    expect(toPackagingRequest(item)).toEqual({
      orderId: 'order-1',
      status: 'PACKAGING',
      products: [
        { productId: 'p-1', quantity: 2 },
        { productId: 'p-2', quantity: 1 },
      ],
    });
  });
});

describe('toDelivery', () => {
  it('answers the order as a run sheet, absent optional address fields null', () => {
    expect(toDelivery(item)).toEqual({
      orderId: 'order-1',
      status: 'PACKAGING',
      address: { ...item.address, companyName: null, postCode: null, state: null },
    });
    expect(Object.keys(toDelivery(item)).sort()).toEqual(fieldsOf('Delivery'));
  });
});
