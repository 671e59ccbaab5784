// What each backend service's functions use, as its config.ts reads it: the tables (each its
// `<NAME>_TABLE` variable) and the DynamoDB actions it takes on each, the other services it
// calls (`<NAME>_API_URL`), the event bus (`EVENT_BUS_NAME`), the payment provider, the buckets
// (each its `<NAME>_BUCKET` variable, the S3 actions it takes and the key prefix it takes them on),
// the seller's invoicing settings, the email settings and the team's alert topics. The CDK
// app sets each variable together with its grant; test/infra checks the variables against every
// config.ts and the actions against the commands each service's code sends.

import type { AlertTopicName } from './alerts.ts';

/** DynamoDB actions a service may take on a table (a transaction needs each of its item actions). */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem';

/** S3 actions a service may take on the objects of a bucket. */
export type ObjectAction = 's3:PutObject' | 's3:GetObject';

export interface BucketUse {
  readonly actions: readonly ObjectAction[];
  /** The key prefix the actions are limited to, e.g. `invoices/` (granted on `invoices/*`). */
  readonly prefix: string;
}

export interface ServiceResources {
  readonly tables?: Readonly<Record<string, readonly TableAction[]>>;
  readonly calls?: readonly string[];
  readonly eventBus?: boolean;
  readonly paymentProvider?: boolean;
  /** Buckets by logical name (BUCKETS), each with what it may do there. */
  readonly buckets?: Readonly<Record<string, BucketUse>>;
  /** The seller and currency printed on invoices (INVOICING_VARIABLES). */
  readonly invoicing?: boolean;
  /** Sends email: the sender, the shop's name, URL and currency (MAIL_VARIABLES); SES on AWS. */
  readonly mail?: boolean;
  /** The team's alert topics it publishes to (system/alerts.ts), each's ARN in `<NAME>_TOPIC_ARN`. */
  readonly alerts?: readonly AlertTopicName[];
}

/**
 * The buckets, by logical name. On AWS the CDK app makes each (private, encrypted, versioned, its
 * Object Created events on the default bus); locally the stack starts an S3 holding each.
 */
export const BUCKETS = ['invoices'] as const;

/** The environment variable naming a bucket: `<NAME>_BUCKET`. */
export function bucketEnvironmentName(bucket: string): string {
  return `${bucket.toUpperCase().replace(/-/g, '_')}_BUCKET`;
}

/** The invoicing settings' variables (backend-services/invoices/config.ts), set by the CDK app from context. */
export const INVOICING_VARIABLES = {
  sellerName: 'SELLER_NAME',
  /** The address as printed, its lines separated by newlines. */
  sellerAddress: 'SELLER_ADDRESS',
  sellerVatId: 'SELLER_VAT_ID',
  /** ISO 4217, e.g. EUR: the currency the orders' amounts are in. */
  currency: 'INVOICE_CURRENCY',
  /** How long an invoice's download URL is valid. */
  urlTtlSeconds: 'INVOICE_URL_TTL_SECONDS',
} as const;

export type InvoicingSettings = Readonly<Record<keyof typeof INVOICING_VARIABLES, string>>;

/** The email settings' variables (backend-services/notifications/config.ts), set by the CDK app from context. */
export const MAIL_VARIABLES = {
  /** The sender, `Name <address>`: on AWS an address of a verified SES identity. */
  from: 'MAIL_FROM',
  /** The shop's name, signing the emails. */
  shopName: 'SHOP_NAME',
  /** The shop's base URL: emails link to `<shopUrl>/orders/<orderId>`. */
  shopUrl: 'SHOP_URL',
  /** ISO 4217: the currency the orders' amounts are in. */
  currency: 'SHOP_CURRENCY',
} as const;

export type MailSettings = Readonly<Record<keyof typeof MAIL_VARIABLES, string>>;

export const SERVICE_RESOURCES: Readonly<Record<string, ServiceResources>> = {
  products: {
    tables: {
      // batch reads; a product read before its conditional write; put, replace, delete; stock moved
      products: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      'stock-returns': ['dynamodb:PutItem'], // the return's record, in the same transaction
      'stock-movements': ['dynamodb:PutItem'], // each stock change's movement, in the same transaction
      'stock-adjustments': ['dynamodb:GetItem', 'dynamodb:PutItem'], // adjustStock's idempotency keys
    },
    eventBus: true,
  },
  'delivery-pricing': { calls: ['products'] },
  orders: {
    tables: {
      orders: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], // write an order; its payment's outcome moves it
      // Powertools' persistence layer: read, claim, complete and release a record.
      idempotency: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      // the stock read, then reserved in the order's transaction on the condition that it is still what was read
      products: ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem'],
      'stock-movements': ['dynamodb:PutItem'], // each line's ORDER_PLACED movement, in the same transaction
      carts: ['dynamodb:Query', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'], // read the cart; empty it with the order
    },
    calls: ['products', 'delivery-pricing', 'payment'],
    eventBus: true,
    alerts: ['order-errors'], // a checkout whose payment claim could not be voided, or whose outcome is unknown
  },
  payment: {
    tables: {
      payments: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      'refund-idempotency': ['dynamodb:PutItem'], // a key's first use, conditional; a refused put answers the one held
    },
    eventBus: true,
    paymentProvider: true,
  },
  invoices: {
    tables: {
      // a number taken in a transaction (counter updated, record put), the record read, then marked
      // STORED; an order's documents listed through byOrder (batch-get)
      invoices: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      orders: ['dynamodb:GetItem'], // the order invoiced, as the orders table holds it
    },
    buckets: { invoices: { actions: ['s3:PutObject', 's3:GetObject'], prefix: 'invoices/' } },
    invoicing: true,
    alerts: ['order-errors'], // money taken for an order that does not exist
  },
  notifications: {
    tables: {
      orders: ['dynamodb:GetItem'], // the order an email is about
      'sent-emails': ['dynamodb:GetItem', 'dynamodb:UpdateItem'], // each email claimed, then settled, conditionally
      'notification-preferences': ['dynamodb:GetItem'], // the customer's choice of status emails
    },
    buckets: { invoices: { actions: ['s3:GetObject'], prefix: 'invoices/' } }, // the PDF attached
    mail: true,
    alerts: ['order-alerts', 'order-errors'], // every order placed; an email whose outcome is unknown
  },
};

/** The service a handler module belongs to: backend-services/<service>/…. */
export function serviceOfModule(module: string): string {
  const match = /^backend-services\/([^/]+)\//.exec(module);
  if (!match) throw new Error(`${module} is not a backend service's module.`);
  return match[1]!;
}
