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

/** A port that was free a moment ago (another process may still take it first). */
export function findFreePort(): Promise<number> {
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
