// The GraphQL API: its auth modes, data sources and which resolver serves which field.
// Resolver code lives in resolvers/<Type>.<field>.ts (pipeline functions in
// resolvers/functions/<name>.ts) and is bundled to build/resolvers/ by `npm run build`.
import { PRODUCTS_TABLE } from './tables.ts';

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
  none: { type: 'NONE' },
};

export const FUNCTIONS: readonly FunctionDeclaration[] = [];

export const RESOLVERS: readonly ResolverDeclaration[] = [
  { typeName: 'Query', fieldName: 'getProduct', kind: 'UNIT', dataSource: 'productsTable' },
  { typeName: 'Query', fieldName: 'getProducts', kind: 'UNIT', dataSource: 'productsTable' },
  { typeName: 'Query', fieldName: 'getProductsByCategory', kind: 'UNIT', dataSource: 'productsTable' },
];

/**
 * Resolver environment variables (ctx.env): the physical name of each table, keyed
 * `<LOGICAL_NAME>_TABLE`. Locally the physical name is the logical one.
 */
export function tableEnvironmentName(table: string): string {
  return `${table.toUpperCase()}_TABLE`;
}
