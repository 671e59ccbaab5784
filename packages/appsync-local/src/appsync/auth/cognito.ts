// AMAZON_COGNITO_USER_POOLS mode: the Authorization header is the raw JWT (AppSync does not
// strip a "Bearer " prefix), an ID or access token of a configured pool.
import {
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
} from 'jose';
import { MESSAGES, unauthorized } from './errors.ts';
import type { AuthenticationResult, CognitoIdentity, CognitoProviderConfig } from './types.ts';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

interface Pool {
  config: CognitoProviderConfig;
  keys: JWTVerifyGetKey;
  clientId: RegExp | undefined;
}

/**
 * A token that passed every check: its claims as JSON (parsed afresh for each request, so no two
 * requests share an object), and the window in which its time checks pass (epoch seconds).
 */
interface VerifiedToken {
  claimsJson: string;
  /** `exp`: valid while now < exp, as jose checks it. */
  expiresAt: number;
  /** `nbf`, when the token has one: valid once now >= nbf. */
  notBefore: number | undefined;
}

/**
 * How many verified tokens a verifier remembers. A client sends the same token with every request
 * until it expires (an hour for Cognito), and verifying it (an RSA signature, on the thread pool
 * through WebCrypto) was most of an authenticated request's own cost; a few thousand tokens is
 * more clients than a local stack serves, and about a kilobyte each.
 */
export const VERIFIED_TOKEN_CACHE_SIZE = 2000;

export function createCognitoVerifier(
  providers: CognitoProviderConfig[],
  now: () => Date,
  cacheSize = VERIFIED_TOKEN_CACHE_SIZE,
): (token: string, sourceIp: string[]) => Promise<AuthenticationResult> {
  // One key set per pool for the authenticator's life, so remote keys are fetched once and cached.
  const pools: Pool[] = providers.map((config) => ({
    config,
    keys:
      'uri' in config.jwks
        ? createRemoteJWKSet(new URL(config.jwks.uri))
        : createLocalJWKSet({ keys: config.jwks.keys as JWK[] }),
    clientId: config.appIdClientRegex === undefined ? undefined : new RegExp(`^(?:${config.appIdClientRegex})$`),
  }));

  // Keyed by the whole token: a token that differs in any byte (its signature too) is verified
  // afresh. What the checks depend on besides the token is fixed for the verifier's life (the
  // pools, their issuers and client ids) except the time, which every hit checks again.
  const verified = new Map<string, VerifiedToken>();

  return async (token, sourceIp) => {
    const known = verified.get(token);
    if (known) {
      const nowS = epochSeconds(now());
      if (nowS < known.expiresAt && (known.notBefore === undefined || nowS >= known.notBefore)) {
        return cognitoResult(JSON.parse(known.claimsJson) as JWTPayload, sourceIp);
      }
      // Expired (or, with a clock moved back, not yet valid): verified in full, which says why.
      verified.delete(token);
    }
    let unverified: JWTPayload;
    try {
      if (!COMPACT_JWS.test(token)) throw new Error('not a compact JWS');
      decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      return unauthorized(MESSAGES.unparsableJwt);
    }
    const pool = pools.find((p) => p.config.issuer === unverified.iss);
    if (!pool) return unauthorized(MESSAGES.noValidHeader);

    let claims: JWTPayload;
    try {
      // Cognito never issues a token without `exp`; one without it would be valid forever, so it is refused.
      ({ payload: claims } = await jwtVerify(token, pool.keys, {
        issuer: pool.config.issuer,
        currentDate: now(),
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      return unauthorized(error instanceof errors.JWTExpired ? MESSAGES.tokenExpired : MESSAGES.noValidHeader);
    }
    const tokenUse = claims['token_use'];
    if (tokenUse !== 'id' && tokenUse !== 'access') return unauthorized(MESSAGES.noValidHeader);
    const clientIds = [tokenUse === 'id' ? claims.aud : claims['client_id']].flat();
    const allowed = pool.clientId;
    if (allowed && !clientIds.some((id) => typeof id === 'string' && allowed.test(id))) {
      return unauthorized(MESSAGES.noValidHeader);
    }
    // jwtVerify required exp and checked that it and any nbf are numbers.
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, { claimsJson: JSON.stringify(claims), expiresAt: claims.exp!, notBefore: claims.nbf });
    return cognitoResult(claims, sourceIp);
  };
}

/** jose's reading of the clock: whole seconds, rounded down. */
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

function cognitoResult(claims: JWTPayload, sourceIp: string[]): AuthenticationResult {
  return { ok: true, auth: { authType: 'AMAZON_COGNITO_USER_POOLS', identity: cognitoIdentity(claims, sourceIp) } };
}

function cognitoIdentity(claims: JWTPayload, sourceIp: string[]): CognitoIdentity {
  const username = claims['cognito:username'] ?? claims['username'];
  const groups = claims['cognito:groups'];
  return {
    sub: claims.sub ?? '',
    issuer: claims.iss ?? '',
    username: typeof username === 'string' ? username : '',
    claims: { ...claims },
    sourceIp,
    defaultAuthStrategy: 'ALLOW',
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : null,
  };
}
