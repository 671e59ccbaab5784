// The backend services: each is a REST API (API Gateway, IAM auth) whose routes invoke Lambda
// handlers, and optionally a table-events handler fed by its table's stream.
import { handler, type HandlerReference } from './handlers.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDeclaration {
  readonly method: HttpMethod;
  /** API Gateway resource path, e.g. /products/{productId}. */
  readonly path: string;
  readonly handler: HandlerReference;
  /**
   * Who may call it: IAM (the default: signed by a role allowed execute-api:Invoke on it) or NONE,
   * for a third party that cannot sign (a payment gateway's callback), which must then be throttled
   * and authenticate what it is sent by other means.
   */
  readonly authorization?: 'IAM' | 'NONE';
  /** Method throttling on AWS (requests per second, burst): required for a route without IAM. */
  readonly throttling?: { readonly rateLimit: number; readonly burstLimit: number };
}

export interface TableEventsDeclaration {
  /** Logical table name (system/tables.ts); its stream feeds the handler. */
  readonly table: string;
  readonly handler: HandlerReference;
  readonly batchSize?: number;
  readonly maximumRetryAttempts?: number;
  readonly bisectBatchOnFunctionError?: boolean;
}

/**
 * The event source mapping a table-events handler gets where its declaration is silent, on AWS
 * and locally alike. Retries are bounded (AWS's default is forever) so that a poison record
 * reaches the dead-letter queue instead of blocking its shard.
 */
export const TABLE_EVENTS_DEFAULTS = {
  batchSize: 100,
  maximumRetryAttempts: 10,
  bisectBatchOnFunctionError: false,
} as const;

/** A table-events declaration's mapping settings, with the defaults filled in. */
export function tableEventsSettings(
  declaration: TableEventsDeclaration,
): Required<Pick<TableEventsDeclaration, 'batchSize' | 'maximumRetryAttempts' | 'bisectBatchOnFunctionError'>> {
  return {
    batchSize: declaration.batchSize ?? TABLE_EVENTS_DEFAULTS.batchSize,
    maximumRetryAttempts: declaration.maximumRetryAttempts ?? TABLE_EVENTS_DEFAULTS.maximumRetryAttempts,
    bisectBatchOnFunctionError: declaration.bisectBatchOnFunctionError ?? TABLE_EVENTS_DEFAULTS.bisectBatchOnFunctionError,
  };
}

export interface ServiceDeclaration {
  readonly name: string;
  readonly stage: string;
  readonly routes: readonly RouteDeclaration[];
  readonly tableEvents?: readonly TableEventsDeclaration[];
}

export const SERVICES: readonly ServiceDeclaration[] = [
  {
    name: 'products',
    stage: 'prod',
    routes: [
      { method: 'POST', path: '/products/batch-get', handler: handler('backend-services/products/handlers/batchGetProducts.ts') },
      { method: 'POST', path: '/products', handler: handler('backend-services/products/handlers/putProduct.ts') },
      {
        method: 'DELETE',
        path: '/products/{productId}',
        handler: handler('backend-services/products/handlers/deleteProduct.ts'),
      },
      {
        method: 'POST',
        path: '/products/{productId}/stock-adjustments',
        handler: handler('backend-services/products/handlers/adjustStock.ts'),
      },
    ],
    tableEvents: [
      {
        table: 'products',
        handler: handler('backend-services/products/handlers/tableEvents.ts'),
        bisectBatchOnFunctionError: true,
      },
    ],
  },
  {
    name: 'delivery-pricing',
    stage: 'prod',
    routes: [
      // Priced from the catalog: the storefront's getDeliveryPricing (the API's role may call this route alone).
      { method: 'POST', path: '/pricing', handler: handler('backend-services/delivery-pricing/handlers/quote.ts') },
      // Priced from the packages the caller sends: checkout, which has read the catalog already.
      // Only the orders service's roles are granted it (serviceResources.ts `calls`).
      {
        method: 'POST',
        path: '/pricing/packages',
        handler: handler('backend-services/delivery-pricing/handlers/quotePackages.ts'),
      },
    ],
  },
  {
    name: 'orders',
    stage: 'prod',
    routes: [
      { method: 'POST', path: '/orders', handler: handler('backend-services/orders/handlers/createOrder.ts') },
      { method: 'POST', path: '/checkout', handler: handler('backend-services/orders/handlers/placeOrder.ts') },
    ],
    tableEvents: [
      { table: 'orders', handler: handler('backend-services/orders/handlers/tableEvents.ts'), bisectBatchOnFunctionError: true },
    ],
  },
  {
    name: 'payment',
    stage: 'prod',
    routes: [
      { method: 'POST', path: '/payments/authorize', handler: handler('backend-services/payment/handlers/authorize.ts') },
      {
        method: 'POST',
        path: '/payments/gateway',
        handler: handler('backend-services/payment/handlers/startGatewayPayment.ts'),
      },
      {
        // The gateway's callback: it cannot sign SigV4, so the handler checks its MAC before anything else.
        method: 'POST',
        path: '/payments/callback',
        handler: handler('backend-services/payment/handlers/gatewayCallback.ts'),
        authorization: 'NONE',
        throttling: { rateLimit: 50, burstLimit: 100 },
      },
      { method: 'POST', path: '/payments/void', handler: handler('backend-services/payment/handlers/voidPayment.ts') },
      { method: 'POST', path: '/payments/batch-get', handler: handler('backend-services/payment/handlers/batchGetPayments.ts') },
      { method: 'POST', path: '/payments/refund', handler: handler('backend-services/payment/handlers/refund.ts') },
    ],
    tableEvents: [
      {
        table: 'payments',
        handler: handler('backend-services/payment/handlers/tableEvents.ts'),
        bisectBatchOnFunctionError: true,
      },
    ],
  },
  {
    name: 'invoices',
    stage: 'prod',
    routes: [
      // Order.invoice: the invoices of a page of orders, each with a short-lived download URL.
      { method: 'POST', path: '/invoices/batch-get', handler: handler('backend-services/invoices/handlers/batchGetInvoices.ts') },
    ],
  },
  {
    // Emails to customers, on events only (system/events.ts): no one calls it, so it has no API.
    name: 'notifications',
    stage: 'prod',
    routes: [],
  },
];

/** The environment variable through which a service learns another's base URL (origin + stage). */
export function serviceUrlVariable(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_API_URL`;
}
