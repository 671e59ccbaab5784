// The store's user pool as the local stack declares it, for the Cognito tests.
import { STORE_USER_POOL } from '../../../local/demoUsers.ts';

export { STORE_USER_POOL };

export function storeUser(kind: 'customer' | 'admin' | 'warehouse' | 'delivery'): { username: string; password: string } {
  const user = STORE_USER_POOL.users.find((u) => u.username === `${kind}@example.com`);
  if (!user) throw new Error(`the store's pool has no ${kind} user`);
  return user;
}
