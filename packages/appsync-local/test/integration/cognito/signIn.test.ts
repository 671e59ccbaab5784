import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/appsync/auth/index.ts';
import { cognitoAuthProvider } from '../../../src/cognito/authProvider.ts';
import { type CognitoLocal, startCognitoLocal } from '../../../src/cognito/launcher.ts';
import { provisionUserPool } from '../../../src/cognito/provision.ts';
import type { ProvisionedPool } from '../../../src/cognito/types.ts';
import { STORE_USER_POOL, storeUser } from './testPool.ts';

let cognito: CognitoLocal;
let pool: ProvisionedPool;

beforeAll(async () => {
  cognito = await startCognitoLocal();
  pool = await provisionUserPool(cognito.endpoint, STORE_USER_POOL);
});

afterAll(async () => {
  await cognito?.stop();
});

/** Signs in as a browser app would: amazon-cognito-identity-js with USER_PASSWORD_AUTH. */
function signIn({ username, password }: { username: string; password: string }): Promise<CognitoUserSession> {
  const userPool = new CognitoUserPool({
    UserPoolId: pool.userPoolId,
    ClientId: pool.userPoolClientId,
    endpoint: cognito.endpoint,
  });
  const user = new CognitoUser({ Username: username, Pool: userPool });
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: () => reject(new Error('a new password was required')),
    });
  });
}

function verify(token: string) {
  return jwtVerify(token, createRemoteJWKSet(new URL(pool.jwksUri)), { issuer: pool.issuer });
}

describe('signing in to cognito-local with amazon-cognito-identity-js', () => {
  it('gives ID and access tokens that verify against the JWKS URL and the issuer', async () => {
    const session = await signIn(storeUser('admin'));
    expect(session.isValid()).toBe(true);

    const { payload: id, protectedHeader } = await verify(session.getIdToken().getJwtToken());
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: 'CognitoLocal' });
    expect(id).toMatchObject({
      iss: `${cognito.endpoint}/${pool.userPoolId}`,
      aud: pool.userPoolClientId,
      token_use: 'id',
      'cognito:username': 'admin@example.com',
      'cognito:groups': ['admin'],
      email: 'admin@example.com',
      email_verified: true,
    });

    const { payload: access } = await verify(session.getAccessToken().getJwtToken());
    expect(access).toMatchObject({
      iss: pool.issuer,
      client_id: pool.userPoolClientId,
      token_use: 'access',
      username: 'admin@example.com',
      'cognito:groups': ['admin'],
      scope: 'aws.cognito.signin.user.admin',
      sub: id.sub,
    });
    expect(access.aud).toBeUndefined();
  });

  it('puts no cognito:groups claim in the tokens of a user in no group', async () => {
    const session = await signIn(storeUser('customer'));
    const { payload } = await verify(session.getIdToken().getJwtToken());
    expect(payload['cognito:username']).toBe('customer@example.com');
    expect(payload).not.toHaveProperty('cognito:groups');
  });

  it('signs each staff user in with their group', async () => {
    for (const kind of ['warehouse', 'delivery'] as const) {
      const session = await signIn(storeUser(kind));
      expect(session.getIdToken().decodePayload()['cognito:groups']).toEqual([kind]);
    }
  });

  it('signs every pool with the one key it ships with, whatever the pool id', async () => {
    const session = await signIn(storeUser('customer'));
    const { kid } = decodeProtectedHeader(session.getAccessToken().getJwtToken());
    const response = await fetch(`${cognito.endpoint}/local_NoSuchPool/.well-known/jwks.json`);
    const jwks = (await response.json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([kid]);
  });

  // Cognito answers NotAuthorizedException ("Incorrect username or password.") for both;
  // cognito-local 5.3.0 says InvalidPasswordException for a known user's wrong password.
  it('refuses a wrong password (InvalidPasswordException in cognito-local, NotAuthorizedException in Cognito)', async () => {
    const wrong = { username: storeUser('admin').username, password: 'Wrong-Pass-1' };
    await expect(signIn(wrong)).rejects.toMatchObject({ code: 'InvalidPasswordException' });
  });

  it('refuses an unknown user with NotAuthorizedException', async () => {
    await expect(signIn({ username: 'nobody@example.com', password: 'Wrong-Pass-1' })).rejects.toMatchObject({
      code: 'NotAuthorizedException',
    });
  });
});

describe("the AppSync runtime's authenticator with cognito-local's tokens", () => {
  const authenticate = (authorization: string, provisioned: ProvisionedPool = pool) =>
    createAuthenticator({ defaultAuthentication: cognitoAuthProvider(provisioned), additionalAuthentications: [] }).authenticate({
      method: 'POST',
      path: '/graphql',
      query: {},
      headers: { authorization },
      body: '{}',
      sourceIp: '127.0.0.1',
    });

  it('accepts an ID token, with the user and their groups as the identity', async () => {
    const session = await signIn(storeUser('admin'));
    expect(await authenticate(session.getIdToken().getJwtToken())).toMatchObject({
      ok: true,
      auth: {
        authType: 'AMAZON_COGNITO_USER_POOLS',
        identity: { username: 'admin@example.com', groups: ['admin'], issuer: pool.issuer, sourceIp: ['127.0.0.1'] },
      },
    });
  });

  it('accepts an access token', async () => {
    const session = await signIn(storeUser('delivery'));
    expect(await authenticate(session.getAccessToken().getJwtToken())).toMatchObject({
      ok: true,
      auth: { identity: { username: 'delivery@example.com', groups: ['delivery'] } },
    });
  });

  it('gives a user in no group null groups', async () => {
    const session = await signIn(storeUser('customer'));
    expect(await authenticate(session.getIdToken().getJwtToken())).toMatchObject({
      ok: true,
      auth: { identity: { username: 'customer@example.com', groups: null } },
    });
  });

  it('refuses a token issued to another app client of the pool', async () => {
    const session = await signIn(storeUser('admin'));
    const result = await authenticate(session.getIdToken().getJwtToken(), { ...pool, userPoolClientId: 'another-client' });
    expect(result).toMatchObject({ ok: false, status: 401 });
  });
});
