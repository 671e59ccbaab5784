import { util } from '@aws-appsync/utils';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../domain/paging';
import { ErrorType, resultOrError } from './errors';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

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

interface PagedContext {
  args: PageArguments;
  error?: { message: string; type: string } | null;
  result: unknown;
}

/** The page of a Query or Scan result, with `nextToken: null` on the last page. */
function toPage<T>(result: QueryResult<T>): { items: T[]; nextToken: string | null } {
  return { items: result.items, nextToken: result.nextToken ?? null };
}

/**
 * Ends the response of a paged Query or Scan: its page, or the data source's error, except that a
 * nextToken the list did not issue (made up, edited, or another list's) is a BadRequest.
 */
export function pageOrError<T>(ctx: PagedContext): { items: T[]; nextToken: string | null } {
  if (ctx.error && ctx.args.nextToken && isRefusedToken(ctx.error)) {
    util.error('nextToken is not a token this list issued: start again without one.', ErrorType.BadRequest);
  }
  return toPage(resultOrError<QueryResult<T>>(ctx));
}

// AppSync refuses a token it did not issue; DynamoDB refuses a start key (from a token AppSync
// issued for the same index) that lies outside the query, such as another user's orders.
function isRefusedToken(error: { message: string; type: string }): boolean {
  return (
    error.type === 'DynamoDB:UserIllegalArgumentException' ||
    error.message.includes('ExclusiveStartKey') ||
    error.message.includes('starting key') ||
    error.message.includes('Exclusive Start Key')
  );
}
