// Users of the stack's user pool made for one test file, so that what a test does to "its" user
// (a cart, say) cannot meet what another file does to the shared demo users.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { provisionUser } from 'appsync-local/cognito/provisionUser.ts';
import type { LocalEndpoints } from '../../local/outputs.ts';
import { signIn } from './cognitoSignIn.ts';

export interface StoreUser {
  readonly username: string;
  /** The `authorization` header of a signed-in request: the user's ID token. */
  readonly headers: { authorization: string };
}

export async function createStoreUser(local: LocalEndpoints, label: string, groups: string[] = []): Promise<StoreUser> {
  const username = `${label}-${randomUUID()}@example.com`;
  const password = 'Test-User-Pass-1';
  const client = new CognitoIdentityProviderClient({
    endpoint: local.cognitoEndpoint,
    region: local.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await provisionUser(client, local.userPoolId, { username, password, email: username, groups });
  } finally {
    client.destroy();
  }
  const session = await signIn(local, username, password);
  return { username, headers: { authorization: session.getIdToken().getJwtToken() } };
}
