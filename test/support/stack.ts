// The test run's local stack, as the e2e tests reach it: test/e2e/globalSetup.ts starts it once
// and provides what this reads (its ProvidedContext declares the types).
import { inject, type ProvidedContext } from 'vitest';

type Outputs = ProvidedContext['outputs'];

export interface TestRunStack extends Pick<
  ProvidedContext,
  'outputs' | 'outputsFile' | 'dynamodbEndpoint' | 'testCredentials' | 'paymentProviderSecretKey'
> {
  /** The local endpoints, users and keys (`outputs.custom.local`). */
  local: Outputs['custom']['local'];
  /** The API's port over TLS, with the certificate to trust (`outputs.custom.localTls`). */
  localTls: Outputs['custom']['localTls'];
}

/** What the global setup provided about the stack it started for this run. */
export function localStack(): TestRunStack {
  const outputs = inject('outputs');
  return {
    outputs,
    local: outputs.custom.local,
    localTls: outputs.custom.localTls,
    outputsFile: inject('outputsFile'),
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    testCredentials: inject('testCredentials'),
    paymentProviderSecretKey: inject('paymentProviderSecretKey'),
  };
}
