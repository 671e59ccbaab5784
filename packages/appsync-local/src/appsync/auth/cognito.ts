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

export function createCognitoVerifier(
  providers: CognitoProviderConfig[],
  now: () => Date,
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

  return async (token, sourceIp) => {
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
    return { ok: true, auth: { authType: 'AMAZON_COGNITO_USER_POOLS', identity: cognitoIdentity(claims, sourceIp) } };
  };
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
