// The Cognito verifier remembers the tokens it verified: a client sends the same token with every
// request. jwtVerify is counted to see which requests were verified in full.
import type * as jose from 'jose';
import { jwtVerify } from 'jose';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AuthConfig, createAuthenticator } from '../../../../src/appsync/auth/index.ts';
import { createCognitoVerifier } from '../../../../src/appsync/auth/cognito.ts';
import type { CognitoProviderConfig } from '../../../../src/appsync/auth/types.ts';
import {
  CLIENT_ID,
  ISSUER,
  NOW,
  NOW_S,
  REGION,
  type SigningKey,
  createSigningKey,
  idTokenClaims,
  mintToken,
  request,
} from './fixtures.ts';

vi.mock('jose', async (importOriginal) => {
  const actual = await importOriginal<typeof jose>();
  return { ...actual, jwtVerify: vi.fn(actual.jwtVerify) };
});

let poolKey: SigningKey;
beforeAll(async () => {
  poolKey = await createSigningKey('pool-key-1');
});
// A block: a function returned from beforeEach would be called as its cleanup.
beforeEach(() => {
  vi.mocked(jwtVerify).mockClear();
});

const config = (appIdClientRegex?: string): AuthConfig => ({
  defaultAuthentication: {
    type: 'AMAZON_COGNITO_USER_POOLS',
    userPoolId: 'eu-west-1_Shop123',
    region: REGION,
    issuer: ISSUER,
    jwks: { keys: [poolKey.jwk] },
    ...(appIdClientRegex === undefined ? {} : { appIdClientRegex }),
  },
  additionalAuthentications: [],
});

const refused = (message: string) => ({
  ok: false,
  status: 401,
  body: { errors: [{ errorType: 'UnauthorizedException', message }] },
});

/** An authenticator whose clock the test moves. */
function withClock(appIdClientRegex?: string) {
  let nowMs = NOW.getTime();
  const authenticator = createAuthenticator(config(appIdClientRegex), { now: () => new Date(nowMs) });
  return {
    authenticate: (token: string, sourceIp = '127.0.0.1') =>
      authenticator.authenticate({ ...request({ authorization: token }), sourceIp }),
    setSecondsFromNow: (seconds: number) => {
      nowMs = NOW.getTime() + seconds * 1000;
    },
  };
}

/** The token with one character of its payload or signature changed (still base64url). */
function tampered(token: string, part: 1 | 2): string {
  const parts = token.split('.');
  const text = parts[part]!;
  const at = Math.floor(text.length / 2);
  parts[part] = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
  return parts.join('.');
}

describe('the Cognito verifier’s verified tokens', () => {
  it('verifies a token once, then accepts it again with a fresh identity per request', async () => {
    const clock = withClock(CLIENT_ID);
    const token = await mintToken(poolKey, idTokenClaims());
    const first = await clock.authenticate(token, '10.0.0.1');
    const second = await clock.authenticate(token, '10.0.0.2');
    expect(vi.mocked(jwtVerify)).toHaveBeenCalledTimes(1);
    expect(second).toEqual({
      ...first,
      auth: { ...(first.ok ? first.auth : {}), identity: { ...(first.ok ? first.auth.identity : {}), sourceIp: ['10.0.0.2'] } },
    });
    // No object is shared between requests: a resolver that changed one could not change the next.
    if (!first.ok || !second.ok) throw new Error('refused');
    const [a, b] = [
      first.auth.identity as { claims: Record<string, unknown> },
      second.auth.identity as { claims: Record<string, unknown> },
    ];
    expect(a.claims).not.toBe(b.claims);
    expect(a.claims['cognito:groups']).not.toBe(b.claims['cognito:groups']);
  });

  it('accepts a remembered token until its exp and refuses it as expired from then on, never later', async () => {
    const clock = withClock();
    const token = await mintToken(poolKey, idTokenClaims(), NOW_S + 60);
    expect(await clock.authenticate(token)).toMatchObject({ ok: true });
    clock.setSecondsFromNow(59.999);
    expect(await clock.authenticate(token)).toMatchObject({ ok: true });
    expect(vi.mocked(jwtVerify)).toHaveBeenCalledTimes(1);
    clock.setSecondsFromNow(60);
    expect(await clock.authenticate(token)).toEqual(refused('Token has expired.'));
    clock.setSecondsFromNow(61);
    expect(await clock.authenticate(token)).toEqual(refused('Token has expired.'));
  });

  it('refuses a remembered token before its nbf when the clock goes back', async () => {
    const clock = withClock();
    const token = await mintToken(poolKey, idTokenClaims({ nbf: NOW_S - 10 }));
    expect(await clock.authenticate(token)).toMatchObject({ ok: true });
    clock.setSecondsFromNow(-11);
    expect(await clock.authenticate(token)).toEqual(refused('Valid authorization header not provided.'));
  });

  it('still refuses a tampered copy of a remembered token, in its payload or its signature', async () => {
    const clock = withClock();
    const token = await mintToken(poolKey, idTokenClaims());
    expect(await clock.authenticate(token)).toMatchObject({ ok: true });
    for (const part of [1, 2] as const) {
      const result = await clock.authenticate(tampered(token, part));
      expect(result.ok).toBe(false);
    }
    expect(await clock.authenticate(token)).toMatchObject({ ok: true });
  });

  it('does not remember a refused token: a client id the pool does not allow is refused every time', async () => {
    const clock = withClock('^other-client$');
    const token = await mintToken(poolKey, idTokenClaims());
    for (let i = 0; i < 2; i += 1)
      expect(await clock.authenticate(token)).toEqual(refused('Valid authorization header not provided.'));
    expect(vi.mocked(jwtVerify)).toHaveBeenCalledTimes(2);
  });

  it('keeps each verifier’s tokens apart: another configuration verifies them itself', async () => {
    const token = await mintToken(poolKey, idTokenClaims());
    expect(await withClock(CLIENT_ID).authenticate(token)).toMatchObject({ ok: true });
    expect(await withClock('^other-client$').authenticate(token)).toEqual(refused('Valid authorization header not provided.'));
  });

  it('remembers at most as many tokens as its cache holds, forgetting the oldest first', async () => {
    const verify = createCognitoVerifier([config().defaultAuthentication as CognitoProviderConfig], () => NOW, 3);
    const tokens = await Promise.all([0, 1, 2, 3].map((i) => mintToken(poolKey, idTokenClaims({ sub: `user-${i}` }))));
    for (const token of tokens) await verify(token, ['127.0.0.1']);
    vi.mocked(jwtVerify).mockClear();
    for (const token of tokens.slice(1)) expect(await verify(token, ['127.0.0.1'])).toMatchObject({ ok: true });
    expect(vi.mocked(jwtVerify)).toHaveBeenCalledTimes(0);
    expect(await verify(tokens[0]!, ['127.0.0.1'])).toMatchObject({ ok: true });
    expect(vi.mocked(jwtVerify)).toHaveBeenCalledTimes(1);
  });
});
