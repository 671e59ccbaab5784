// The whole local stack in a child process of its own (bench/servers/stack.ts), and what the
// benchmark needs of it: its endpoints, a publisher's IAM credentials, and its memory.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AmplifyOutputs, LocalEndpoints } from '../local/outputs.ts';
import { spawnServer } from './children.ts';
import type { Cleanup } from './cleanup.ts';

export interface StackChild {
  readonly local: LocalEndpoints;
  readonly publisher: { accessKeyId: string; secretAccessKey: string };
  /**
   * The stack's Node process (the API, services and bus; not DynamoDB Local or cognito-local),
   * after a full garbage collection: resident memory, and the memory JavaScript objects hold.
   */
  memory(): Promise<{ residentBytes: number; heapBytes: number }>;
  /** The CPU time the stack's Node process has used so far (user + system, every thread), in ms. */
  cpuMs(): Promise<number>;
  /** Stops the stack (also done by the cleanup, if not before). */
  stop(): Promise<void>;
}

export async function startStackChild(cleanup: Cleanup): Promise<StackChild> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-stack-'));
  cleanup.add(async () => rmSync(folder, { recursive: true, force: true }));
  const outputsFile = join(folder, 'amplify_outputs.json');
  const stack = await spawnServer('stack', { BENCH_OUTPUTS_FILE: outputsFile }, 120_000);
  cleanup.add(() => stack.stop());
  const local = (JSON.parse(readFileSync(outputsFile, 'utf8')) as AmplifyOutputs).custom.local;
  const publisher = JSON.parse(readFileSync(`${outputsFile}.credentials.json`, 'utf8')) as StackChild['publisher'];
  return {
    local,
    publisher,
    memory: async () => {
      const [residentBytes, heapBytes] = (await stack.ask('MEMORY')).split(' ').map(Number);
      return { residentBytes: residentBytes!, heapBytes: heapBytes! };
    },
    cpuMs: async () => {
      const [user, system] = (await stack.ask('CPU')).split(' ').map(Number);
      return (user! + system!) / 1000;
    },
    stop: () => stack.stop(),
  };
}
