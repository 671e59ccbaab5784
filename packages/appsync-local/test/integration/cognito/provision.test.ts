import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../../src/ports.ts';
import { UserPoolProvisioningError } from '../../../src/cognito/errors.ts';
import { type CognitoLocal, startCognitoLocal } from '../../../src/cognito/launcher.ts';
import { provisionUserPool } from '../../../src/cognito/provision.ts';
import { STORE_USER_POOL, storeUser } from './testPool.ts';
import type { ProvisionedPool } from '../../../src/cognito/types.ts';

let cognito: CognitoLocal;
let admin: CognitoIdentityProviderClient;

beforeAll(async () => {
  cognito = await startCognitoLocal();
  admin = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  admin?.destroy();
  await cognito?.stop();
});

/** Everything provisioning may create, as the admin API lists it. */
async function snapshot(pool: ProvisionedPool): Promise<unknown> {
  const { UserPools = [] } = await admin.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const { Groups = [] } = await admin.send(new ListGroupsCommand({ UserPoolId: pool.userPoolId }));
  const { UserPoolClients = [] } = await admin.send(
    new ListUserPoolClientsCommand({ UserPoolId: pool.userPoolId, MaxResults: 60 }),
  );
  const { Users = [] } = await admin.send(new ListUsersCommand({ UserPoolId: pool.userPoolId }));
  const users = await Promise.all(
    Users.map(async (user) => {
      const { Groups: groups = [] } = await admin.send(
        new AdminListGroupsForUserCommand({ UserPoolId: pool.userPoolId, Username: user.Username }),
      );
      return { ...user, groups: groups.map((g) => g.GroupName).sort() };
    }),
  );
  return {
    UserPools,
    Groups,
    UserPoolClients,
    users: users.sort((a, b) => String(a.Username).localeCompare(String(b.Username))),
  };
}

describe('provisionUserPool', () => {
  let pool: ProvisionedPool;

  beforeAll(async () => {
    pool = await provisionUserPool(cognito.endpoint, STORE_USER_POOL);
  });

  it('creates the pool with its groups, its app client and its users in their groups, confirmed', async () => {
    const { UserPool } = await admin.send(new DescribeUserPoolCommand({ UserPoolId: pool.userPoolId }));
    expect(UserPool?.Name).toBe(STORE_USER_POOL.poolName);
    const { Groups = [] } = await admin.send(new ListGroupsCommand({ UserPoolId: pool.userPoolId }));
    expect(Groups.map((g) => g.GroupName).sort()).toEqual(['admin', 'delivery', 'warehouse']);

    const { Users = [] } = await admin.send(new ListUsersCommand({ UserPoolId: pool.userPoolId }));
    expect(Users.map((u) => [u.Username, u.UserStatus]).sort()).toEqual([
      ['admin@example.com', 'CONFIRMED'],
      ['customer@example.com', 'CONFIRMED'],
      ['delivery@example.com', 'CONFIRMED'],
      ['warehouse@example.com', 'CONFIRMED'],
    ]);
    for (const user of STORE_USER_POOL.users) {
      const { Groups: groups = [] } = await admin.send(
        new AdminListGroupsForUserCommand({ UserPoolId: pool.userPoolId, Username: user.username }),
      );
      expect(groups.map((g) => g.GroupName)).toEqual(user.groups);
    }
  });

  it('gives the app client USER_PASSWORD_AUTH and SRP, and no secret', async () => {
    const { UserPoolClient } = await admin.send(
      new DescribeUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientId: pool.userPoolClientId }),
    );
    expect(UserPoolClient?.ClientName).toBe(STORE_USER_POOL.clientName);
    expect(UserPoolClient?.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    );
    expect(UserPoolClient?.ClientSecret).toBeUndefined();
  });

  it("reports the issuer and JWKS URL of the pool's tokens, on the endpoint it was given", () => {
    expect(pool.userPoolId).toMatch(/^local_[0-9A-Za-z]+$/);
    expect(pool.issuer).toBe(`${cognito.endpoint}/${pool.userPoolId}`);
    expect(pool.jwksUri).toBe(`${cognito.endpoint}/${pool.userPoolId}/.well-known/jwks.json`);
    expect(pool.region).toBe('us-east-1');
  });

  it('changes nothing when run again: same ids, nothing duplicated', async () => {
    const before = await snapshot(pool);
    const again = await provisionUserPool(cognito.endpoint, STORE_USER_POOL);
    expect(again).toEqual(pool);
    expect(await snapshot(pool)).toEqual(before);
  });

  it('puts a user back in exactly the groups the spec lists', async () => {
    const warehouse = storeUser('warehouse').username;
    const moved = {
      ...STORE_USER_POOL,
      users: STORE_USER_POOL.users.map((u) => (u.username === warehouse ? { ...u, groups: ['delivery'] } : u)),
    };
    await provisionUserPool(cognito.endpoint, moved);
    const list = new AdminListGroupsForUserCommand({ UserPoolId: pool.userPoolId, Username: warehouse });
    expect((await admin.send(list)).Groups?.map((g) => g.GroupName)).toEqual(['delivery']);
    await provisionUserPool(cognito.endpoint, STORE_USER_POOL);
    expect((await admin.send(list)).Groups?.map((g) => g.GroupName)).toEqual(['warehouse']);
  });

  it('refuses a user in a group the pool does not declare, before changing anything', async () => {
    const spec = {
      ...STORE_USER_POOL,
      poolName: 'other',
      users: [{ username: 'x', password: 'X-pass-123', email: 'x@example.com', groups: ['ops'] }],
    };
    await expect(provisionUserPool(cognito.endpoint, spec)).rejects.toThrow(UserPoolProvisioningError);
    const { UserPools = [] } = await admin.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(UserPools.map((p) => p.Name)).toEqual([STORE_USER_POOL.poolName]);
  });
});

describe('provisionUserPool on a state dir kept across restarts', () => {
  it('finds the same pool after a restart on another port, whose tokens name the new port', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'cognito-state-'));
    try {
      const first = await startCognitoLocal({ stateDir });
      const before = await provisionUserPool(first.endpoint, STORE_USER_POOL).finally(() => first.stop());
      const second = await startCognitoLocal({ stateDir, port: await anotherFreePort(first.port) });
      try {
        const after = await provisionUserPool(second.endpoint, STORE_USER_POOL);
        expect(after.userPoolId).toBe(before.userPoolId);
        expect(after.userPoolClientId).toBe(before.userPoolClientId);
        expect(after.issuer).toBe(`${second.endpoint}/${before.userPoolId}`);

        const client = new CognitoIdentityProviderClient({
          endpoint: second.endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        });
        const { AuthenticationResult } = await client.send(
          new InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: after.userPoolClientId,
            AuthParameters: { USERNAME: storeUser('customer').username, PASSWORD: storeUser('customer').password },
          }),
        );
        client.destroy();
        expect(decodeJwt(AuthenticationResult?.IdToken ?? '').iss).toBe(after.issuer);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

async function anotherFreePort(taken: number): Promise<number> {
  for (;;) {
    const port = await findFreePort();
    if (port !== taken) return port;
  }
}
