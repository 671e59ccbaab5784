// An expired ID token of a real user of the stack's pool. cognito-local signs every token with the
// one key it ships (its JWKS serves the public half; the private half is in the package), and its
// tokens live for a day: no app client of the stack's pool can be given a shorter life without
// changing it for every test. So the test re-signs a token cognito-local issued with that same key,
// claims unchanged but for `iat`, `auth_time` and `exp`, which are moved an hour and more into the
// past: a token the server cannot tell from one cognito-local issued two hours ago.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeJwt, decodeProtectedHeader, importJWK, type JWK, SignJWT } from 'jose';

const require = createRequire(import.meta.url);
const COGNITO_LOCAL_KEY = 'cognito-local/lib/keys/cognitoLocal.private.json';

export async function expiredCopyOf(token: string, expiredSecondsAgo = 3600): Promise<string> {
  const { jwk } = JSON.parse(readFileSync(require.resolve(COGNITO_LOCAL_KEY), 'utf8')) as { jwk: JWK };
  const header = decodeProtectedHeader(token);
  const claims = decodeJwt(token);
  const now = Math.floor(Date.now() / 1000);
  const exp = now - expiredSecondsAgo;
  const issuedAt = exp - 3600;
  return new SignJWT({ ...claims, iat: issuedAt, auth_time: issuedAt, exp })
    .setProtectedHeader({ alg: header.alg ?? 'RS256', kid: header.kid ?? String(jwk.kid) })
    .sign(await importJWK(jwk, header.alg ?? 'RS256'));
}
