// The GraphQL API: its auth modes, data sources and which resolver serves which field.
// Resolver code lives in resolvers/<Type>.<field>.ts (pipeline functions in
// resolvers/functions/<name>.ts) and is bundled to build/resolvers/ by `npm run build`.
import { CARTS_TABLE, PRODUCTS_TABLE } from './tables.ts';

export type DataSourceDeclaration =
  | { readonly type: 'AMAZON_DYNAMODB'; readonly table: string }
  /** A backend service's REST API, called with SigV4 (execute-api) using the API's role. */
  | { readonly type: 'HTTP'; readonly service: string }
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

export const AUTH_MODES = {
  default: 'AMAZON_COGNITO_USER_POOLS',
  additional: ['API_KEY', 'AWS_IAM'],
} as const;

export const DATA_SOURCES: Readonly<Record<string, DataSourceDeclaration>> = {
  productsTable: { type: 'AMAZON_DYNAMODB', table: PRODUCTS_TABLE.name },
  cartsTable: { type: 'AMAZON_DYNAMODB', table: CARTS_TABLE.name },
  deliveryPricingApi: { type: 'HTTP', service: 'delivery-pricing' },
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
];

const CART_READ = ['getCartLines', 'getCartProducts'] as const;

export const RESOLVERS: readonly ResolverDeclaration[] = [
  { typeName: 'Query', fieldName: 'getProduct', kind: 'UNIT', dataSource: 'productsTable' },
  { typeName: 'Query', fieldName: 'getProducts', kind: 'UNIT', dataSource: 'productsTable' },
  { typeName: 'Query', fieldName: 'getProductsByCategory', kind: 'UNIT', dataSource: 'productsTable' },
  { typeName: 'Query', fieldName: 'getDeliveryPricing', kind: 'UNIT', dataSource: 'deliveryPricingApi' },
  { typeName: 'Query', fieldName: 'getCart', kind: 'PIPELINE', functions: [...CART_READ] },
  { typeName: 'Mutation', fieldName: 'addToCart', kind: 'PIPELINE', functions: ['requireProduct', 'addCartLine', ...CART_READ] },
  { typeName: 'Mutation', fieldName: 'updateCartItem', kind: 'PIPELINE', functions: ['requireProduct', 'setCartLine', ...CART_READ] },
  { typeName: 'Mutation', fieldName: 'removeFromCart', kind: 'PIPELINE', functions: ['removeCartLine', ...CART_READ] },
  { typeName: 'Mutation', fieldName: 'clearCart', kind: 'PIPELINE', functions: ['getCartLines', 'clearCartLines'] },
  { typeName: 'Mutation', fieldName: 'putProduct', kind: 'UNIT', dataSource: 'productsTable' },
  { typeName: 'Mutation', fieldName: 'deleteProduct', kind: 'UNIT', dataSource: 'productsTable' },
];

/**
 * Resolver environment variables (ctx.env): the physical name of each table, keyed
 * `<LOGICAL_NAME>_TABLE`. Locally the physical name is the logical one.
 */
export function tableEnvironmentName(table: string): string {
  return `${table.toUpperCase()}_TABLE`;
}
