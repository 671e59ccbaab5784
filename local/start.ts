// `npm start`: the whole system on this machine (see local/stack.ts), until Ctrl-C.
import { join } from 'node:path';
import { REPO_ROOT } from '../system/artifacts.ts';
import { startLocalStack } from './stack.ts';

// Our AWS SDK versions are pinned; its notice that future versions will need Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const started = Date.now();
let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  stack = await startLocalStack({
    ports: 'environment',
    outputsFile: process.env.AMPLIFY_OUTPUTS_FILE ?? join(REPO_ROOT, 'amplify_outputs.json'),
    log: (line) => console.log(line),
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  void stack.stop().then(() => process.exit(0));
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));

const local = stack.outputs.custom.local;
console.log(
  [
    `Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Wrote ${process.env.AMPLIFY_OUTPUTS_FILE ?? 'amplify_outputs.json'}.`,
    '',
    `  GraphQL API        ${local.graphqlUrl}`,
    `  Explorer           ${local.explorerUrl}`,
    `  Real-time          ${local.realtimeUrl}`,
    `  API key            ${local.apiKey}   (header x-api-key, catalog reads)`,
    `  Cognito (local)    ${local.cognitoEndpoint}   pool ${local.userPoolId}, client ${local.userPoolClientId}`,
    `  Event bus          ${local.eventBusEndpoint}   (EventBridge PutEvents; GET /events, /deliveries, /dead-letters)`,
    `  Payment provider   ${local.paymentProviderUrl}   (POST /preauth)`,
    `  DynamoDB Local     ${stack.dynamodbEndpoint}   (region ${local.region})`,
    '',
    '  Demo users (USER_PASSWORD_AUTH):',
    ...local.demoUsers.map((u) => `    ${u.username.padEnd(24)} ${u.password.padEnd(18)} ${u.groups.join(', ') || '(customer)'}`),
    '',
    'Ctrl-C stops everything.',
  ].join('\n'),
);
