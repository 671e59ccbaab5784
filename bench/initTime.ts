// Each Lambda bundle's init time, a local stand-in for its cold start: in a fresh `node` process
// per measurement, the time from `await import(index.mjs)` starting to the module (and so the
// handler) being ready, with the environment the CDK app gives the function (placeholder values,
// no local endpoints, AWS_EXECUTION_ENV set so that Powertools behaves as on Lambda). Measured
// without and with --enable-source-maps, alternated, each the median over the runs; besides the
// wall time, the CPU time the process spent importing, which the other work on a shared machine
// disturbs less. Node's bootstrap and Lambda's own (the runtime, the download) are not counted:
// they are the same whatever the bundle holds.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { createServiceFunctions } from '../local/functions.ts';
import { REPO_ROOT } from '../system/artifacts.ts';
import type { SystemDeclaration } from '../system/index.ts';
import { ALERT_TOPICS, type AlertTopicName } from '../system/alerts.ts';
import { median } from './load.ts';

const run = promisify(execFile);

/** Milliseconds, medians over the runs. */
export interface InitTime {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** The same with --enable-source-maps (the map beside the bundle read and parsed as it loads). */
  readonly sourceMaps: { readonly wallMs: number; readonly cpuMs: number };
}

export interface BuiltBundle {
  readonly functionName: string;
  /** The service whose environment the function gets. */
  readonly service: string;
  /** index.mjs and its map, as esbuild wrote them (names relative to the bundle's folder). */
  readonly files: readonly { readonly name: string; readonly contents: Uint8Array }[];
  readonly entryFile: string;
}

/**
 * Where the bundles are written to be imported: inside the repository, so that the packages left
 * external (installed beside the bundle on AWS) resolve from its node_modules. Removed afterwards.
 */
const INIT_FOLDER = join(REPO_ROOT, 'cdk.out', 'bench-init');

/** The variables Lambda itself sets that the code reads at load (Powertools). */
const LAMBDA_VARIABLES = {
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_ACCESS_KEY_ID: 'ASIAINITTIMEBENCH000',
  AWS_SECRET_ACCESS_KEY: 'init-time-bench',
  AWS_SESSION_TOKEN: 'init-time-bench',
} as const;

/** The local stack's variables that have no counterpart on AWS. */
const LOCAL_ONLY = [
  'DYNAMODB_ENDPOINT',
  'EVENT_BUS_ENDPOINT',
  'SNS_ENDPOINT',
  'SMTP_HOST',
  'SMTP_PORT',
  'S3_ENDPOINT',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'SECRETS_MANAGER_ENDPOINT',
];

/** One after the other: a bundle's import is timed with nothing else of ours running. */
export async function measureInitTimes(
  declaration: SystemDeclaration,
  bundles: readonly BuiltBundle[],
  runs: number,
): Promise<Map<string, InitTime>> {
  const environments = serviceEnvironments(declaration);
  const times = new Map<string, InitTime>();
  rmSync(INIT_FOLDER, { recursive: true, force: true });
  try {
    for (const bundle of bundles) {
      const folder = join(INIT_FOLDER, bundle.functionName);
      mkdirSync(folder, { recursive: true });
      for (const file of bundle.files) writeFileSync(join(folder, file.name), file.contents);
      const env = { ...environments(bundle.service), ...LAMBDA_VARIABLES, AWS_LAMBDA_FUNCTION_NAME: bundle.functionName };
      const plain: Sample[] = [];
      const mapped: Sample[] = [];
      for (let i = 0; i < runs; i += 1) {
        plain.push(await importOnce(join(folder, bundle.entryFile), env, false));
        mapped.push(await importOnce(join(folder, bundle.entryFile), env, true));
      }
      times.set(bundle.functionName, { ...medians(plain), sourceMaps: medians(mapped) });
    }
  } finally {
    rmSync(INIT_FOLDER, { recursive: true, force: true });
  }
  return times;
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function medians(samples: readonly Sample[]): Sample {
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}

async function importOnce(file: string, env: Record<string, string>, sourceMaps: boolean): Promise<Sample> {
  const script = [
    'const cpu = process.cpuUsage(); const started = performance.now();',
    `await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const used = process.cpuUsage(cpu);',
    'process.stdout.write(JSON.stringify({ wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }));',
  ].join(' ');
  const args = [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '--eval', script];
  // Only what the function gets: nothing of this process's environment (NODE_OPTIONS included).
  const { stdout } = await run(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, cwd: REPO_ROOT });
  return JSON.parse(stdout) as Sample;
}

/**
 * Each service's variables as the CDK app sets them (the local stack's own reckoning of them,
 * local/functions.ts), with placeholder values and without the local endpoints.
 */
function serviceEnvironments(declaration: SystemDeclaration): (service: string) => Record<string, string> {
  const placeholder = (name: string) => `https://${name}.example.com`;
  const functions = createServiceFunctions({
    declaration,
    iam: new LocalIam(),
    region: 'us-east-1',
    dynamodbEndpoint: placeholder('dynamodb'),
    eventBus: { name: 'commerce', endpoint: placeholder('events') },
    payments: {
      providerUrl: placeholder('provider'),
      secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:commerce/payment-AbCdEf',
      secretsManagerEndpoint: placeholder('secrets'),
      gateway: {
        url: placeholder('gateway'),
        appId: 2553,
        callbackUrl: `${placeholder('payment')}/prod/payments/callback`,
        paymentTtlSeconds: 900,
        sweepGraceSeconds: 60,
      },
    },
    serviceUrls: Object.fromEntries(declaration.services.map((s) => [s.name, `${placeholder(s.name)}/${s.stage}`])),
    s3: {
      endpoint: placeholder('s3'),
      credentials: { accessKeyId: 'placeholder', secretAccessKey: 'placeholder' },
      buckets: { invoices: 'commerce-invoices' },
    },
    invoicing: {
      sellerName: 'Seller',
      sellerAddress: 'Street\nTown',
      sellerVatId: 'VAT1',
      currency: 'EUR',
      urlTtlSeconds: '300',
    },
    mail: {
      from: 'Shop <orders@shop.example.com>',
      shopName: 'Shop',
      shopUrl: placeholder('shop'),
      currency: 'EUR',
      smtp: { host: '127.0.0.1', port: 2525 },
    },
    alerts: {
      endpoint: placeholder('sns'),
      topicArns: Object.fromEntries(
        ALERT_TOPICS.map((topic) => [topic, `arn:aws:sns:us-east-1:000000000000:${topic}`]),
      ) as Record<AlertTopicName, string>,
    },
  });
  return (service) => {
    const variables: Record<string, string> = { ...functions.environmentOf(service) };
    for (const name of LOCAL_ONLY) delete variables[name];
    return variables;
  };
}
