// `npm start`: the whole system on this machine (see local/stack.ts), until Ctrl-C; the build
// first when it is stale (scripts/build.ts).
import { X509Certificate } from 'node:crypto';
import { join, relative } from 'node:path';
import { buildIfStale } from '../scripts/build.ts';
import { REPO_ROOT } from '../system/artifacts.ts';
import { startLocalStack } from './stack.ts';

// Our AWS SDK versions are pinned; its notice that future versions will need Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The tables, users, objects, emails and keys of a day's work: git-ignored, kept across restarts. */
const stateDir = process.env.LOCAL_STATE_DIR ?? join(REPO_ROOT, '.local-state');
const fresh = process.argv.slice(2).includes('--fresh');

const started = Date.now();
let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  // The bundles the API runs and the explorer, built first when stale (or never built): a
  // current build is not redone (a few milliseconds of hashing instead of seconds of esbuild).
  await buildIfStale((line) => console.log(line));
  stack = await startLocalStack({
    ports: 'environment',
    stateDir,
    fresh,
    outputsFile: process.env.AMPLIFY_OUTPUTS_FILE ?? join(REPO_ROOT, 'amplify_outputs.json'),
    // Beside amplify_outputs.json when that is moved; otherwise in the git-ignored .local-state/.
    certificateFile: process.env.AMPLIFY_OUTPUTS_FILE ? undefined : join(REPO_ROOT, '.local-state', 'localhost-cert.pem'),
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
const localTls = stack.outputs.custom.localTls;
const certificateFile = localTls.certificateFile ? shortPath(localTls.certificateFile) : '(not written)';
console.log(
  [
    `Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Wrote ${process.env.AMPLIFY_OUTPUTS_FILE ?? 'amplify_outputs.json'}.`,
    '',
    `  GraphQL API        ${local.graphqlUrl}`,
    `  Explorer           ${local.explorerUrl}`,
    `  Real-time          ${local.realtimeUrl}`,
    `  Over TLS           ${localTls.graphqlUrl}   ${localTls.realtimeUrl}   (the same port)`,
    `  TLS certificate    ${certificateFile}   (self-signed, new each start; trust it explicitly, see README)`,
    `                     SHA-256 ${new X509Certificate(localTls.certificatePem).fingerprint256}`,
    `  API key            ${local.apiKey}   (header x-api-key, catalog reads)`,
    `  Cognito (local)    ${local.cognitoEndpoint}   pool ${local.userPoolId}, client ${local.userPoolClientId}`,
    `  Event bus          ${local.eventBusEndpoint}   (EventBridge PutEvents; GET /events, /deliveries, /dead-letters; POST /dead-letters/redrive)`,
    `  Payment provider   ${local.paymentProviderUrl}   (cards: POST /preauth; the wallet gateway's pay pages: each payment's payUrl)`,
    `  DynamoDB Local     ${stack.dynamodbEndpoint}   (region ${local.region})`,
    `  S3 (local)         ${local.s3Endpoint}   (path-style, key S3RVER/S3RVER; the invoice PDFs)`,
    `  Mailbox            ${local.mailboxUrl}   (every email sent: open it in a browser; REST API under /api)`,
    `  SNS (local)        ${local.snsEndpoint}   (the team's alert topics, emailed to ${local.alertEmail}; GET /messages)`,
    `  Your credentials   ${local.credentials.accessKeyId} / ${local.credentials.secretAccessKey}`,
    `                     (SigV4, every local right: the bus, the API's IAM mode, the services; README "Calling it as a developer")`,
    `  State              ${stateDir ? shortPath(stateDir) : '(temporary)'}   (kept across restarts; \`npm run reset\` or \`npm start -- --fresh\` wipes it)`,
    '',
    '  Demo users (USER_PASSWORD_AUTH):',
    ...local.demoUsers.map((u) => `    ${u.username.padEnd(24)} ${u.password.padEnd(18)} ${u.groups.join(', ') || '(customer)'}`),
    '',
    localTls.certificatePem.trimEnd(),
    '',
    'Ctrl-C stops everything.',
  ].join('\n'),
);

function shortPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') ? path : fromHere;
}
