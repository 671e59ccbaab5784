// Stopping child processes the same way everywhere: SIGTERM, then SIGKILL after a grace period.
import type { ChildProcess } from 'node:child_process';

export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    // A child that watches its stdin (our servers do) also stops when it closes.
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}
