// A raw query string read two ways. The proxy event gets values form-decoded, as API Gateway
// passes them (`a+b` arrives as "a b", `a%2Bb` as "a+b"). The SigV4 check gets them decoded with
// decodeURIComponent, where '+' stays '+', because that is what signers encode.

export interface EventQuery {
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
}

function rawPairs(rawQuery: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]);
  }
  return pairs;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const formDecode = (text: string): string => safeDecode(text.replace(/\+/g, ' '));

export function eventQuery(rawQuery: string): EventQuery {
  const multi: Record<string, string[]> = {};
  for (const [rawName, rawValue] of rawPairs(rawQuery)) {
    const name = formDecode(rawName);
    if (name === '') continue;
    (multi[name] ??= []).push(formDecode(rawValue));
  }
  const names = Object.keys(multi);
  if (names.length === 0) return { queryStringParameters: null, multiValueQueryStringParameters: null };
  const single = Object.fromEntries(names.map((name) => [name, multi[name]!.at(-1)!]));
  return { queryStringParameters: single, multiValueQueryStringParameters: multi };
}

export function signatureQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [rawName, rawValue] of rawPairs(rawQuery)) {
    const name = safeDecode(rawName);
    const value = safeDecode(rawValue);
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}
