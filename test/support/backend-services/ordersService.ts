// The orders service's REST API over a test's own tables and services: the environment set as
// the stack sets it, then its handlers loaded afresh (their config is read at load) and served.
import { vi } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { LocalIam } from 'appsync-local/iam/principals.ts';
import type { CheckoutTables } from './checkoutTables.ts';
import { startServiceApi } from './restApis.ts';

export interface OrdersServiceUrls {
  readonly products: string;
  readonly deliveryPricing: string;
  readonly payment: string;
}

export async function startOrdersService(
  iam: LocalIam,
  tables: CheckoutTables,
  urls: OrdersServiceUrls,
): Promise<RunningRestApi> {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    DYNAMODB_ENDPOINT: tables.dynamodbEndpoint,
    ORDERS_TABLE: tables.names.orders,
    IDEMPOTENCY_TABLE: tables.names.idempotency,
    PRODUCTS_TABLE: tables.names.products,
    CARTS_TABLE: tables.names.carts,
    STOCK_MOVEMENTS_TABLE: tables.names.stockMovements,
    PRODUCTS_API_URL: urls.products,
    DELIVERY_PRICING_API_URL: urls.deliveryPricing,
    PAYMENT_API_URL: urls.payment,
    EVENT_BUS_NAME: 'commerce-tests',
  });
  vi.resetModules();
  const [createOrder, placeOrder] = await Promise.all([
    import('../../../backend-services/orders/handlers/createOrder.ts'),
    import('../../../backend-services/orders/handlers/placeOrder.ts'),
  ]);
  return startServiceApi(iam, 'orders', [
    { method: 'POST', path: '/orders', handler: createOrder.handler },
    { method: 'POST', path: '/checkout', handler: placeOrder.handler },
  ]);
}
