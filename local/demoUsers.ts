// The local stack's user pool and its demo users (documented in the README): one user per kind
// of caller, signing in with usernames shaped like email addresses.
import type { UserPoolSpec } from 'appsync-local/cognito/types.ts';
import { USER_GROUPS } from '../system/api.ts';

export interface DemoUser {
  readonly username: string;
  readonly password: string;
  readonly email: string;
  readonly groups: readonly string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'customer@example.com', password: 'Customer-Pass-1', email: 'customer@example.com', groups: [] },
  { username: 'admin@example.com', password: 'Admin-Pass-1', email: 'admin@example.com', groups: ['admin'] },
  { username: 'warehouse@example.com', password: 'Warehouse-Pass-1', email: 'warehouse@example.com', groups: ['warehouse'] },
  { username: 'delivery@example.com', password: 'Delivery-Pass-1', email: 'delivery@example.com', groups: ['delivery'] },
];

export const STORE_USER_POOL: UserPoolSpec = {
  poolName: 'commerce-local',
  groups: [...USER_GROUPS],
  clientName: 'commerce-web',
  users: DEMO_USERS.map((u) => ({ username: u.username, password: u.password, email: u.email, groups: [...u.groups] })),
};
