// The plain request and response the gateway core works on; server.ts adapts node:http to them.

export interface GatewayRequest {
  method: string;
  /** The path as received, still percent-encoded, without the query string. */
  rawPath: string;
  /** The query string as received, without '?'. */
  rawQuery: string;
  /** Header lines in the order received, names as the client wrote them. */
  rawHeaders: readonly (readonly [string, string])[];
  body: Buffer;
  sourceIp: string;
  /** `HTTP/1.1` */
  protocol: string;
  /** The port the request arrived on. */
  localPort: number;
}

export interface GatewayResponse {
  statusCode: number;
  /** Header lines; a name may repeat. */
  headers: [string, string][];
  body: Buffer;
}

/** The last value of a header, whatever the case of its name. */
export function headerValue(request: GatewayRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let value: string | undefined;
  for (const [header, headerValue] of request.rawHeaders) if (header.toLowerCase() === wanted) value = headerValue;
  return value;
}

/** Headers keyed by lower-case name, repeated ones as arrays, as the SigV4 verifier takes them. */
export function headersByName(request: GatewayRequest): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of request.rawHeaders) {
    const key = name.toLowerCase();
    const existing = headers[key];
    headers[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return headers;
}

/** The host name the client addressed, without the port. */
export function requestHostname(request: GatewayRequest): string {
  const host = headerValue(request, 'host') ?? '';
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}
