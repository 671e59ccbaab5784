// Writes amplify_outputs.json for the deployed stack, so the same clients work against the cloud:
//   npx cdk deploy --outputs-file cdk-outputs.json && npm run deploy:outputs
// Arguments: [outputs file (cdk-outputs.json)] [stack name (cdk.json's context.stackName)].
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCloudAmplifyOutputs, stackOutputsOf } from '../infra/amplifyOutputs.ts';
import { REPO_ROOT } from '../system/artifacts.ts';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const [outputsPath = join(REPO_ROOT, 'cdk-outputs.json'), stackName = contextStackName()] = process.argv.slice(2);
const outputs = buildCloudAmplifyOutputs(stackOutputsOf(readJson(outputsPath), stackName));
const target = join(REPO_ROOT, 'amplify_outputs.json');
writeFileSync(target, `${JSON.stringify(outputs, null, 2)}\n`);
console.log(`Wrote ${target} for stack ${stackName} (${outputs.data.url}).`);

function contextStackName(): string {
  const cdk = readJson(join(REPO_ROOT, 'cdk.json')) as { context?: { stackName?: unknown } };
  const name = cdk.context?.stackName;
  if (typeof name !== 'string') throw new Error('cdk.json has no context.stackName: pass the stack name as the second argument.');
  return name;
}
