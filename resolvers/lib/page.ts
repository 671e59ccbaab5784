import { util } from '@aws-appsync/utils';
import { ErrorType } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArguments {
  limit?: number | null;
  nextToken?: string | null;
}

export interface PageRequest {
  limit: number;
  nextToken?: string;
}

/** Reads `limit` (default 20, 1..100) and `nextToken` from a list field's arguments. */
export function pageRequest(args: PageArguments): PageRequest {
  const limit = args.limit ?? DEFAULT_PAGE_SIZE;
  if (limit < 1 || limit > MAX_PAGE_SIZE) {
    util.error(`limit must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`, ErrorType.BadRequest);
  }
  if (args.nextToken) {
    return { limit, nextToken: args.nextToken };
  }
  return { limit };
}

interface QueryResult<T> {
  items: T[];
  nextToken?: string | null;
}

/** The page of a Query or Scan result, with `nextToken: null` on the last page. */
export function toPage<T>(result: QueryResult<T>): { items: T[]; nextToken: string | null } {
  return { items: result.items, nextToken: result.nextToken ?? null };
}
