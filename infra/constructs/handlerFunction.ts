// A Lambda function for one declared handler (system/handlers.ts): the module bundled with the
// local esbuild (no Docker) as ESM for Node.js 24, Lambda's latest Node.js runtime (cdk-nag's
// AwsSolutions-L1 holds it there), its named export as the handler, X-Ray on and its logs kept for
// a set time in a log group only it may write to. The bundling options are exported:
// bench/artifacts.ts bundles with the same ones to measure what is deployed, and how long each
// bundle takes to load (its cold start's share that the bundle decides).
import { Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../system/artifacts.ts';
import type { HandlerReference } from '../../system/handlers.ts';
import { TIMEOUTS } from '../../system/timeouts.ts';

export interface HandlerFunctionProps {
  readonly handler: HandlerReference;
  readonly logRetention: RetentionDays;
}

/** system/timeouts.ts: below API Gateway's integration timeout, and above checkout's worst case. */
export const FUNCTION_TIMEOUT_SECONDS = TIMEOUTS.functionMs / 1000;
/** The functions' runtime: Lambda's latest Node.js (cdk-nag's AwsSolutions-L1 flags an older one). */
export const HANDLER_RUNTIME = Runtime.NODEJS_24_X;

/**
 * What every function's environment holds beside its service's variables: nothing. In particular
 * no NODE_OPTIONS=--enable-source-maps: Node then reads and parses the function's source map (4×
 * the bundle: 3.3 MB for placeOrder) while the bundle loads, which `npm run bench` measures at
 * 15–30 % more CPU time per cold start (bench/README.md, "Deployed artifact sizes"), on every
 * function for the sake of the rare error's stack. The map still ships beside the bundle
 * (HANDLER_BUNDLING.sourceMap), so that an operator reading a minified stack can turn source maps
 * on for one function (its NODE_OPTIONS, a configuration change) or map it offline.
 */
export const HANDLER_ENVIRONMENT: Readonly<Record<string, string>> = {};

/** How every handler is bundled (esbuild through NodejsFunction). */
export const HANDLER_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: true,
  // The SDK versions the code was tested with go with it, not the runtime's.
  externalModules: [],
  // ESM bundles of CommonJS dependencies still call require().
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
};

/**
 * A handler's bundling: HANDLER_BUNDLING, and the packages it declares installed rather than
 * bundled left external and installed in the asset from package-lock.json's versions.
 */
export function bundlingOf(handler: HandlerReference): BundlingOptions {
  const installed = handler.installedPackages ?? [];
  return installed.length === 0 ? HANDLER_BUNDLING : { ...HANDLER_BUNDLING, nodeModules: [...installed] };
}

export class HandlerFunction extends NodejsFunction {
  /** Its own role: what the function may do, and where cdk-nag's findings on its policies are acknowledged. */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
    // Its own role, writing only to its own log group (the managed AWSLambdaBasicExecutionRole
    // would allow every log group).
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    super(scope, id, {
      entry: join(REPO_ROOT, props.handler.module),
      handler: props.handler.export,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: HANDLER_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      bundling: bundlingOf(props.handler),
      environment: { ...HANDLER_ENVIRONMENT },
    });
    this.executionRole = role;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions that AWS authorizes on every resource alone: X-Ray PutTraceSegments and PutTelemetryRecords ' +
        '(active tracing), and dynamodb:ListStreams for a stream-fed function; iamWildcards.test.ts fails on any other.',
    });
  }
}
