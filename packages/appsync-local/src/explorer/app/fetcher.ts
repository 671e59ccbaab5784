// GraphiQL's fetcher: queries and mutations are POSTed to the GraphQL endpoint with the current
// mode's auth header; whatever AppSync answers (401s included) is shown as the result.
// Subscriptions go to a SubscriptionTransport (realtimeTransport.ts: AppSync's real-time protocol).
import type { GraphiQLProps } from 'graphiql';
import { type DocumentNode, getOperationAST, parse } from 'graphql';

export type Fetcher = GraphiQLProps['fetcher'];
type FetcherOutput = Awaited<ReturnType<Fetcher>>;
/** One result, as opposed to a stream of them. */
export type FetcherResult = Exclude<FetcherOutput, AsyncIterable<unknown> | { subscribe: unknown }>;

export interface GraphQLRequestBody {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export type HeaderMap = Record<string, string>;

/** Sends a subscription and streams its results (AppSync's real-time protocol). */
export type SubscriptionTransport = (request: GraphQLRequestBody, headers: HeaderMap) => AsyncIterable<FetcherResult>;

export interface ExplorerFetcherOptions {
  graphqlUrl: string;
  /** The auth header of the current mode, asked for on every request so tokens stay fresh. */
  authHeaders: () => Promise<HeaderMap>;
  subscribe: SubscriptionTransport;
}

export function createExplorerFetcher(options: ExplorerFetcherOptions): Fetcher {
  return async (params, opts) => {
    const request: GraphQLRequestBody = {
      query: params.query,
      operationName: params.operationName ?? null,
      variables: (params.variables as Record<string, unknown> | undefined) ?? null,
    };
    let headers: HeaderMap;
    try {
      // HeaderMap typed in GraphiQL's HeaderMap tab win: that is how to try a wrong key or token.
      headers = { ...(await options.authHeaders()), ...stringHeaders(opts?.headers) };
    } catch (error) {
      return errorResult(`Could not get the auth header: ${(error as Error).message}`);
    }
    if (isSubscription(request)) return options.subscribe(request, headers);
    return postGraphQL(options.graphqlUrl, request, headers);
  };
}

async function postGraphQL(url: string, request: GraphQLRequestBody, headers: HeaderMap): Promise<FetcherResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(request),
    });
  } catch (error) {
    return errorResult(`Could not reach ${url}: ${(error as Error).message}`);
  }
  const text = await response.text();
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as FetcherResult;
  } catch {
    // Not JSON: reported below with the status.
  }
  return errorResult(`HTTP ${response.status} ${response.statusText}: ${text.slice(0, 2000)}`);
}

// GraphiQL's own documentAST lags the editor by a debounce, so the query sent is parsed here.
function isSubscription(request: GraphQLRequestBody): boolean {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch {
    return false; // the server reports the syntax error in AppSync's words
  }
  return getOperationAST(document, request.operationName)?.operation === 'subscription';
}

function stringHeaders(headers: Record<string, unknown> | undefined): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined && value !== null) out[name] = String(value);
  }
  return out;
}

function errorResult(message: string): FetcherResult {
  return { errors: [{ message }] } as unknown as FetcherResult;
}
