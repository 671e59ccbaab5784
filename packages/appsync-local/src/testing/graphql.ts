// A GraphQL-over-HTTP client for tests: sends what a real client sends, returns status and body.

export interface GraphQLHttpResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      errorType?: string | null;
      errorInfo?: unknown;
      data?: unknown;
      path?: (string | number)[] | null;
      locations?: { line: number; column: number; sourceName: null }[] | null;
    }[];
  };
}

export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; headers?: Record<string, string>; operationName?: string } = {},
): Promise<GraphQLHttpResponse<T>> {
  return postRaw<T>(
    url,
    JSON.stringify({ query, variables: options.variables, operationName: options.operationName }),
    options.headers,
  );
}

export async function postRaw<T = Record<string, unknown>>(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<GraphQLHttpResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}
