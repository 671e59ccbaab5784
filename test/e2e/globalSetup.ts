// Starts the whole local stack once per `npm test` run, on free ports, and stops it after.
// Tests reach what it provides through localStack() (test/support/stack.ts): its outputs (what
// amplify_outputs.json holds), its DynamoDB Local, and credentials of an IAM role of its own.
// Every event its bus accepts is checked against its service's events.schema.json: an event no
// schema describes, or whose detail breaks its schema, fails the run (as an error of its own in
// vitest's summary, naming the event), whichever test made it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { AmplifyOutputs } from '../../local/outputs.ts';
import { type LocalGatewayTiming, startLocalStack } from '../../local/stack.ts';
import { createEventChecker } from '../support/eventSchemas.ts';
import { LOCAL_ACCOUNT_ID } from 'appsync-local/iam/principals.ts';
import { SYSTEM } from '../../system/index.ts';
import { LOCAL_API_ID } from '../../local/apiDefinition.ts';

/** Events tests put on the bus to test the bus itself (localStack.test.ts): no service emits them. */
export const TEST_EVENT_SOURCE = 'ecommerce.tests';

export class EventSchemaViolation extends Error {
  override name = 'EventSchemaViolation';
}

export const GATEWAY_TEST_TIMING: LocalGatewayTiming = { paymentTtlSeconds: 8, sweepGraceSeconds: 1, sweepIntervalMs: 1000 };

/**
 * How long an invoice's download URL lasts in the test run (300 s on AWS and under `npm start`):
 * long enough to download it right after the API answers, short enough that a test sees the
 * bucket refuse it after a few seconds' wait.
 */
export const INVOICE_TEST_URL_TTL_SECONDS = 5;

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    outputs: AmplifyOutputs;
    outputsFile: string;
    testCredentials: { accessKeyId: string; secretAccessKey: string };
    /** The payment backend's key to the provider simulator, for tests that check a payment's state there. */
    paymentProviderSecretKey: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Our AWS SDK versions are pinned; its notice that future versions will need Node 22 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const folder = mkdtempSync(join(tmpdir(), 'commerce-test-'));
  const outputsFile = join(folder, 'amplify_outputs.json');
  // Gateway payments on a test's clock: a shopper has 8 s to pay, and the sweep asks the gateway
  // about payments pending for 1 s, every second.
  const checkEvent = createEventChecker();
  const violations: string[] = [];
  const stack = await startLocalStack({
    ports: 'any-free',
    outputsFile,
    gateway: GATEWAY_TEST_TIMING,
    invoicing: { urlTtlSeconds: String(INVOICE_TEST_URL_TTL_SECONDS) },
    onEvent: (event) => {
      if (event.source === TEST_EVENT_SOURCE) return;
      const violation = checkEvent(event);
      if (!violation) return;
      violations.push(violation);
      // An error of the run as it happens: vitest lists it under its summary and exits non-zero.
      project.vitest.state.catchError(new EventSchemaViolation(violation), 'Event schema violation');
    },
  });
  // The tests' role stands for a developer or operator principal, not for a part of the system:
  // it redelivers and forges events of any source (a redrive, the bus's own tests), so it is
  // granted PutEvents on the bus with no events:source condition, and calls any field of the API
  // with IAM (publishOrderStatus, as an operator replaying an update would); nothing else.
  const { region } = stack.outputs.custom.local;
  const testRole = stack.iam.createRole('test-client', [
    { action: 'events:PutEvents', resource: `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:event-bus/${SYSTEM.eventBusName}` },
    { action: 'appsync:GraphQL', resource: `arn:aws:appsync:${region}:${LOCAL_ACCOUNT_ID}:apis/${LOCAL_API_ID}/types/*` },
  ]);
  project.provide('dynamodbEndpoint', stack.dynamodbEndpoint);
  project.provide('outputs', stack.outputs);
  project.provide('outputsFile', outputsFile);
  project.provide('testCredentials', { accessKeyId: testRole.accessKeyId, secretAccessKey: testRole.secretAccessKey });
  project.provide('paymentProviderSecretKey', stack.paymentProvider.secretKey);
  return async () => {
    await stack.stop();
    rmSync(folder, { recursive: true, force: true });
    // Events accepted after the last test ended are past vitest's summary: told here, and failing still.
    if (violations.length > 0) {
      console.error(`${violations.length} event(s) broke their schema:\n${violations.join('\n')}`);
      process.exitCode = 1;
    }
  };
}
