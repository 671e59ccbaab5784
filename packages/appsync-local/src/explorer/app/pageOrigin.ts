// The stack's API answers plain HTTP and TLS on one port, so the explorer page may be loaded over
// either. Its configuration names the plain URLs; an endpoint on the page's own host is reached
// with the page's security (https/wss on an https page, which may not call http/ws at all).
import type { ExplorerConfig } from '../config.ts';

export interface PageLocation {
  protocol: string;
  host: string;
}

/** The configuration with the endpoints on the page's host moved to the page's scheme. */
export function onPageOrigin(config: ExplorerConfig, page: PageLocation): ExplorerConfig {
  return { ...config, graphqlUrl: onPageScheme(config.graphqlUrl, page), realtimeUrl: onPageScheme(config.realtimeUrl, page) };
}

export function onPageScheme(endpoint: string, page: PageLocation): string {
  const url = new URL(endpoint);
  if (url.host !== page.host) return endpoint;
  const secure = page.protocol === 'https:';
  const webSocket = url.protocol === 'ws:' || url.protocol === 'wss:';
  const protocol = webSocket ? (secure ? 'wss:' : 'ws:') : secure ? 'https:' : 'http:';
  return protocol === url.protocol ? endpoint : `${protocol}${endpoint.slice(url.protocol.length)}`;
}
