// One port, plain HTTP and TLS: the API's listener, as Amplify v6 needs it (it derives
// wss://…/graphql/realtime from http://…/graphql, same host and port).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createLocalCertificate, type LocalCertificate } from '../../../src/tls/certificate.ts';
import { listenHttpAndTls, refuseUpgrade, type RunningDualServer, type UpgradeHandler } from '../../../src/tls/dualServer.ts';

let certificate: LocalCertificate;
const running: RunningDualServer[] = [];

beforeAll(() => {
  certificate = createLocalCertificate();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A server whose handler answers what it saw: method, path, body length, and whether over TLS. */
async function echoServer(upgrade: UpgradeHandler = refuseUpgrade): Promise<RunningDualServer> {
  const server = await listenHttpAndTls({
    port: 0,
    tls: certificate,
    upgrade,
    request: async (request, response) => {
      let length = 0;
      for await (const chunk of request) length += (chunk as Buffer).length;
      const tls = Boolean((request.socket as TLSSocket).encrypted);
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ method: request.method, path: request.url, length, tls, remoteAddress: request.socket.remoteAddress }),
      );
    },
  });
  running.push(server);
  return server;
}

interface Answer {
  status: number;
  body: { method: string; path: string; length: number; tls: boolean; remoteAddress: string };
}

function send(url: string, options: { ca?: string; body?: string; agent?: Agent } = {}): Promise<Answer> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((done, fail) => {
    const outgoing = request(
      url,
      { method: options.body ? 'POST' : 'GET', ca: options.ca, agent: options.agent },
      (response: IncomingMessage) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
      },
    );
    outgoing.on('error', fail);
    outgoing.end(options.body);
  });
}

describe('listenHttpAndTls', () => {
  it('answers plain HTTP and HTTPS on the same port with the same handler', async () => {
    const server = await echoServer();
    expect(new URL(server.url).port).toBe(String(server.port));
    expect(new URL(server.tlsUrl).port).toBe(String(server.port));

    const plain = await send(`${server.url}/graphql`);
    const secure = await send(`${server.tlsUrl}/graphql`, { ca: certificate.certificatePem });

    expect(plain).toEqual({
      status: 200,
      body: { method: 'GET', path: '/graphql', length: 0, tls: false, remoteAddress: '127.0.0.1' },
    });
    expect(secure).toEqual({
      status: 200,
      body: { method: 'GET', path: '/graphql', length: 0, tls: true, remoteAddress: '127.0.0.1' },
    });
  });

  it('passes large request bodies whole over both', async () => {
    const server = await echoServer();
    const body = 'x'.repeat(3 * 1024 * 1024);

    const [plain, secure, fetched] = await Promise.all([
      send(`${server.url}/graphql`, { body }),
      send(`${server.tlsUrl}/graphql`, { body, ca: certificate.certificatePem }),
      fetch(`${server.url}/graphql`, { method: 'POST', body }).then((response) => response.json() as Promise<Answer['body']>),
    ]);

    expect([plain.body.length, secure.body.length, fetched.length]).toEqual([body.length, body.length, body.length]);
    expect([plain.body.tls, secure.body.tls, fetched.tls]).toEqual([false, true, false]);
  });

  it('serves several requests on one kept-alive TLS connection', async () => {
    const server = await echoServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: certificate.certificatePem });
    const sockets = new Set<unknown>();
    agent.on('free', (socket) => sockets.add(socket));
    try {
      for (const path of ['/a', '/b', '/c']) expect((await send(`${server.tlsUrl}${path}`, { agent })).body.path).toBe(path);
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it('verifies for the names of the certificate: localhost and 127.0.0.1', async () => {
    const server = await echoServer();
    const byName = server.tlsUrl.replace('127.0.0.1', 'localhost');

    expect((await send(`${byName}/`, { ca: certificate.certificatePem })).body.tls).toBe(true);
  });

  it('fails TLS verification for a client that does not trust the certificate, and only for it', async () => {
    const server = await echoServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: certificate.certificatePem });
    try {
      await send(`${server.tlsUrl}/before`, { agent });

      await expect(send(`${server.tlsUrl}/`)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      const another = createLocalCertificate();
      await expect(send(`${server.tlsUrl}/`, { ca: another.certificatePem })).rejects.toMatchObject({
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      });

      expect((await send(`${server.tlsUrl}/after`, { agent })).body.path).toBe('/after');
      expect((await send(`${server.url}/plain`)).body.path).toBe('/plain');
    } finally {
      agent.destroy();
    }
  });

  describe('WebSocket upgrades', () => {
    /** An upgrade hook that completes the handshake and echoes each message, saying whether over TLS. */
    function echoUpgrades() {
      const sockets = new WebSocketServer({ noServer: true });
      const seen: { path: string | undefined; tls: boolean; protocols: string | undefined }[] = [];
      const upgrade: UpgradeHandler = (request, socket, head) => {
        const tls = Boolean((request.socket as TLSSocket).encrypted);
        seen.push({ path: request.url, tls, protocols: request.headers['sec-websocket-protocol'] });
        sockets.handleUpgrade(request, socket, head, (ws) =>
          ws.on('message', (data) => ws.send(`${tls ? 'wss' : 'ws'}:${String(data)}`)),
        );
      };
      return { upgrade, seen };
    }

    function echoOver(url: string, ca?: string): Promise<string> {
      return new Promise((done, fail) => {
        const ws = new WebSocket(url, ['graphql-ws'], { ca });
        ws.once('open', () => ws.send('hello'));
        ws.once('message', (data) => {
          done(String(data));
          ws.close();
        });
        ws.once('error', fail);
      });
    }

    it('reach the upgrade hook over ws:// and wss:// alike', async () => {
      const hook = echoUpgrades();
      const server = await echoServer(hook.upgrade);
      const ws = `${server.url.replace(/^http/, 'ws')}/graphql/realtime`;
      const wss = `${server.tlsUrl.replace(/^https/, 'wss')}/graphql/realtime`;

      expect(await echoOver(ws)).toBe('ws:hello');
      expect(await echoOver(wss, certificate.certificatePem)).toBe('wss:hello');
      expect(hook.seen).toEqual([
        { path: '/graphql/realtime', tls: false, protocols: 'graphql-ws' },
        { path: '/graphql/realtime', tls: true, protocols: 'graphql-ws' },
      ]);
    });

    it('refuse wss:// to a client that does not trust the certificate, before the hook', async () => {
      const hook = echoUpgrades();
      const server = await echoServer(hook.upgrade);

      await expect(echoOver(`${server.tlsUrl.replace(/^https/, 'wss')}/graphql/realtime`)).rejects.toMatchObject({
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      });
      expect(hook.seen).toEqual([]);
    });

    it('are answered 404 by refuseUpgrade, the hook of a server with no WebSocket endpoint', async () => {
      const server = await echoServer(refuseUpgrade);

      for (const [url, ca] of [
        [`${server.url.replace(/^http/, 'ws')}/graphql/realtime`, undefined],
        [`${server.tlsUrl.replace(/^https/, 'wss')}/graphql/realtime`, certificate.certificatePem],
      ] as const) {
        const status = await new Promise<number>((done, fail) => {
          const ws = new WebSocket(url, ['graphql-ws'], { ca });
          ws.once('unexpected-response', (_request, response) => {
            done(response.statusCode ?? 0);
            ws.once('error', () => undefined); // "closed before the connection was established": as it should
            ws.terminate();
          });
          ws.once('open', () => fail(new Error('the upgrade was accepted')));
        });
        expect(status).toBe(404);
      }
      expect((await send(`${server.url}/still-serving`)).body.path).toBe('/still-serving');
    });

    it('end when the server closes, and the port is free again', async () => {
      const hook = echoUpgrades();
      const server = await echoServer(hook.upgrade);
      const clients = [
        new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql/realtime`),
        new WebSocket(`${server.tlsUrl.replace(/^https/, 'wss')}/graphql/realtime`, { ca: certificate.certificatePem }),
      ];
      await Promise.all(clients.map((client) => new Promise((open) => client.once('open', open))));
      const closed = Promise.all(clients.map((client) => new Promise((done) => client.once('close', done))));

      await running.splice(running.indexOf(server), 1)[0]!.close();

      await closed;
      const again = await listenHttpAndTls({
        port: server.port,
        tls: certificate,
        request: (_q, r) => void r.end(),
        upgrade: refuseUpgrade,
      });
      running.push(again);
      expect(again.port).toBe(server.port);
    });
  });
});
