import { util } from '@aws-appsync/utils';
import { ErrorType } from './errors';

interface WithEnv {
  readonly env: Record<string, string>;
}

/** The products table's physical name, for requests that name their tables (batch, transact). */
export function productsTable(ctx: WithEnv): string {
  return tableName(ctx, 'PRODUCTS_TABLE');
}

/** The carts table's physical name, for requests that name their tables (batch, transact). */
export function cartsTable(ctx: WithEnv): string {
  return tableName(ctx, 'CARTS_TABLE');
}

function tableName(ctx: WithEnv, variable: string): string {
  const name = ctx.env[variable];
  if (!name) {
    util.error(`The API is misconfigured: ctx.env.${variable} is not set.`, ErrorType.Internal);
  }
  return name;
}
