// The GraphQL API: its auth modes, data sources and which resolver serves which field.
// Resolver code lives in resolvers/<Type>.<field>.ts (pipeline functions in
// resolvers/functions/<name>.ts) and is bundled to build/resolvers/ by `npm run build`.
import { STAFF_GROUPS } from '../domain/users.ts';
import { CARTS_TABLE, NOTIFICATION_PREFERENCES_TABLE, ORDERS_TABLE, PRODUCTS_TABLE, STOCK_MOVEMENTS_TABLE } from './tables.ts';

export type DataSourceDeclaration =
  | { readonly type: 'AMAZON_DYNAMODB'; readonly table: string }
  /**
   * A backend service's REST API, called with SigV4 (execute-api) using the API's role, which may
   * invoke the `routes` named ("METHOD /path", as the service declares them) and no other.
   */
  | { readonly type: 'HTTP'; readonly service: string; readonly routes: readonly string[] }
  /** The system's event bus (PutEvents). */
  | { readonly type: 'AMAZON_EVENTBRIDGE' }
  | { readonly type: 'NONE' };

export type ResolverDeclaration =
  | { readonly typeName: string; readonly fieldName: string; readonly kind: 'UNIT'; readonly dataSource: string }
  | { readonly typeName: string; readonly fieldName: string; readonly kind: 'PIPELINE'; readonly functions: readonly string[] };

export interface FunctionDeclaration {
  readonly name: string;
  readonly dataSource: string;
}

/** The user pool's groups; a user in none is a customer. */
export const USER_GROUPS = STAFF_GROUPS;

export const AUTH_MODES = {
  default: 'AMAZON_COGNITO_USER_POOLS',
  additional: ['API_KEY', 'AWS_IAM'],
} as const;

/**
 * How much one request may ask of the API (AppSync's queryDepthLimit, resolverCountLimit and
 * introspection setting); the local runtime and the CDK app both apply these.
 * - Depth 6: the schema's deepest field is 5 levels down (`getOrders { orders { products {
 *   package { weight } } } }`, the same through `createOrder { order … }`) and its types form no
 *   cycle; 6 leaves the schema a level to grow and refuses anything deeper.
 * - 500 resolvers: the largest legitimate request is a full page of orders with their payment,
 *   invoice and credit notes, 1 + 3 × 100 = 301 resolver runs; AppSync's default, 10,000, would let
 *   one guest request alias `getProducts(limit: 100)` ten thousand times.
 * - Introspection stays on locally and on development stacks: the explorer and code generators
 *   read the schema through it. The CDK app turns it off for `--context stage=production`
 *   (infra/README.md, "Stages"), where nobody needs it and it would show guests the whole schema.
 * `test/unit/system/apiLimits.test.ts` holds the schema and the pages to these bounds.
 */
export const API_LIMITS = {
  queryDepthLimit: 6,
  resolverCountLimit: 500,
  introspection: true,
} as const;

export const DATA_SOURCES: Readonly<Record<string, DataSourceDeclaration>> = {
  productsTable: { type: 'AMAZON_DYNAMODB', table: PRODUCTS_TABLE.name },
  cartsTable: { type: 'AMAZON_DYNAMODB', table: CARTS_TABLE.name },
  stockMovementsTable: { type: 'AMAZON_DYNAMODB', table: STOCK_MOVEMENTS_TABLE.name },
  notificationPreferencesTable: { type: 'AMAZON_DYNAMODB', table: NOTIFICATION_PREFERENCES_TABLE.name },
  productsApi: {
    type: 'HTTP',
    service: 'products',
    routes: ['POST /products', 'DELETE /products/{productId}', 'POST /products/{productId}/stock-adjustments'],
  },
  deliveryPricingApi: { type: 'HTTP', service: 'delivery-pricing', routes: ['POST /pricing'] },
  ordersTable: { type: 'AMAZON_DYNAMODB', table: ORDERS_TABLE.name },
  ordersApi: { type: 'HTTP', service: 'orders', routes: ['POST /orders', 'POST /checkout'] },
  paymentApi: { type: 'HTTP', service: 'payment', routes: ['POST /payments/batch-get', 'POST /payments/refund'] },
  invoicesApi: { type: 'HTTP', service: 'invoices', routes: ['POST /invoices/batch-get'] },
  none: { type: 'NONE' },
};

export const FUNCTIONS: readonly FunctionDeclaration[] = [
  /** Reads the caller's cart lines into ctx.stash.lines. */
  { name: 'getCartLines', dataSource: 'cartsTable' },
  /** Reads the products of ctx.stash.lines in one BatchGetItem into ctx.stash.products. */
  { name: 'getCartProducts', dataSource: 'productsTable' },
  /**
   * Checks that ctx.args.productId names a product (NotFound otherwise) and, in the same batch,
   * reads the caller's line for it and the cart's header into ctx.stash.line and ctx.stash.header.
   */
  { name: 'requireProduct', dataSource: 'productsTable' },
  /** Adds ctx.args.quantity to the caller's line for ctx.args.productId (at most 999 in all). */
  { name: 'addCartLine', dataSource: 'cartsTable' },
  /** Sets the caller's line for ctx.args.productId to ctx.args.quantity, or removes it at 0. */
  { name: 'setCartLine', dataSource: 'cartsTable' },
  /** Removes the caller's line for ctx.args.productId. */
  { name: 'removeCartLine', dataSource: 'cartsTable' },
  /** Removes every line of ctx.stash.lines (the caller's cart). */
  { name: 'clearCartLines', dataSource: 'cartsTable' },
  /**
   * Reads the order ctx.args.orderId names and refuses the status change in ctx.stash.transition
   * when the order is unknown (NotFound) or not in its `from` status (Conflict).
   */
  { name: 'getOrderForTransition', dataSource: 'ordersTable' },
  /** Sets the order's status from ctx.stash.transition's `from` to its `to`, on the condition it is still `from`. */
  { name: 'transitionOrder', dataSource: 'ordersTable' },
  /** A page of the caller's orders, newest first. */
  { name: 'queryOrdersPage', dataSource: 'ordersTable' },
  /** The page's payments in one call, when the query asks for them. */
  { name: 'attachOrderPayments', dataSource: 'paymentApi' },
  /** The page's invoices and credit notes in one call, when the query asks for either. */
  { name: 'attachOrderInvoices', dataSource: 'invoicesApi' },
];

const CART_READ = ['getCartLines', 'getCartProducts'] as const;
const ORDER_TRANSITION = ['getOrderForTransition', 'transitionOrder'] as const;

export const RESOLVERS: readonly ResolverDeclaration[] = [
  { typeName: 'Query', fieldName: 'getProduct', kind: 'UNIT', dataSource: 'productsTable' },
  { typeName: 'Query', fieldName: 'getProducts', kind: 'UNIT', dataSource: 'productsTable' },
  { typeName: 'Query', fieldName: 'getProductsByCategory', kind: 'UNIT', dataSource: 'productsTable' },
  { typeName: 'Query', fieldName: 'getDeliveryPricing', kind: 'UNIT', dataSource: 'deliveryPricingApi' },
  { typeName: 'Query', fieldName: 'getCart', kind: 'PIPELINE', functions: [...CART_READ] },
  { typeName: 'Mutation', fieldName: 'addToCart', kind: 'PIPELINE', functions: ['requireProduct', 'addCartLine', ...CART_READ] },
  {
    typeName: 'Mutation',
    fieldName: 'updateCartItem',
    kind: 'PIPELINE',
    functions: ['requireProduct', 'setCartLine', ...CART_READ],
  },
  { typeName: 'Mutation', fieldName: 'removeFromCart', kind: 'PIPELINE', functions: ['removeCartLine', ...CART_READ] },
  { typeName: 'Mutation', fieldName: 'clearCart', kind: 'PIPELINE', functions: ['getCartLines', 'clearCartLines'] },
  { typeName: 'Mutation', fieldName: 'putProduct', kind: 'UNIT', dataSource: 'productsApi' },
  { typeName: 'Query', fieldName: 'getNotificationPreferences', kind: 'UNIT', dataSource: 'notificationPreferencesTable' },
  { typeName: 'Mutation', fieldName: 'updateNotificationPreferences', kind: 'UNIT', dataSource: 'notificationPreferencesTable' },
  { typeName: 'Mutation', fieldName: 'deleteProduct', kind: 'UNIT', dataSource: 'productsApi' },
  { typeName: 'Mutation', fieldName: 'adjustStock', kind: 'UNIT', dataSource: 'productsApi' },
  { typeName: 'Query', fieldName: 'getStockMovements', kind: 'UNIT', dataSource: 'stockMovementsTable' },
  {
    typeName: 'Query',
    fieldName: 'getOrders',
    kind: 'PIPELINE',
    functions: ['queryOrdersPage', 'attachOrderPayments', 'attachOrderInvoices'],
  },
  { typeName: 'Query', fieldName: 'getOrder', kind: 'UNIT', dataSource: 'ordersTable' },
  { typeName: 'Query', fieldName: 'getNewPackagingRequests', kind: 'UNIT', dataSource: 'ordersTable' },
  { typeName: 'Query', fieldName: 'getPackagingRequest', kind: 'UNIT', dataSource: 'ordersTable' },
  { typeName: 'Query', fieldName: 'getNewDeliveries', kind: 'UNIT', dataSource: 'ordersTable' },
  { typeName: 'Query', fieldName: 'getDelivery', kind: 'UNIT', dataSource: 'ordersTable' },
  { typeName: 'Mutation', fieldName: 'createOrder', kind: 'UNIT', dataSource: 'ordersApi' },
  { typeName: 'Mutation', fieldName: 'placeOrder', kind: 'UNIT', dataSource: 'ordersApi' },
  { typeName: 'Mutation', fieldName: 'cancelOrder', kind: 'PIPELINE', functions: [...ORDER_TRANSITION] },
  { typeName: 'Mutation', fieldName: 'startPackaging', kind: 'PIPELINE', functions: [...ORDER_TRANSITION] },
  { typeName: 'Mutation', fieldName: 'completePackaging', kind: 'PIPELINE', functions: [...ORDER_TRANSITION] },
  { typeName: 'Mutation', fieldName: 'failPackaging', kind: 'PIPELINE', functions: [...ORDER_TRANSITION] },
  { typeName: 'Mutation', fieldName: 'startDelivery', kind: 'PIPELINE', functions: [...ORDER_TRANSITION] },
  { typeName: 'Mutation', fieldName: 'completeDelivery', kind: 'PIPELINE', functions: [...ORDER_TRANSITION] },
  { typeName: 'Mutation', fieldName: 'failDelivery', kind: 'PIPELINE', functions: [...ORDER_TRANSITION] },
  /** Called by the `publish-order-status` rule (system/events.ts); its result goes to the subscribers. */
  { typeName: 'Mutation', fieldName: 'publishOrderStatus', kind: 'UNIT', dataSource: 'none' },
  /** Runs at subscribe time: sets the server-side filter of who receives which update. */
  { typeName: 'Subscription', fieldName: 'onOrderStatusChanged', kind: 'UNIT', dataSource: 'none' },
  /** Called by the `publish-inventory-alert-…` rules; its result goes to the onInventoryAlert subscribers. */
  { typeName: 'Mutation', fieldName: 'publishInventoryAlert', kind: 'UNIT', dataSource: 'none' },
  /** Called by the `publish-product-stock` rule; its result goes to the product's subscribers. */
  { typeName: 'Mutation', fieldName: 'publishProductStock', kind: 'UNIT', dataSource: 'none' },
  /** Runs at subscribe time; no filter: every alert to every subscriber (admin, warehouse). */
  { typeName: 'Subscription', fieldName: 'onInventoryAlert', kind: 'UNIT', dataSource: 'none' },
  /** Runs at subscribe time: sets the filter on the product the argument names. */
  { typeName: 'Subscription', fieldName: 'onProductStockChanged', kind: 'UNIT', dataSource: 'none' },
  { typeName: 'Order', fieldName: 'payment', kind: 'UNIT', dataSource: 'paymentApi' },
  { typeName: 'Order', fieldName: 'invoice', kind: 'UNIT', dataSource: 'invoicesApi' },
  { typeName: 'Order', fieldName: 'creditNotes', kind: 'UNIT', dataSource: 'invoicesApi' },
  { typeName: 'Mutation', fieldName: 'refundOrder', kind: 'UNIT', dataSource: 'paymentApi' },
];

/**
 * Resolver environment variables (ctx.env): the physical name of each table, keyed
 * `<LOGICAL_NAME>_TABLE`. Locally the physical name is the logical one.
 */
export function tableEnvironmentName(table: string): string {
  return `${table.toUpperCase().replace(/-/g, '_')}_TABLE`;
}
