// Everything the orders service talks to, for its handler tests: tables of the test's own, the
// real products and delivery-pricing services over them, a fake payment service, and the orders
// service itself, called as its callers call it (signed, through the local API Gateway).
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import type { CreateOrderResponse } from '../../../backend-services/orders/domain/createOrderResponse.ts';
import type { AddressItem } from '../../../domain/order.ts';
import { signedFetch } from '../../../backend-services/platform/signedFetch.ts';
import { type CheckoutTables, createCheckoutTables } from './checkoutTables.ts';
import { type OrdersServiceUrls, startOrdersService } from './ordersService.ts';
import { type FakePaymentService, startFakePaymentService } from './paymentServiceFake.ts';
import { startPricingService } from './pricingService.ts';
import { startProductsService } from './productsService.ts';
import { credentialsOf, invokerRole } from './restApis.ts';

/** A Swedish address: delivery is free (fee 0), so prices in tests are the products' alone. */
export const SWEDISH_ADDRESS: AddressItem = {
  name: 'Ada Lovelace',
  streetAddress: '1 Main Street',
  city: 'Stockholm',
  country: 'SE',
  phoneNumber: '+46 8 123 456',
};
/** A French one: 1000 per box; one small aProduct takes one box. */
export const FRENCH_ADDRESS: AddressItem = { ...SWEDISH_ADDRESS, city: 'Paris', country: 'FR' };

export interface CheckoutAnswer {
  readonly status: number;
  readonly body: CreateOrderResponse;
}

export interface CheckoutWorld {
  readonly iam: LocalIam;
  readonly tables: CheckoutTables;
  readonly payment: FakePaymentService;
  readonly urls: OrdersServiceUrls;
  /** How many batch-gets the products service has served (any caller's). */
  productsReads(): number;
  /** POST /orders on an orders service (by default the world's own). */
  createOrder(body: unknown, orders?: RunningRestApi): Promise<CheckoutAnswer>;
  /** POST /checkout. */
  placeOrder(body: unknown, orders?: RunningRestApi): Promise<CheckoutAnswer>;
  /** Another orders service over the same tables, with some services elsewhere. */
  startOrdersServiceWith(urls: Partial<OrdersServiceUrls>): Promise<RunningRestApi>;
  close(): Promise<void>;
}

export async function startCheckoutWorld(): Promise<CheckoutWorld> {
  const iam = new LocalIam();
  const caller = invokerRole(iam, 'appsync-api');
  const tables = await createCheckoutTables();
  const started: { close(): Promise<void> }[] = [];
  let productsReads = 0;
  const products = await startProductsService(
    iam,
    { tableName: tables.names.products, dynamodbEndpoint: tables.dynamodbEndpoint },
    undefined,
    () => (productsReads += 1),
  );
  const pricing = await startPricingService(iam, products.url);
  const payment = await startFakePaymentService(iam);
  started.push(products, pricing, payment);
  const urls = { products: products.url, deliveryPricing: pricing.url, payment: payment.url };
  const orders = await startOrdersService(iam, tables, urls);
  started.push(orders);
  const post = async (path: string, body: unknown, api: RunningRestApi): Promise<CheckoutAnswer> => {
    const response = await signedFetch(`${api.url}${path}`, {
      method: 'POST',
      region: LOCAL_REGION,
      body,
      credentials: credentialsOf(caller),
      retries: 0,
      timeoutMs: 30_000,
    });
    return { status: response.status, body: response.body as CreateOrderResponse };
  };
  return {
    iam,
    tables,
    payment,
    urls,
    productsReads: () => productsReads,
    createOrder: (body, api = orders) => post('/orders', body, api),
    placeOrder: (body, api = orders) => post('/checkout', body, api),
    startOrdersServiceWith: async (elsewhere) => {
      const other = await startOrdersService(iam, tables, { ...urls, ...elsewhere });
      started.push(other);
      return other;
    },
    close: async () => {
      await Promise.all(started.map((api) => api.close()));
    },
  };
}
