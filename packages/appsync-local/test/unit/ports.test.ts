import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FREE_PORT_RANGE, findFreePort, isPortFree } from '../../src/ports.ts';

const listening: Server[] = [];
afterEach(async () => {
  await Promise.all(listening.splice(0).map((server) => new Promise((done) => server.close(done))));
});

function listenOnPortZero(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    listening.push(server);
    server.listen(0, '127.0.0.1', () => done((server.address() as { port: number }).port));
  });
}

describe('findFreePort', () => {
  it('answers a free port below the kernels’ ephemeral ranges', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThanOrEqual(FREE_PORT_RANGE.from);
    expect(port).toBeLessThan(FREE_PORT_RANGE.to);
    expect(await isPortFree(port)).toBe(true);
  });

  it('answers ports that servers listening on port 0 meanwhile are never given', async () => {
    const chosen = new Set(await Promise.all(Array.from({ length: 20 }, () => findFreePort())));
    const given = await Promise.all(Array.from({ length: 50 }, () => listenOnPortZero()));
    expect(given.filter((port) => chosen.has(port))).toEqual([]);
  });

  it('never hands the same port out twice, though each is free again once checked (the listeners of one stack)', async () => {
    // 300 draws from 12,000 ports would repeat one almost surely (the birthday bound) if each were independent.
    const ports: number[] = [];
    for (const _ of Array.from({ length: 300 })) ports.push(await findFreePort());
    expect(new Set(ports).size).toBe(ports.length);
  });
});
