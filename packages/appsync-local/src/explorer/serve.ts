// Serves the GraphQL explorer: the page, its bundle and its configuration. Mounted as the
// `fallback` of the local AppSync HTTP handler, so the explorer lives at the API's origin `/`.
// The configuration holds the API key and the demo users' passwords: it is served only to requests
// whose Host is the listener's own (`127.0.0.1:<port>`, `localhost:<port>`), which a page of
// another site that rebinds its name to 127.0.0.1 cannot send (421 Misdirected Request otherwise).
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import { isOwnHost } from '../http/loopback.ts';
import { EXPLORER_ASSETS, EXPLORER_BUNDLE_DIR } from './bundle.ts';
import { EXPLORER_CONFIG_PATH, type ExplorerConfig } from './config.ts';
import { ExplorerNotBuiltError } from './errors.ts';
import { renderExplorerPage } from './page.ts';

export type { ExplorerConfig, ExplorerDemoUser } from './config.ts';

export interface ExplorerHandlerOptions {
  /** Where the bundle was built (build/explorer by default). */
  bundleDir?: string;
}

interface Resource {
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

export function createExplorerHandler(
  config: ExplorerConfig,
  options: ExplorerHandlerOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const bundleDir = options.bundleDir ?? EXPLORER_BUNDLE_DIR;
  // The bundle is read once: a missing build fails here, at start, rather than in the browser.
  const resources = new Map<string, Resource>([
    ['/', { body: Buffer.from(renderExplorerPage()), contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' }],
    [
      `/${EXPLORER_ASSETS.script}`,
      {
        body: readBundleFile(bundleDir, EXPLORER_ASSETS.script),
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: 'no-cache',
      },
    ],
    [
      `/${EXPLORER_ASSETS.stylesheet}`,
      {
        body: readBundleFile(bundleDir, EXPLORER_ASSETS.stylesheet),
        contentType: 'text/css; charset=utf-8',
        cacheControl: 'no-cache',
      },
    ],
    [
      EXPLORER_CONFIG_PATH,
      {
        body: Buffer.from(JSON.stringify(publicConfig(config))),
        contentType: 'application/json; charset=utf-8',
        cacheControl: 'no-store',
      },
    ],
  ]);

  return (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const resource = resources.get(pathname);
    if (!resource) return sendText(response, 404, 'Not Found');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendText(response, 405, `Method ${request.method} is not allowed.`, { allow: 'GET, HEAD' });
    }
    if (pathname === EXPLORER_CONFIG_PATH && !isOwnHost(request.headers.host, request.socket.localPort)) {
      return sendText(
        response,
        421,
        `${EXPLORER_CONFIG_PATH} is served to http(s)://127.0.0.1:${request.socket.localPort} and http(s)://localhost:${request.socket.localPort} only.`,
      );
    }
    response.writeHead(200, {
      'content-type': resource.contentType,
      'content-length': resource.body.length,
      'cache-control': resource.cacheControl,
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : resource.body);
  };
}

/** Exactly the explorer's fields: a caller may pass a larger object (the stack's endpoints). */
function publicConfig(config: ExplorerConfig): ExplorerConfig {
  return {
    graphqlUrl: config.graphqlUrl,
    realtimeUrl: config.realtimeUrl,
    apiKey: config.apiKey,
    region: config.region,
    userPoolId: config.userPoolId,
    userPoolClientId: config.userPoolClientId,
    cognitoEndpoint: config.cognitoEndpoint,
    demoUsers: config.demoUsers.map(({ username, password, groups }) => ({ username, password, groups: [...groups] })),
  };
}

function readBundleFile(bundleDir: string, name: string): Buffer {
  const path = join(bundleDir, name);
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ExplorerNotBuiltError(
      `The GraphQL explorer is not built: ${relative(process.cwd(), path)} is missing. Run \`npm run build\` (or \`npx tsx scripts/buildExplorer.ts\`).`,
    );
  }
}

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...headers,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}
