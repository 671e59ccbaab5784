// `npx tsx bench/fanoutOnly.ts`: only the fan-out section of `npm run bench`, on the whole local
// stack, for measuring the real-time publish path without the rest. The same settings apply
// (BENCH_QUICK, BENCH_FANOUT_COUNTS, BENCH_FANOUT_PROCESSES); it prints the table and writes
// nothing. Needs `npm run build` to have run, as bench/run.ts does.
import { Cleanup } from './cleanup.ts';
import { readConfig } from './config.ts';
import { benchFanout, renderFanoutTable } from './fanout.ts';
import { startStackChild } from './stackChild.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const cleanup = new Cleanup();
cleanup.onSignals();
try {
  const config = readConfig();
  console.error('starting the whole local stack …');
  const stack = await startStackChild(cleanup);
  console.log(`\n${renderFanoutTable(await benchFanout(config, stack))}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await cleanup.run();
}
process.exit(process.exitCode ?? 0);
