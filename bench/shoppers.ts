// Signed-in users for the checkout benchmark: made in the stack's user pool and signed in with
// USER_PASSWORD_AUTH, as the app does; the ID token is what the API receives.
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { provisionUser } from 'appsync-local/cognito/provisionUser.ts';
import type { LocalEndpoints } from '../local/outputs.ts';

export interface Shopper {
  readonly username: string;
  readonly headers: { authorization: string };
}

const PASSWORD = 'Bench-Shopper-Pass-1';

export async function createShoppers(local: LocalEndpoints, count: number): Promise<Shopper[]> {
  const client = cognitoClient(local);
  try {
    const shoppers: Shopper[] = [];
    // A few at a time: cognito-local writes its pool to one file.
    for (let start = 0; start < count; start += 5) {
      const batch = Array.from({ length: Math.min(5, count - start) }, () => `bench-shopper-${randomUUID()}@example.com`);
      shoppers.push(
        ...(await Promise.all(
          batch.map(async (username) => {
            await provisionUser(client, local.userPoolId, { username, password: PASSWORD, email: username, groups: [] });
            return { username, headers: { authorization: await idToken(client, local, username, PASSWORD) } };
          }),
        )),
      );
    }
    return shoppers;
  } finally {
    client.destroy();
  }
}

export async function signInAs(local: LocalEndpoints, username: string, password: string): Promise<{ authorization: string }> {
  const client = cognitoClient(local);
  try {
    return { authorization: await idToken(client, local, username, password) };
  } finally {
    client.destroy();
  }
}

async function idToken(
  client: CognitoIdentityProviderClient,
  local: LocalEndpoints,
  username: string,
  password: string,
): Promise<string> {
  const result = await client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: local.userPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`${username} could not sign in: no ID token in the answer.`);
  return token;
}

function cognitoClient(local: LocalEndpoints): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: local.cognitoEndpoint,
    region: local.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}
