import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthConfig, createAuthenticator } from '../../../../src/appsync/auth/index.ts';
import {
  ISSUER,
  NOW,
  NOW_S,
  REGION,
  type JwksServer,
  type SigningKey,
  createSigningKey,
  iamRequest,
  idTokenClaims,
  mintToken,
  principals,
  request,
  serveJwks,
} from './fixtures.ts';

const API_KEY = 'da2-storefrontkey000000000';
let key: SigningKey;
let jwks: JwksServer;
let token: string;

beforeAll(async () => {
  key = await createSigningKey('k1');
  jwks = await serveJwks([key.jwk]);
  token = await mintToken(key, idTokenClaims());
});
afterAll(() => jwks.close());

const cognito = () => ({
  type: 'AMAZON_COGNITO_USER_POOLS' as const,
  userPoolId: 'eu-west-1_Shop123',
  region: REGION,
  issuer: ISSUER,
  jwks: { uri: jwks.uri },
});
const apiKey = { type: 'API_KEY' as const, apiKeys: [{ id: API_KEY, expires: NOW_S + 3600 }] };
const iam = { type: 'AWS_IAM' as const, region: REGION, principals };
const storeConfig = (): AuthConfig => ({ defaultAuthentication: cognito(), additionalAuthentications: [apiKey, iam] });
const failure = (status: number, errorType: string, message: string) => ({
  ok: false,
  status,
  body: { errors: [{ errorType, message }] },
});

describe('choosing the auth mode of a request', () => {
  it('uses Cognito for a JWT in the Authorization header', async () => {
    const result = await createAuthenticator(storeConfig(), { now: () => NOW }).authenticate(request({ authorization: token }));
    expect(result).toMatchObject({ ok: true, auth: { authType: 'AMAZON_COGNITO_USER_POOLS' } });
  });

  it('uses IAM for an AWS4-HMAC-SHA256 Authorization header', async () => {
    const result = await createAuthenticator(storeConfig(), { now: () => NOW }).authenticate(await iamRequest());
    expect(result).toMatchObject({ ok: true, auth: { authType: 'AWS_IAM' } });
  });

  it('uses the API key when x-api-key is sent, even beside a valid JWT', async () => {
    const result = await createAuthenticator(storeConfig(), { now: () => NOW }).authenticate(
      request({ 'x-api-key': API_KEY, authorization: token }),
    );
    expect(result).toEqual({ ok: true, auth: { authType: 'API_KEY', identity: null } });
  });

  it('rejects a bad x-api-key even beside a valid JWT', async () => {
    const result = await createAuthenticator(storeConfig(), { now: () => NOW }).authenticate(
      request({ 'x-api-key': 'da2-wrong', authorization: token }),
    );
    expect(result).toEqual(failure(401, 'UnauthorizedException', 'You are not authorized to make this call.'));
  });

  it('ignores x-api-key when API keys are not configured', async () => {
    const config: AuthConfig = { defaultAuthentication: cognito(), additionalAuthentications: [] };
    const authenticator = createAuthenticator(config, { now: () => NOW });
    expect(await authenticator.authenticate(request({ 'x-api-key': API_KEY, authorization: token }))).toMatchObject({
      ok: true,
      auth: { authType: 'AMAZON_COGNITO_USER_POOLS' },
    });
    expect(await authenticator.authenticate(request({ 'x-api-key': API_KEY }))).toEqual(
      failure(401, 'UnauthorizedException', 'Valid authorization header not provided.'),
    );
  });

  it('reads a SigV4 header as a JWT when IAM is not configured', async () => {
    const config: AuthConfig = { defaultAuthentication: cognito(), additionalAuthentications: [apiKey] };
    const result = await createAuthenticator(config, { now: () => NOW }).authenticate(await iamRequest());
    expect(result).toEqual(failure(401, 'UnauthorizedException', 'Unable to parse JWT token.'));
  });

  it('reads a JWT as an incomplete signature when IAM is the only header mode', async () => {
    const config: AuthConfig = { defaultAuthentication: iam, additionalAuthentications: [apiKey] };
    const result = await createAuthenticator(config, { now: () => NOW }).authenticate(request({ authorization: token }));
    expect(result).toMatchObject({ ok: false, status: 403, body: { errors: [{ errorType: 'IncompleteSignatureException' }] } });
  });

  it('rejects a request that carries no credentials for any configured mode', async () => {
    const result = await createAuthenticator(storeConfig(), { now: () => NOW }).authenticate(request({}));
    expect(result).toEqual(failure(401, 'UnauthorizedException', 'Valid authorization header not provided.'));
  });

  it('rejects a JWT when only API keys are configured', async () => {
    const config: AuthConfig = { defaultAuthentication: apiKey, additionalAuthentications: [] };
    const result = await createAuthenticator(config, { now: () => NOW }).authenticate(request({ authorization: token }));
    expect(result).toEqual(failure(401, 'UnauthorizedException', 'Valid authorization header not provided.'));
  });
});
