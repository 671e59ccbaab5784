// The local stack serves one machine: its listeners bind 127.0.0.1, and what a browser may do
// with them is limited to pages of this machine. Two checks, one for each way a web page reaches
// a loopback server:
// - CORS: a page may read a cross-origin answer only if the server names its origin. The local
//   GraphQL endpoint names loopback origins only (a storefront on http://localhost:3000, the
//   explorer), where AppSync answers `*`: a page of any site could otherwise query the local API.
// - DNS rebinding: a site can make its own name resolve to 127.0.0.1 and then read same-origin
//   answers; its requests still carry its own name in `Host`. What holds secrets (the explorer's
//   configuration, with the API key and the demo users' passwords) answers only requests whose
//   Host is the listener's own loopback name and port.

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `origin` (an Origin header) is a page served from this machine, on any port. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (!origin) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTNAMES.has(url.hostname);
  } catch {
    return false;
  }
}

/** Whether a Host header names this listener: `127.0.0.1:<port>`, `localhost:<port>` or `[::1]:<port>`. */
export function isOwnHost(host: string | undefined, port: number | undefined): boolean {
  if (!host || port === undefined) return false;
  const separator = host.lastIndexOf(':');
  if (separator < 0) return false;
  return LOOPBACK_HOSTNAMES.has(host.slice(0, separator).toLowerCase()) && host.slice(separator + 1) === String(port);
}
