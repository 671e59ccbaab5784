// A token issuer for tests: an RSA key pair whose JWKS is served over HTTP, minting tokens
// shaped like Cognito's ID and access tokens (the full cognito-local setup is the local stack's).
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly userPoolId: string;
  readonly clientId: string;
  idToken(user: TestUser, overrides?: TokenOverrides): Promise<string>;
  accessToken(user: TestUser, overrides?: TokenOverrides): Promise<string>;
  close(): Promise<void>;
}

export interface TestUser {
  username: string;
  sub?: string;
  groups?: string[];
  email?: string;
}

export interface TokenOverrides {
  issuer?: string;
  audience?: string;
  expiresInSeconds?: number;
  tokenUse?: string;
  /** Sign with a key the JWKS does not have. */
  foreignKey?: boolean;
}

export async function startTestIssuer(userPoolId = 'us-east-1_TestPool1'): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}/${userPoolId}`;
  const clientId = 'testclient0000000000000001';

  const mint = async (user: TestUser, use: 'id' | 'access', o: TokenOverrides = {}): Promise<string> => {
    const claims: Record<string, unknown> = {
      sub: user.sub ?? `sub-${user.username}`,
      token_use: o.tokenUse ?? use,
      'cognito:groups': user.groups,
      auth_time: Math.floor(Date.now() / 1000),
    };
    if (use === 'id') {
      claims['cognito:username'] = user.username;
      claims.email = user.email ?? `${user.username}@example.com`;
    } else {
      claims.username = user.username;
      claims.client_id = o.audience ?? clientId;
    }
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(o.issuer ?? issuer)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (o.expiresInSeconds ?? 3600));
    if (use === 'id') jwt = jwt.setAudience(o.audience ?? clientId);
    return jwt.sign(o.foreignKey ? foreign.privateKey : privateKey);
  };

  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    userPoolId,
    clientId,
    idToken: (user, o) => mint(user, 'id', o),
    accessToken: (user, o) => mint(user, 'access', o),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
