import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { QueryGetStockMovementsArgs, StockMovement } from '../generated/graphql';
import type { StockMovementItem } from '../domain/stockMovement';
import { pageOrError, pageRequest } from './lib/page';

/** A product's movements in the stock ledger, newest first (the sort key starts with the time). */
export function request(ctx: Context<QueryGetStockMovementsArgs>) {
  return query<StockMovementItem>({
    query: { productId: { eq: ctx.args.productId } },
    scanIndexForward: false,
    ...pageRequest(ctx.args),
  });
}

export function response(ctx: Context<QueryGetStockMovementsArgs>): { movements: StockMovement[]; nextToken: string | null } {
  const page = pageOrError<StockMovementItem>(ctx);
  const movements: StockMovement[] = [];
  for (const item of page.items) {
    movements.push({
      productId: item.productId,
      delta: item.delta,
      reason: item.reason,
      orderId: item.orderId ?? null,
      actor: item.actor,
      at: item.at,
      stockAfter: item.stockAfter,
    });
  }
  return { movements, nextToken: page.nextToken };
}
