// Reading what authentication needs from an incoming request's headers.

export type RequestHeaders = Record<string, string | string[] | undefined>;

export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** x-forwarded-for entries first, then the address of the TCP peer (as AppSync lists them). */
export function sourceIps(headers: RequestHeaders, socketIp: string): string[] {
  const forwarded: string[] = [];
  const wanted = 'x-forwarded-for';
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    for (const line of Array.isArray(value) ? value : [value]) {
      for (const entry of line.split(',')) if (entry.trim()) forwarded.push(entry.trim());
    }
  }
  return [...forwarded, socketIp];
}
