// What one order asks of AWS, from the code that places it: a shopper adds each line to the cart
// (addToCart) and checks out (placeOrder, a card, an idempotency key); the tables' streams publish
// what changed (busDemand.ts follows the events). The transaction's items are the orders service's
// own (orderTransaction), sized as DynamoDB bills them, each with its table's and indexes' partitions
// (system/tables.ts): a new item, index or event shows up here without an edit. What the code cannot
// tell this way (the reads and writes around the transaction, the calls through API Gateway) is
// written out below, each with where it happens, and checked against the declaration where it can be.
import { marshall } from '@aws-sdk/util-dynamodb';
import { buildOrder } from '../../backend-services/orders/domain/buildOrder.ts';
import type { CheckoutRequest } from '../../backend-services/orders/domain/checkoutRequest.ts';
import { orderCreated } from '../../backend-services/orders/events.ts';
import { orderTransaction } from '../../backend-services/orders/store/orderTransaction.ts';
import { newPayment } from '../../backend-services/payment/domain/payment.ts';
import { paymentAuthorized } from '../../backend-services/payment/events.ts';
import type { DomainEvent } from '../../backend-services/platform/eventBus.ts';
import type { Product } from '../../backend-services/products/domain/product.ts';
import { productEventsOf } from '../../backend-services/products/events.ts';
import { demoCatalog } from '../../backend-services/products/seed/demoCatalog.ts';
import { CART_HEADER_ID } from '../../domain/cart.ts';
import { SERVICES } from '../../system/services.ts';
import {
  CARTS_TABLE,
  IDEMPOTENCY_TABLE,
  ORDERS_TABLE,
  PAYMENTS_TABLE,
  PRODUCTS_TABLE,
  STOCK_MOVEMENTS_TABLE,
  TABLES,
  type TableDeclaration,
} from '../../system/tables.ts';
import { busDemand } from './busDemand.ts';
import { type Item, itemBytes, type PartitionWrite, partitionWrites, readUnits } from './dynamodbItems.ts';
import { LATENCIES } from './estimates.ts';

/**
 * Who shares a partition: one order (its id, its user); every order of one product; every order of
 * one category's products (the products' byCategory index); every order.
 */
export type Scope = 'order' | 'product' | 'category' | 'shop';

/**
 * When in an order's life a cost is paid: by every checkout (`checkout`), by every transaction sent
 * (`transaction`: a cancelled one is billed too), or only for an order placed (`placed`: the
 * indexes of what the transaction wrote, the streams' events and what they set off).
 */
export type Phase = 'checkout' | 'transaction' | 'placed';

export interface PartitionAccess extends PartitionWrite {
  readonly rcu: number;
  readonly scope: Scope;
  readonly phase: Phase;
  /** What makes it. */
  readonly by: string;
}

export interface OrderDemand {
  readonly lines: number;
  /** Items of the order's TransactWriteItems (at most 100). */
  readonly transactionItems: number;
  readonly productBytes: number;
  readonly orderBytes: number;
  /** Every read and write of a partition, the transaction's, the cart's, the payment's, the emails'. */
  readonly accesses: readonly PartitionAccess[];
  /** GraphQL requests: the shopper's (checkout), and the bus's mutations (placed; each also a message to subscribers). */
  readonly appsyncRequests: readonly { readonly field: string; readonly count: number; readonly phase: Phase }[];
  /** Each bus mutation's subscription, whose subscribers each get one message. */
  readonly subscriptionMessages: readonly { readonly subscription: string; readonly count: number }[];
  /** API Gateway requests, by service (each service is one REST API stage). */
  readonly apiGatewayRequests: Readonly<Record<string, number>>;
  /** Lambda invocations and the seconds each runs (estimates: LATENCIES). */
  readonly invocations: readonly Invocation[];
  /** Events put on the bus (from the tables' streams), and the rules' targets they reach. */
  readonly events: readonly { readonly detailType: string; readonly count: number }[];
  readonly ruleTargets: readonly { readonly rule: string; readonly target: string; readonly count: number }[];
  readonly emails: number;
  readonly snsPublishes: number;
}

export interface Invocation {
  readonly fn: string;
  readonly count: number;
  readonly seconds: number;
  readonly phase: Phase;
}

/**
 * The calls one checkout makes through API Gateway (orders service's clients, delivery-pricing's
 * quote): each route must be one system/services.ts serves.
 */
const CHECKOUT_CALLS = [
  { service: 'orders', route: 'POST /checkout', count: 1, seconds: LATENCIES.checkout },
  // orders reads the catalog once and sends the packages it read to delivery-pricing, which
  // prices them without reading anything.
  { service: 'products', route: 'POST /products/batch-get', count: 1, seconds: LATENCIES.oneTableCall },
  { service: 'delivery-pricing', route: 'POST /pricing/packages', count: 1, seconds: LATENCIES.pureCall },
  { service: 'payment', route: 'POST /payments/authorize', count: 1, seconds: LATENCIES.nestedCall },
] as const;

export interface SampleOptions {
  /** Lines in the cart, each a product of another category (at most the demo's 6). */
  readonly lines: number;
  /** Makes each product's item this much larger (a longer description): the whole item is billed on each stock write. */
  readonly extraProductBytes?: number;
}

/**
 * One order's demand, and who shares each partition it touches: found by placing other orders (other
 * users) of the same products, of other products of the same categories, and of other categories,
 * and seeing which partitions they touch too.
 */
export function orderDemand(options: SampleOptions): OrderDemand {
  if (options.lines * 2 > CATEGORIES)
    throw new Error(`At most ${CATEGORIES / 2} lines: each line a category of its own, twice over.`);
  const first = sampleOrder(options, { user: 1, categoryOffset: 0, productIndex: 0 });
  const sharedWith = (sample: Sample) => keysOf(sampleOrder(options, sample).accesses);
  const sameProducts = sharedWith({ user: 2, categoryOffset: 0, productIndex: 0 });
  const sameCategories = sharedWith({ user: 3, categoryOffset: 0, productIndex: 1 });
  const otherCategories = sharedWith({ user: 4, categoryOffset: options.lines, productIndex: 0 });
  const accesses = first.accesses.map((access): PartitionAccess => {
    const key = `${access.where}|${access.key}`;
    const scope: Scope = otherCategories.has(key)
      ? 'shop'
      : sameCategories.has(key)
        ? 'category'
        : sameProducts.has(key)
          ? 'product'
          : 'order';
    return { ...access, scope };
  });
  return { ...first, accesses };
}

interface Sample {
  readonly user: number;
  readonly categoryOffset: number;
  readonly productIndex: number;
}

function sampleOrder(options: SampleOptions, sample: Sample): OrderDemand {
  const products = sampleProducts(options, sample);
  const userId = `0000000${sample.user}-2f6c-4d3e-9b1a-6c0e8a4f7d21`;
  const request = sampleRequest(userId);
  const lines = products.map((product) => ({ productId: product.productId, quantity: 1 }));
  const catalog = new Map(products.map((product) => [product.productId, product]));
  const order = buildOrder(
    `3f1c9a2e-7b4d-8e6f-a1b2-c3d4e5f6a7b${sample.user}`,
    request,
    lines,
    catalog,
    new Date('2026-12-01T12:00:00Z'),
  );
  const stocks = new Map(products.map((product) => [product.productId, product.stock]));
  const tables = {
    orders: ORDERS_TABLE.name,
    products: PRODUCTS_TABLE.name,
    carts: CARTS_TABLE.name,
    stockMovements: STOCK_MOVEMENTS_TABLE.name,
  };
  const transaction = orderTransaction(tables, order, 'placeOrder', stocks, order.createdDate);
  const items = transaction.TransactItems ?? [];

  const accesses: Omit<PartitionAccess, 'scope'>[] = [];
  // The order's transaction is billed per send; its items' indexes are written only once it commits.
  const write = (table: TableDeclaration, item: Item, by: string, how: { transactional?: boolean; phase?: Phase } = {}) => {
    const phase = how.phase ?? 'checkout';
    for (const [index, partition] of partitionWrites(table, item, how.transactional ?? false).entries()) {
      accesses.push({ ...partition, rcu: 0, by, phase: phase === 'transaction' && index > 0 ? 'placed' : phase });
    }
  };
  const read = (table: TableDeclaration, item: Item, by: string, phase: Phase = 'checkout') =>
    accesses.push({
      where: table.name,
      key: `${table.partitionKey.name} = ${item[table.partitionKey.name]?.S}`,
      wcu: 0,
      rcu: readUnits(itemBytes(item)),
      by,
      phase,
    });

  const cartLine = (productId: string) =>
    marshall({ userId, productId, quantity: 1, addedDate: order.createdDate, modifiedDate: order.createdDate });
  const cartHeader = marshall({
    userId,
    productId: CART_HEADER_ID,
    productIds: new Set(lines.map((l) => l.productId)),
    modifiedDate: order.createdDate,
  });
  const after = new Map(
    products.map((product) => [
      product.productId,
      marshall({ ...product, stock: product.stock - 1 }, { removeUndefinedValues: true }),
    ]),
  );

  // addToCart, once per line (resolvers/Mutation.addToCart.ts): the product and the caller's line and
  // header read (strongly), a new line and the header written in one transaction, the cart read back
  // with its products.
  for (const product of products) {
    const productItem = marshall(product, { removeUndefinedValues: true });
    read(PRODUCTS_TABLE, productItem, 'addToCart: requireProduct');
    read(CARTS_TABLE, cartLine(product.productId), 'addToCart: requireProduct (line)');
    read(CARTS_TABLE, cartHeader, 'addToCart: requireProduct (header)');
    write(CARTS_TABLE, cartLine(product.productId), 'addToCart: the line', { transactional: true });
    write(CARTS_TABLE, cartHeader, 'addToCart: the header', { transactional: true });
    read(CARTS_TABLE, cartHeader, 'addToCart: getCartLines');
    read(PRODUCTS_TABLE, productItem, 'addToCart: getCartProducts');
  }

  // placeOrder: the idempotency record claimed (Powertools), the order looked for under its derived
  // id, the cart read, the products read three times (the orders service's catalog check, the quote's
  // packages, the stock the transaction is conditional on), the payment claimed, then the transaction.
  const orderItem = marshall(order, { removeUndefinedValues: true });
  const record = (data?: string) =>
    marshall({
      id: `orders#${String(sample.user).repeat(64)}`,
      status: data ? 'COMPLETED' : 'INPROGRESS',
      expiration: 1_800_000_000,
      validation: 'f'.repeat(64),
      ...(data ? { data } : {}),
    });
  write(IDEMPOTENCY_TABLE, record(), 'placeOrder: idempotency record claimed');
  read(ORDERS_TABLE, orderItem, 'placeOrder: the order under its derived id');
  read(CARTS_TABLE, cartHeader, 'placeOrder: the cart');
  for (const product of products) {
    const productItem = marshall(product, { removeUndefinedValues: true });
    for (const by of ['placeOrder: catalog (products batch-get)', 'placeOrder: stock read']) {
      read(PRODUCTS_TABLE, productItem, by);
    }
  }
  const payment = newPayment(
    { orderId: order.orderId, userId, paymentToken: `tok_${String(sample.user).repeat(24)}`, amount: order.total },
    new Date(order.createdDate),
  );
  write(PAYMENTS_TABLE, marshall(payment), 'placeOrder: payment claimed');
  for (const transactItem of items) {
    const { table, item } = transactionItemImage(transactItem, after, cartLine, cartHeader);
    write(table, item, `placeOrder: transaction (${table.name})`, { transactional: true, phase: 'transaction' });
  }
  write(IDEMPOTENCY_TABLE, record(JSON.stringify({ success: true, order })), 'placeOrder: idempotency record completed');

  // The streams: the order inserted, the payment inserted, each product modified.
  const events: DomainEvent[] = [
    orderCreated(order),
    paymentAuthorized(payment),
    ...products.flatMap((product) =>
      productEventsOf({ kind: 'MODIFY', old: product, new: { ...product, stock: product.stock - 1 } }),
    ),
  ];
  const bus = busDemand(events);
  for (const { table, read: isRead, by } of bus.handlerAccesses) {
    if (isRead) read(table, orderItem, by, 'placed');
    else write(table, sentEmail(order.orderId), by, { phase: 'placed' });
  }
  const invocations: Invocation[] = [
    ...CHECKOUT_CALLS.map((call) => ({
      fn: `${call.service}: ${call.route}`,
      count: call.count,
      seconds: call.seconds,
      phase: 'checkout' as const,
    })),
    ...bus.invocations.map((call) => ({ ...call, phase: 'placed' as const })),
  ];

  return {
    lines: products.length,
    transactionItems: items.length,
    productBytes: itemBytes(marshall(products[0]!, { removeUndefinedValues: true })),
    orderBytes: itemBytes(orderItem),
    accesses: accesses.map((access) => ({ ...access, scope: 'order' as const })),
    appsyncRequests: [
      { field: 'addToCart', count: products.length, phase: 'checkout' },
      { field: 'placeOrder', count: 1, phase: 'checkout' },
      ...bus.mutations.map((mutation) => ({ ...mutation, phase: 'placed' as const })),
    ],
    subscriptionMessages: bus.subscriptionMessages,
    apiGatewayRequests: Object.fromEntries(CHECKOUT_CALLS.map((call) => [call.service, call.count])),
    invocations,
    events: bus.events,
    ruleTargets: bus.ruleTargets,
    emails: bus.emails,
    snsPublishes: bus.snsPublishes,
  };
}

/** The item each of the transaction's actions writes (an update or a delete is billed on the whole item). */
function transactionItemImage(
  transactItem: NonNullable<ReturnType<typeof orderTransaction>['TransactItems']>[number],
  after: ReadonlyMap<string, Item>,
  cartLine: (productId: string) => Item,
  cartHeader: Item,
): { table: TableDeclaration; item: Item } {
  const action = transactItem.Put ?? transactItem.Update ?? transactItem.Delete ?? transactItem.ConditionCheck;
  const table = TABLES.find((declaration) => declaration.name === action?.TableName);
  if (!action || !table)
    throw new Error(`The order's transaction writes a table system/tables.ts does not declare: ${action?.TableName}`);
  if (transactItem.Put) return { table, item: transactItem.Put.Item as Item };
  const key = (action as { Key: Item }).Key;
  const productId = key.productId?.S ?? '';
  if (table === PRODUCTS_TABLE) return { table, item: after.get(productId)! };
  if (table === CARTS_TABLE) return { table, item: productId === CART_HEADER_ID ? cartHeader : cartLine(productId) };
  throw new Error(`The scale model does not know the item ${table.name}'s ${Object.keys(transactItem)[0]} writes.`);
}

/** The demo catalog's categories; each line of a sample order is a product of its own category. */
const CATEGORIES = new Set(demoCatalog().map((product) => product.category)).size;

/** One product of each of `lines` categories, from the sample's offset, the sample's nth of each. */
function sampleProducts(options: SampleOptions, sample: Sample): Product[] {
  const byCategory = new Map<string, Product[]>();
  for (const product of demoCatalog()) byCategory.set(product.category, [...(byCategory.get(product.category) ?? []), product]);
  const categories = [...byCategory.values()];
  const padding = 'x'.repeat(options.extraProductBytes ?? 0);
  return Array.from({ length: options.lines }, (_, line) => {
    const product = categories[(line + sample.categoryOffset) % categories.length]![sample.productIndex]!;
    return { ...product, description: `${product.description ?? ''}${padding}` };
  });
}

function sampleRequest(userId: string): CheckoutRequest {
  return {
    operation: 'placeOrder',
    userId,
    customerEmail: 'ada.lovelace@example.com',
    idempotencyKey: '6b1f0c52-8d4e-4a7b-9f3e-2c1d0e9b8a76',
    address: {
      name: 'Ada Lovelace',
      streetAddress: '12 Analytical Engine Street, Flat 3',
      postCode: '10115',
      city: 'Berlin',
      country: 'DE',
      phoneNumber: '+49 30 1234567',
    },
    deliveryPrice: 490,
    payment: { method: 'CARD', paymentToken: `tok_${'a'.repeat(24)}` },
  };
}

// Every checkout call is a route some service serves: a renamed route fails here.
for (const call of CHECKOUT_CALLS) {
  const service = SERVICES.find((declared) => declared.name === call.service);
  if (!service?.routes.some((route) => `${route.method} ${route.path}` === call.route)) {
    throw new Error(`The scale model counts ${call.service}'s ${call.route}, which system/services.ts does not declare.`);
  }
}

function keysOf(accesses: readonly PartitionAccess[]): Set<string> {
  return new Set(accesses.map((access) => `${access.where}|${access.key}`));
}

/** An entry of the emails' ledger (notifications/store/sentEmails.ts), as a claim writes it. */
function sentEmail(orderId: string): Item {
  return marshall({
    emailKey: `${orderId}#ORDER_CONFIRMED`,
    state: 'SENDING',
    attemptId: orderId,
    claimedAt: 1_764_590_400_000,
    orderId,
    kind: 'ORDER_CONFIRMED',
    recipient: 'ada.lovelace@example.com',
    expiresAt: 1_800_000_000,
    attempts: 1,
  });
}
