// The explorer's configuration (API key, demo users' passwords) is served only to requests that
// name the listener itself in Host: a site that rebinds its own name to 127.0.0.1 gets 421.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../../src/appsync/server.ts';
import { EXPLORER_ASSETS } from '../../../src/explorer/bundle.ts';
import { EXPLORER_CONFIG_PATH, type ExplorerConfig } from '../../../src/explorer/config.ts';
import { createExplorerHandler } from '../../../src/explorer/serve.ts';
import { createLocalCertificate } from '../../../src/tls/certificate.ts';
import { listenHttpAndTls, refuseUpgrade, type RunningDualServer } from '../../../src/tls/dualServer.ts';

const config: ExplorerConfig = {
  graphqlUrl: 'http://127.0.0.1:1/graphql',
  realtimeUrl: 'ws://127.0.0.1:1/graphql/realtime',
  apiKey: 'da2-secret',
  region: 'us-east-1',
  userPoolId: 'us-east-1_pool',
  userPoolClientId: 'client',
  cognitoEndpoint: 'http://127.0.0.1:2',
  demoUsers: [{ username: 'alice', password: 'Secret-1', groups: [] }],
};

let bundleDir: string;
let plain: RunningServer;
let dual: RunningDualServer;
let certificatePem: string;

beforeAll(async () => {
  // A stand-in bundle: the handler needs the files, not a real build.
  bundleDir = mkdtempSync(join(tmpdir(), 'explorer-bundle-'));
  writeFileSync(join(bundleDir, EXPLORER_ASSETS.script), 'void 0;');
  writeFileSync(join(bundleDir, EXPLORER_ASSETS.stylesheet), 'body {}');
  const handler = createExplorerHandler(config, { bundleDir });
  plain = await listen(handler, 0);
  const certificate = createLocalCertificate();
  certificatePem = certificate.certificatePem;
  dual = await listenHttpAndTls({ port: 0, tls: certificate, upgrade: refuseUpgrade, request: handler });
});

afterAll(async () => {
  await plain?.close();
  await dual?.close();
  rmSync(bundleDir, { recursive: true, force: true });
});

/** GET `path` from 127.0.0.1:port with the given Host header, over http or https. */
function get(port: number, path: string, host: string, tls = false): Promise<{ status: number; body: string }> {
  const send = tls ? httpsRequest : httpRequest;
  return new Promise((done, fail) => {
    const outgoing = send(
      { host: '127.0.0.1', port, path, headers: { host }, ...(tls ? { ca: certificatePem, servername: 'localhost' } : {}) },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => done({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', fail);
    outgoing.end();
  });
}

describe('/explorer-config.json', () => {
  it('answers requests for 127.0.0.1:<port> and localhost:<port>', async () => {
    for (const host of [`127.0.0.1:${plain.port}`, `localhost:${plain.port}`, `LOCALHOST:${plain.port}`]) {
      const response = await get(plain.port, EXPLORER_CONFIG_PATH, host);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual(config);
    }
  });

  it('answers 421 to another name, another port, or no port (DNS rebinding)', async () => {
    for (const host of [
      `rebound.example:${plain.port}`,
      `127.0.0.1:${plain.port + 1}`,
      'localhost',
      `127.0.0.1.example:${plain.port}`,
    ]) {
      const response = await get(plain.port, EXPLORER_CONFIG_PATH, host);
      expect(response.status).toBe(421);
      expect(response.body).not.toContain('da2-secret');
    }
  });

  it('checks the Host over both protocols of the shared port', async () => {
    expect((await get(dual.port, EXPLORER_CONFIG_PATH, `localhost:${dual.port}`, true)).status).toBe(200);
    expect((await get(dual.port, EXPLORER_CONFIG_PATH, `rebound.example:${dual.port}`, true)).status).toBe(421);
    expect((await get(dual.port, EXPLORER_CONFIG_PATH, `127.0.0.1:${dual.port}`)).status).toBe(200);
    expect((await get(dual.port, EXPLORER_CONFIG_PATH, `rebound.example:${dual.port}`)).status).toBe(421);
  });

  it('still serves the page itself to any Host (it holds nothing secret)', async () => {
    expect((await get(plain.port, '/', `rebound.example:${plain.port}`)).status).toBe(200);
  });
});
