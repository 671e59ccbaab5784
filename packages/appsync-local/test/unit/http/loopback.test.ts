// Loopback only: the listeners bind 127.0.0.1 unless told otherwise, and the two checks that keep
// web pages of other sites out (CORS origins, Host names) accept this machine's names only.
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listen } from '../../../src/appsync/server.ts';
import { createEventBus } from '../../../src/eventbridge/bus.ts';
import { isLoopbackOrigin, isOwnHost } from '../../../src/http/loopback.ts';
import { createLocalCertificate } from '../../../src/tls/certificate.ts';
import { listenHttpAndTls, refuseUpgrade } from '../../../src/tls/dualServer.ts';

describe('listeners', () => {
  it('bind 127.0.0.1 by default: each service’s own port, the shared HTTP/TLS port and the bus', async () => {
    const plain = await listen((_request, response) => void response.end(), 0);
    const dual = await listenHttpAndTls({
      port: 0,
      tls: createLocalCertificate(),
      upgrade: refuseUpgrade,
      request: (_request, response) => void response.end(),
    });
    const bus = createEventBus({
      region: 'us-east-1',
      accountId: '000000000000',
      busNames: [],
      rules: [],
      principals: () => undefined,
    });
    const busServer = await bus.listen();
    try {
      expect((plain.server.address() as AddressInfo).address).toBe('127.0.0.1');
      expect(new URL(dual.url).hostname).toBe('127.0.0.1');
      expect((busServer.server.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await Promise.all([plain.close(), dual.close(), bus.close()]);
    }
  });
});

describe('isLoopbackOrigin', () => {
  it('accepts http and https origins of 127.0.0.1, localhost and [::1] on any port', () => {
    for (const origin of ['http://127.0.0.1:4000', 'https://localhost', 'http://[::1]:3000'])
      expect(isLoopbackOrigin(origin)).toBe(true);
  });

  it('refuses other sites, look-alike names, opaque origins and other schemes', () => {
    for (const origin of [
      'https://shop.example',
      'http://localhost.example',
      'http://127.0.0.1.nip.io',
      'null',
      'file://',
      undefined,
    ]) {
      expect(isLoopbackOrigin(origin)).toBe(false);
    }
  });
});

describe('isOwnHost', () => {
  it('accepts the loopback names with the listener’s port only', () => {
    expect(isOwnHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isOwnHost('Localhost:4000', 4000)).toBe(true);
    expect(isOwnHost('[::1]:4000', 4000)).toBe(true);
    expect(isOwnHost('localhost:4001', 4000)).toBe(false);
    expect(isOwnHost('localhost', 4000)).toBe(false);
    expect(isOwnHost('rebound.example:4000', 4000)).toBe(false);
    expect(isOwnHost(undefined, 4000)).toBe(false);
  });
});
