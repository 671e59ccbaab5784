import { describe, expect, it } from 'vitest';
import { type AuthConfig, createAuthenticator } from '../../../../src/appsync/auth/index.ts';
import { BODY, NOW, NOW_S, REGION, iamRequest, principals, publisher, request } from './fixtures.ts';

const apiKeyOnly: AuthConfig = {
  defaultAuthentication: {
    type: 'API_KEY',
    apiKeys: [
      { id: 'da2-currentkey0000000000000', expires: NOW_S + 86_400 },
      { id: 'da2-expiredkey0000000000000', expires: NOW_S - 3_600 },
    ],
  },
  additionalAuthentications: [],
};
const iamOnly: AuthConfig = {
  defaultAuthentication: { type: 'AWS_IAM', region: REGION, principals },
  additionalAuthentications: [],
};
const notAuthorized = {
  ok: false,
  status: 401,
  body: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] },
};

describe('API key authentication', () => {
  const authenticator = createAuthenticator(apiKeyOnly, { now: () => NOW });

  it('accepts a configured, unexpired key with a null identity', async () => {
    expect(await authenticator.authenticate(request({ 'x-api-key': 'da2-currentkey0000000000000' }))).toEqual({
      ok: true,
      auth: { authType: 'API_KEY', identity: null },
    });
  });

  it('rejects an unknown key', async () => {
    expect(await authenticator.authenticate(request({ 'x-api-key': 'da2-unknown' }))).toEqual(notAuthorized);
  });

  it('rejects an expired key exactly like an unknown one', async () => {
    expect(await authenticator.authenticate(request({ 'x-api-key': 'da2-expiredkey0000000000000' }))).toEqual(notAuthorized);
  });

  it('rejects a key at the second it expires', async () => {
    const atExpiry = createAuthenticator(apiKeyOnly, { now: () => new Date((NOW_S + 86_400) * 1000) });
    expect(await atExpiry.authenticate(request({ 'x-api-key': 'da2-currentkey0000000000000' }))).toEqual(notAuthorized);
  });

  it('reads the header case-insensitively', async () => {
    expect(await authenticator.authenticate(request({ 'X-Api-Key': 'da2-currentkey0000000000000' }))).toMatchObject({ ok: true });
  });
});

describe('IAM authentication', () => {
  const authenticator = createAuthenticator(iamOnly, { now: () => NOW });

  it('accepts a SigV4-signed request and builds ctx.identity as AppSync does', async () => {
    const signed = await iamRequest();
    const result = await authenticator.authenticate({
      ...signed,
      headers: { ...signed.headers, 'x-forwarded-for': '198.51.100.4' },
    });
    expect(result).toEqual({
      ok: true,
      auth: {
        authType: 'AWS_IAM',
        principal: publisher,
        identity: {
          accountId: '123456789012',
          cognitoIdentityPoolId: null,
          cognitoIdentityId: null,
          sourceIp: ['198.51.100.4', '127.0.0.1'],
          username: publisher.username,
          userArn: publisher.userArn,
          cognitoIdentityAuthType: null,
          cognitoIdentityAuthProvider: null,
        },
      },
    });
  });

  it('rejects a tampered body with 403 InvalidSignatureException', async () => {
    const signed = await iamRequest();
    const result = await authenticator.authenticate({ ...signed, body: BODY.replace('subtotal', 'items') });
    expect(result).toMatchObject({ ok: false, status: 403, body: { errors: [{ errorType: 'InvalidSignatureException' }] } });
  });

  it('rejects the wrong secret key with 403 InvalidSignatureException and AWS text', async () => {
    const result = await authenticator.authenticate(await iamRequest({ ...publisher, secretAccessKey: 'wrong' }));
    expect(result).toEqual({
      ok: false,
      status: 403,
      body: {
        errors: [
          {
            errorType: 'InvalidSignatureException',
            message:
              'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
          },
        ],
      },
    });
  });

  it('rejects a stale x-amz-date with 400 BadRequestException "Signature expired"', async () => {
    const result = await authenticator.authenticate(await iamRequest(publisher, new Date('2024-05-01T09:40:00Z')));
    expect(result).toEqual({
      ok: false,
      status: 400,
      body: {
        errors: [
          {
            errorType: 'BadRequestException',
            message: 'Signature expired: 20240501T094000Z is now earlier than 20240501T095500Z (20240501T100000Z - 5 min.)',
          },
        ],
      },
    });
  });

  it('rejects an unknown access key with 403 UnrecognizedClientException', async () => {
    const result = await authenticator.authenticate(await iamRequest({ accessKeyId: 'AKIAUNKNOWNKEY', secretAccessKey: 'x' }));
    expect(result).toEqual({
      ok: false,
      status: 403,
      body: {
        errors: [{ errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }],
      },
    });
  });
});
