// Ports of the local stack: each has a default and an environment variable that changes it.
// A port in use is a clear error naming the port and the variable, before anything starts.
import { createServer } from 'node:net';

export interface PortSetting {
  readonly port: number;
  readonly variable: string;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

export function portFromEnv(variable: string, fallback: number): PortSetting {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return { port: fallback, variable };
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable}=${raw} is not a port number (1-65535).`);
  }
  return { port, variable };
}

/** Throws, naming every fixed port that is taken and the variable that moves it. */
export async function assertPortsFree(settings: Record<string, PortSetting>): Promise<void> {
  const taken: string[] = [];
  for (const setting of Object.values(settings)) {
    if (setting.port !== 0 && !(await isPortFree(setting.port))) {
      taken.push(`port ${setting.port} is already in use; set ${setting.variable} to another port`);
    }
  }
  if (taken.length > 0) throw new PortInUseError(`Cannot start: ${taken.join('; ')}.`);
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/**
 * Where findFreePort looks: below the kernels' ephemeral ranges (Linux 32768–60999, macOS and
 * Windows 49152–65535), where no listener on port 0 (of this process or another) is given a port.
 */
export const FREE_PORT_RANGE = { from: 20_000, to: 32_000 } as const;
const FREE_PORT_ATTEMPTS = 50;

/**
 * A port that was free a moment ago, for something that binds it later (a child process, a server
 * started after others). It is drawn at random from FREE_PORT_RANGE rather than asked of the kernel
 * with port 0: the kernel hands out its port-0 ports again at once, so a server that other code
 * starts on port 0 meanwhile would take it first. Another process that picks ports explicitly still
 * can; callers that bind at once should listen on port 0 themselves.
 */
export async function findFreePort(): Promise<number> {
  forgetOldHandouts();
  for (let attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt += 1) {
    const port = FREE_PORT_RANGE.from + Math.floor(Math.random() * (FREE_PORT_RANGE.to - FREE_PORT_RANGE.from));
    if (handedOut.has(port)) continue;
    handedOut.set(port, Date.now());
    if (await isPortFree(port)) return port;
  }
  return kernelFreePort();
}

/**
 * Ports this process handed out lately, not handed out again: a caller binds its port later, so
 * two calls (one after the other, or at once, as for the ports of several listeners) could
 * otherwise both find the same port free, and the second listener fail with EADDRINUSE.
 */
const handedOut = new Map<number, number>();
const HANDOUT_MEMORY_MS = 60_000;

function forgetOldHandouts(): void {
  const before = Date.now() - HANDOUT_MEMORY_MS;
  for (const [port, at] of handedOut) {
    if (at >= before) break;
    handedOut.delete(port);
  }
}

/** A port the kernel says is free (port 0), when the range has none. */
function kernelFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}
