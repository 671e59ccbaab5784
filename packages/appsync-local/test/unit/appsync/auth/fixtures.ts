// Keys, tokens, a JWKS endpoint and IAM principals for the authentication tests.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { AuthenticationRequest, IamPrincipal } from '../../../../src/appsync/auth/index.ts';

export const NOW = new Date('2024-05-01T10:00:00Z');
export const NOW_S = NOW.getTime() / 1000;
export const REGION = 'eu-west-1';
export const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Shop123';
export const CLIENT_ID = '4example5client6id7';
export const HOST = 'abc123.appsync-api.eu-west-1.amazonaws.com';
export const BODY = JSON.stringify({ query: '{ getCart { subtotal } }' });

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export function idTokenClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'b3c4d5e6-0000-4000-8000-000000000001',
    aud: CLIENT_ID,
    'cognito:groups': ['customer'],
    email_verified: true,
    iss: ISSUER,
    'cognito:username': 'alice',
    token_use: 'id',
    auth_time: NOW_S - 120,
    email: 'alice@example.com',
    ...overrides,
  };
}

export function accessTokenClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'b3c4d5e6-0000-4000-8000-000000000001',
    'cognito:groups': ['warehouse'],
    iss: ISSUER,
    client_id: CLIENT_ID,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: NOW_S - 120,
    username: 'alice',
    ...overrides,
  };
}

/** A token signed by `key`; `expiresAt: null` leaves `exp` out. */
export function mintToken(
  key: SigningKey,
  claims: Record<string, unknown>,
  expiresAt: number | null = NOW_S + 3600,
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setIssuedAt(NOW_S - 120);
  return (expiresAt === null ? jwt : jwt.setExpirationTime(expiresAt)).sign(key.privateKey);
}

export interface JwksServer {
  uri: string;
  fetches(): number;
  close(): Promise<void>;
}

export function serveJwks(keys: JWK[]): Promise<JwksServer> {
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        uri: `http://127.0.0.1:${port}/${'eu-west-1_Shop123'}/.well-known/jwks.json`,
        fetches: () => fetches,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

export const publisher: IamPrincipal = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  accountId: '123456789012',
  userArn: 'arn:aws:iam::123456789012:user/order-status-publisher',
  username: 'AIDAJQABLZS4A3QDU576Q',
};

export const principals = (id: string): IamPrincipal | undefined => (id === publisher.accessKeyId ? publisher : undefined);

export function request(headers: Record<string, string>, body = BODY): AuthenticationRequest {
  return {
    method: 'POST',
    path: '/graphql',
    query: {},
    headers: { host: HOST, 'content-type': 'application/json', ...headers },
    body,
    sourceIp: '127.0.0.1',
  };
}

export async function iamRequest(
  credentials: { accessKeyId: string; secretAccessKey: string } = publisher,
  signingDate: Date = NOW,
): Promise<AuthenticationRequest> {
  const signer = new SignatureV4({ service: 'appsync', region: REGION, credentials, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      hostname: HOST,
      path: '/graphql',
      headers: { host: HOST, 'content-type': 'application/json' },
      body: BODY,
    }),
    { signingDate },
  );
  return { method: 'POST', path: '/graphql', query: {}, headers: signed.headers, body: BODY, sourceIp: '127.0.0.1' };
}
