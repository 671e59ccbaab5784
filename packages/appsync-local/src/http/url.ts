// The parts of a request URL as the SigV4 verifiers need them: the path exactly as sent (still
// percent-encoded) and query values decoded with decodeURIComponent ('+' stays '+', as AWS
// signers send it).

export function splitUrl(url: string): { rawPath: string; rawQuery: string } {
  const start = url.indexOf('?');
  return start === -1 ? { rawPath: url, rawQuery: '' } : { rawPath: url.slice(0, start), rawQuery: url.slice(start + 1) };
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** name=value pairs as sent, undecoded. */
export function rawQueryPairs(rawQuery: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]);
  }
  return pairs;
}

/** The query as verifySigV4 takes it: repeated names become lists. */
export function signatureQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [rawName, rawValue] of rawQueryPairs(rawQuery)) {
    const name = safeDecode(rawName);
    const value = safeDecode(rawValue);
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}
