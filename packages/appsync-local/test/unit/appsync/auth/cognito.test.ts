import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthConfig, createAuthenticator } from '../../../../src/appsync/auth/index.ts';
import {
  CLIENT_ID,
  ISSUER,
  NOW,
  NOW_S,
  REGION,
  type JwksServer,
  type SigningKey,
  accessTokenClaims,
  createSigningKey,
  idTokenClaims,
  mintToken,
  request,
  serveJwks,
} from './fixtures.ts';

let poolKey: SigningKey;
let strangerKey: SigningKey;
let jwks: JwksServer;

beforeAll(async () => {
  poolKey = await createSigningKey('pool-key-1');
  strangerKey = await createSigningKey('pool-key-1');
  jwks = await serveJwks([poolKey.jwk]);
});
afterAll(() => jwks.close());

function cognitoConfig(jwksSource: { uri: string } | { keys: object[] }, appIdClientRegex?: string): AuthConfig {
  return {
    defaultAuthentication: {
      type: 'AMAZON_COGNITO_USER_POOLS',
      userPoolId: 'eu-west-1_Shop123',
      region: REGION,
      issuer: ISSUER,
      jwks: jwksSource,
      ...(appIdClientRegex === undefined ? {} : { appIdClientRegex }),
    },
    additionalAuthentications: [],
  };
}

const unauthorized = (message: string) => ({
  ok: false,
  status: 401,
  body: { errors: [{ errorType: 'UnauthorizedException', message }] },
});

describe('Cognito user pools authentication', () => {
  it('accepts an ID token and builds ctx.identity as AppSync does', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }), { now: () => NOW });
    const claims = idTokenClaims();
    const token = await mintToken(poolKey, claims);
    const result = await authenticator.authenticate({
      ...request({ authorization: token, 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }),
      sourceIp: '10.0.0.2',
    });
    expect(result).toEqual({
      ok: true,
      auth: {
        authType: 'AMAZON_COGNITO_USER_POOLS',
        identity: {
          sub: claims['sub'],
          issuer: ISSUER,
          username: 'alice',
          claims: { ...claims, iat: NOW_S - 120, exp: NOW_S + 3600 },
          sourceIp: ['203.0.113.7', '10.0.0.1', '10.0.0.2'],
          defaultAuthStrategy: 'ALLOW',
          groups: ['customer'],
        },
      },
    });
  });

  it('accepts an access token, taking the username from its username claim', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }, CLIENT_ID), { now: () => NOW });
    const result = await authenticator.authenticate(request({ authorization: await mintToken(poolKey, accessTokenClaims()) }));
    expect(result).toMatchObject({
      ok: true,
      auth: { identity: { username: 'alice', groups: ['warehouse'], sourceIp: ['127.0.0.1'] } },
    });
  });

  it('reports groups as null for a user in no group', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }), { now: () => NOW });
    const token = await mintToken(poolKey, idTokenClaims({ 'cognito:groups': undefined }));
    expect(await authenticator.authenticate(request({ authorization: token }))).toMatchObject({
      ok: true,
      auth: { identity: { groups: null } },
    });
  });

  it('fetches the remote JWKS once and reuses it for later requests', async () => {
    const server = await serveJwks([poolKey.jwk]);
    const authenticator = createAuthenticator(cognitoConfig({ uri: server.uri }), { now: () => NOW });
    const token = await mintToken(poolKey, idTokenClaims());
    for (let i = 0; i < 3; i += 1)
      expect(await authenticator.authenticate(request({ authorization: token }))).toMatchObject({ ok: true });
    expect(server.fetches()).toBe(1);
    await server.close();
  });

  it('accepts tokens checked against keys given inline', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ keys: [poolKey.jwk] }), { now: () => NOW });
    const token = await mintToken(poolKey, idTokenClaims());
    expect(await authenticator.authenticate(request({ authorization: token }))).toMatchObject({ ok: true });
  });

  it('rejects an expired token with "Token has expired."', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }), { now: () => NOW });
    const token = await mintToken(poolKey, idTokenClaims(), NOW_S - 1);
    expect(await authenticator.authenticate(request({ authorization: token }))).toEqual(unauthorized('Token has expired.'));
  });

  it('rejects a token without an expiry, as an invalid one', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ keys: [poolKey.jwk] }), { now: () => NOW });
    const token = await mintToken(poolKey, idTokenClaims(), null);
    expect(await authenticator.authenticate(request({ authorization: token }))).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('rejects a token from another issuer', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }), { now: () => NOW });
    const token = await mintToken(poolKey, idTokenClaims({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' }));
    expect(await authenticator.authenticate(request({ authorization: token }))).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('rejects a token signed by another key under the same kid', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }), { now: () => NOW });
    const token = await mintToken(strangerKey, idTokenClaims());
    expect(await authenticator.authenticate(request({ authorization: token }))).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('rejects a token whose key id is not in the JWKS', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ keys: [poolKey.jwk] }), { now: () => NOW });
    const token = await mintToken({ ...strangerKey, kid: 'unknown-kid' }, idTokenClaims());
    expect(await authenticator.authenticate(request({ authorization: token }))).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('rejects a token_use other than id or access', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }), { now: () => NOW });
    const token = await mintToken(poolKey, idTokenClaims({ token_use: 'refresh' }));
    expect(await authenticator.authenticate(request({ authorization: token }))).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('rejects ID and access tokens of a client the appIdClientRegex does not match', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }, CLIENT_ID), { now: () => NOW });
    const idToken = await mintToken(poolKey, idTokenClaims({ aud: 'other-client' }));
    const accessToken = await mintToken(poolKey, accessTokenClaims({ client_id: `${CLIENT_ID}x` }));
    expect(await authenticator.authenticate(request({ authorization: idToken }))).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
    expect(await authenticator.authenticate(request({ authorization: accessToken }))).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('does not strip a "Bearer " prefix, so such a header cannot be parsed', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }), { now: () => NOW });
    const token = await mintToken(poolKey, idTokenClaims());
    expect(await authenticator.authenticate(request({ authorization: `Bearer ${token}` }))).toEqual(
      unauthorized('Unable to parse JWT token.'),
    );
    expect(await authenticator.authenticate(request({ authorization: 'not-a-jwt' }))).toEqual(
      unauthorized('Unable to parse JWT token.'),
    );
  });

  it('rejects a request without an Authorization header', async () => {
    const authenticator = createAuthenticator(cognitoConfig({ uri: jwks.uri }), { now: () => NOW });
    expect(await authenticator.authenticate(request({}))).toEqual(unauthorized('Valid authorization header not provided.'));
  });
});
