// Sockets that connect and then send nothing, or too little, are closed by every kind of local
// listener, and the listener keeps answering meanwhile. The timeouts here are shortened to a few
// hundred milliseconds; the defaults (LISTENER_TIMEOUTS) are seconds. 2,000 idle sockets per
// listener: past Node's default accept queue of 511, which the listeners deepen (ACCEPT_BACKLOG)
// so that every idle client is accepted, and so timed out.
import { connect, type Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../../src/appsync/server.ts';
import type { ListenerTimeouts } from '../../../src/http/listenerTimeouts.ts';
import { createLocalCertificate, type LocalCertificate } from '../../../src/tls/certificate.ts';
import { listenHttpAndTls, refuseUpgrade } from '../../../src/tls/dualServer.ts';

const SHORT: ListenerTimeouts = { firstByteMs: 300, handshakeMs: 300, headersMs: 300, requestMs: 600, keepAliveMs: 300 };
const IDLE_SOCKETS = 2_000;

let certificate: LocalCertificate;
const closers: (() => Promise<void>)[] = [];

beforeAll(() => {
  certificate = createLocalCertificate();
});

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function plainServer(): Promise<number> {
  const server = await listen((_request, response) => void response.end('ok'), 0, '127.0.0.1', SHORT);
  closers.push(() => server.close());
  return server.port;
}

async function dualServer(): Promise<number> {
  const server = await listenHttpAndTls({
    port: 0,
    tls: certificate,
    upgrade: refuseUpgrade,
    request: (_request, response) => void response.end('ok'),
    timeouts: SHORT,
  });
  closers.push(() => server.close());
  return server.port;
}

/** A connected socket that sends `bytes` (nothing by default) and resolves `closed` when the server ends it. */
async function openSocket(port: number, bytes?: Buffer | string): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  const closed = new Promise<void>((done) => socket.once('close', () => done()));
  socket.on('error', () => undefined); // a reset is a close too
  socket.on('data', () => undefined); // a 408 the server writes first
  await new Promise<void>((done) => socket.once('connect', () => done()));
  if (bytes !== undefined) socket.write(bytes);
  closers.push(async () => void socket.destroy());
  return { socket, closed };
}

async function get(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`);
  return response.text();
}

describe.each([
  ['listen (each service’s own port)', plainServer, IDLE_SOCKETS],
  ['listenHttpAndTls (the API’s port)', dualServer, IDLE_SOCKETS],
] as const)('%s', (_name, start, sockets) => {
  it(`closes ${sockets} sockets that never send a byte, and answers requests meanwhile`, async () => {
    const port = await start();
    const idle = await Promise.all(Array.from({ length: sockets }, () => openSocket(port)));
    expect(await get(port)).toBe('ok');
    await Promise.all(idle.map(({ closed }) => closed));
    expect(idle.every(({ socket }) => socket.destroyed)).toBe(true);
    expect(await get(port)).toBe('ok');
  });

  it('closes a connection whose headers never end', async () => {
    const port = await start();
    const { closed } = await openSocket(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await closed;
  });

  it('closes a connection whose body never arrives', async () => {
    const port = await start();
    const { closed } = await openSocket(port, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{');
    await closed;
  });
});

describe('listenHttpAndTls', () => {
  it('closes a TLS connection whose handshake never completes', async () => {
    const port = await dualServer();
    const { closed } = await openSocket(port, Buffer.from([0x16, 0x03, 0x01]));
    await closed;
  });
});
