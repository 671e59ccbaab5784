// The DynamoDB tables of the system and their indexes. The local stack creates them in DynamoDB
// Local; the CDK app creates them in AWS. Nothing else lists them.

export type AttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexDeclaration {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDeclaration {
  /** The logical name; AWS gets a generated physical name, passed to resolvers through ctx.env. */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes?: readonly IndexDeclaration[];
  /** Tables whose changes are published as events have a stream of both images. */
  readonly stream?: 'NEW_AND_OLD_IMAGES';
  /** An attribute holding an epoch-seconds expiry: DynamoDB deletes the item some time after it. */
  readonly timeToLiveAttribute?: string;
}

export const PRODUCTS_TABLE = {
  name: 'products',
  partitionKey: { name: 'productId', type: 'S' },
  globalSecondaryIndexes: [
    { name: 'byCategory', partitionKey: { name: 'category', type: 'S' }, sortKey: { name: 'productId', type: 'S' } },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
} as const satisfies TableDeclaration;

/** One row per cart line: a user's cart is the rows under their userId. */
export const CARTS_TABLE = {
  name: 'carts',
  partitionKey: { name: 'userId', type: 'S' },
  sortKey: { name: 'productId', type: 'S' },
} as const satisfies TableDeclaration;

/**
 * Orders (the orders service's). `byUser` lists a customer's orders newest first; `byStatus`
 * lists the back office's queues (NEW to pack, PACKAGED to deliver) oldest first. The stream is
 * the outbox of OrderCreated and OrderStatusChanged. No payment token is ever stored here.
 */
export const ORDERS_TABLE = {
  name: 'orders',
  partitionKey: { name: 'orderId', type: 'S' },
  globalSecondaryIndexes: [
    { name: 'byUser', partitionKey: { name: 'userId', type: 'S' }, sortKey: { name: 'createdDate', type: 'S' } },
    { name: 'byStatus', partitionKey: { name: 'status', type: 'S' }, sortKey: { name: 'createdDate', type: 'S' } },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
} as const satisfies TableDeclaration;

/** The orders service's idempotency records (Powertools for AWS Lambda's layout). */
export const IDEMPOTENCY_TABLE = {
  name: 'idempotency',
  partitionKey: { name: 'id', type: 'S' },
  timeToLiveAttribute: 'expiration',
} as const satisfies TableDeclaration;

/**
 * Payments (the payment service's): one item per payment token (a card's, or `gateway:<orderId>`),
 * which backs at most one order. `byOrder` finds an order's payment when its status settles it;
 * `pendingGateway` (sparse: only gateway payments still PENDING carry its key) lists, oldest first,
 * those the sweep asks the gateway about.
 */
export const PAYMENTS_TABLE = {
  name: 'payments',
  partitionKey: { name: 'paymentToken', type: 'S' },
  globalSecondaryIndexes: [
    { name: 'byOrder', partitionKey: { name: 'orderId', type: 'S' } },
    {
      name: 'pendingGateway',
      partitionKey: { name: 'pendingGateway', type: 'S' },
      sortKey: { name: 'createdDate', type: 'S' },
    },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
} as const satisfies TableDeclaration;

/**
 * The payment service's refund idempotency keys: what each key of POST /payments/refund was first
 * used for (the order and the amount asked), so that one key never names two refunds.
 */
export const REFUND_IDEMPOTENCY_TABLE = {
  name: 'refund-idempotency',
  partitionKey: { name: 'idempotencyKey', type: 'S' },
} as const satisfies TableDeclaration;

/** The products service's ledger of orders whose stock went back on the shelves: at most once each. */
export const STOCK_RETURNS_TABLE = {
  name: 'stock-returns',
  partitionKey: { name: 'orderId', type: 'S' },
} as const satisfies TableDeclaration;

/**
 * The stock ledger (domain/stockMovement.ts): one item per change of a product's stock, under the
 * product's id, sorted by time. Its own table rather than items beside the product: the products
 * table's stream publishes every write as a catalog event, and a product's history can outgrow
 * anything one query of the catalog should read.
 */
export const STOCK_MOVEMENTS_TABLE = {
  name: 'stock-movements',
  partitionKey: { name: 'productId', type: 'S' },
  sortKey: { name: 'movementKey', type: 'S' },
} as const satisfies TableDeclaration;

/**
 * The products service's adjustStock idempotency keys: what each key was first used for (product,
 * delta) and the answer it gave, written in the adjustment's own transaction.
 */
export const STOCK_ADJUSTMENTS_TABLE = {
  name: 'stock-adjustments',
  partitionKey: { name: 'idempotencyKey', type: 'S' },
} as const satisfies TableDeclaration;

/**
 * The invoices service's (backend-services/invoices/store/invoicesTable.ts): under `recordKey`,
 * each year's counters of invoice and credit note numbers (`counter#<kind>#<year>`) and the
 * numbered documents (`invoice#<orderId>`, `creditNote#<orderId>#<refundKey>`), each counter
 * moved only in the transaction that writes the document taking its number.
 * Each record's `status` moves from NUMBERED to STORED once its PDF is in the invoices bucket.
 * `byOrder` (sparse: counters have no orderId) lists an order's documents, its invoice and its
 * credit notes, by number, for POST /invoices/batch-get.
 */
export const INVOICES_TABLE = {
  name: 'invoices',
  partitionKey: { name: 'recordKey', type: 'S' },
  globalSecondaryIndexes: [
    { name: 'byOrder', partitionKey: { name: 'orderId', type: 'S' }, sortKey: { name: 'invoiceNumber', type: 'S' } },
  ],
} as const satisfies TableDeclaration;

/**
 * The notifications service's ledger of emails (backend-services/notifications/store/sentEmails.ts):
 * one item per email (`<orderId>#<kind>`, or `#<number>` after it for a document), so that each is
 * sent at most once. Entries expire long after any redelivery could come.
 */
export const SENT_EMAILS_TABLE = {
  name: 'sent-emails',
  partitionKey: { name: 'emailKey', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
} as const satisfies TableDeclaration;

/**
 * Each customer's notification preferences, under their user id: written by the API's
 * updateNotificationPreferences, read by the notifications service. No item means the defaults.
 */
export const NOTIFICATION_PREFERENCES_TABLE = {
  name: 'notification-preferences',
  partitionKey: { name: 'userId', type: 'S' },
} as const satisfies TableDeclaration;

export const TABLES: readonly TableDeclaration[] = [
  PRODUCTS_TABLE,
  CARTS_TABLE,
  ORDERS_TABLE,
  IDEMPOTENCY_TABLE,
  PAYMENTS_TABLE,
  REFUND_IDEMPOTENCY_TABLE,
  STOCK_RETURNS_TABLE,
  STOCK_MOVEMENTS_TABLE,
  STOCK_ADJUSTMENTS_TABLE,
  INVOICES_TABLE,
  SENT_EMAILS_TABLE,
  NOTIFICATION_PREFERENCES_TABLE,
];
