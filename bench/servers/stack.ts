// The whole local stack (what `npm start` runs) on free ports, for the checkout and fan-out
// benchmarks. It writes its outputs (amplify_outputs.json's shape) to BENCH_OUTPUTS_FILE, and the
// credentials of an IAM role of the benchmark's own (the publisher of order-status updates, as
// the EventBridge target is) beside it, then announces its GraphQL URL. It reports its memory
// when asked (see below).
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startLocalStack } from '../../local/stack.ts';
import { announceAndServe, failStart } from './lifecycle.ts';

const outputsFile = process.env.BENCH_OUTPUTS_FILE;
if (!outputsFile) failStart(new Error('BENCH_OUTPUTS_FILE is not set (bench/stackChild.ts sets it).'));

try {
  const stack = await startLocalStack({ ports: 'any-free', outputsFile });
  const publisher = stack.iam.createRole('bench-publisher', [{ action: 'appsync:GraphQL', resource: '*' }]);
  writeFileSync(
    `${outputsFile}.credentials.json`,
    JSON.stringify({ accessKeyId: publisher.accessKeyId, secretAccessKey: publisher.secretAccessKey }),
  );
  // `MEMORY` on stdin → `MEMORY <rss> <heap>` on stdout, after a full collection: heap is V8's
  // used heap plus the memory outside it that JavaScript objects hold (buffers, sockets' data).
  // `CPU` → `CPU <user µs> <system µs>`: the process's CPU time so far, every thread's.
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'CPU') {
      const { user, system } = process.cpuUsage();
      process.stdout.write(`CPU ${user} ${system}\n`);
    }
    if (line.trim() !== 'MEMORY') return;
    globalThis.gc?.();
    const usage = process.memoryUsage();
    process.stdout.write(`MEMORY ${usage.rss} ${usage.heapUsed + usage.external}\n`);
  });
  announceAndServe(stack.outputs.custom.local.graphqlUrl, () => stack.stop());
} catch (error) {
  failStart(error);
}
