// The whole local stack (what `npm start` runs) on free ports, for the checkout benchmark. It
// writes its outputs (amplify_outputs.json's shape) to BENCH_OUTPUTS_FILE and announces its
// GraphQL URL.
import { startLocalStack } from '../../local/stack.ts';
import { announceAndServe, failStart } from './lifecycle.ts';

const outputsFile = process.env.BENCH_OUTPUTS_FILE;
if (!outputsFile) failStart(new Error('BENCH_OUTPUTS_FILE is not set (bench/checkout.ts sets it).'));

try {
  const stack = await startLocalStack({ ports: 'any-free', outputsFile });
  announceAndServe(stack.outputs.custom.local.graphqlUrl, () => stack.stop());
} catch (error) {
  failStart(error);
}
