// A user pool shaped like a small store's: three back-office groups and one user per kind of
// caller, for the Cognito tests.
import type { UserPoolSpec } from '../../../src/cognito/types.ts';

type Kind = 'customer' | 'admin' | 'warehouse' | 'delivery';

const user = (kind: Kind, groups: string[]) => ({
  username: `${kind}@example.com`,
  password: `${kind[0]!.toUpperCase()}${kind.slice(1)}-Pass-1`,
  email: `${kind}@example.com`,
  groups,
});

export const STORE_USER_POOL: UserPoolSpec = {
  poolName: 'commerce-local',
  groups: ['admin', 'warehouse', 'delivery'],
  clientName: 'commerce-web',
  users: [user('customer', []), user('admin', ['admin']), user('warehouse', ['warehouse']), user('delivery', ['delivery'])],
};

export function storeUser(kind: Kind): { username: string; password: string } {
  const found = STORE_USER_POOL.users.find((u) => u.username === `${kind}@example.com`);
  if (!found) throw new Error(`the test pool has no ${kind} user`);
  return found;
}
