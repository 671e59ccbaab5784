// The proxy event's query: values form-decoded, as API Gateway passes them (`a+b` arrives as
// "a b", `a%2Bb` as "a+b"). The SigV4 check reads the same query with ../http/url.ts.
import { rawQueryPairs, safeDecode } from '../http/url.ts';

export interface EventQuery {
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
}

const formDecode = (text: string): string => safeDecode(text.replace(/\+/g, ' '));

export function eventQuery(rawQuery: string): EventQuery {
  const multi: Record<string, string[]> = {};
  for (const [rawName, rawValue] of rawQueryPairs(rawQuery)) {
    const name = formDecode(rawName);
    if (name === '') continue;
    (multi[name] ??= []).push(formDecode(rawValue));
  }
  const names = Object.keys(multi);
  if (names.length === 0) return { queryStringParameters: null, multiValueQueryStringParameters: null };
  const single = Object.fromEntries(names.map((name) => [name, multi[name]!.at(-1)!]));
  return { queryStringParameters: single, multiValueQueryStringParameters: multi };
}
