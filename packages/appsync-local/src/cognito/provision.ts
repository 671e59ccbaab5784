// Brings a user pool to what a spec says, through the Cognito admin API: finds or creates the
// pool, its groups, its app client and its users. Everything is looked up before it is created,
// so a second run changes nothing; cognito-local's CreateGroup would otherwise silently replace
// an existing group and drop its members.
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type ExplicitAuthFlowsType,
  paginateListGroups,
  paginateListUserPoolClients,
  paginateListUserPools,
} from '@aws-sdk/client-cognito-identity-provider';
import { UserPoolProvisioningError } from './errors.ts';
import { provisionUser } from './provisionUser.ts';
import type { ProvisionedPool, UserPoolSpec } from './types.ts';

/** The region the admin client signs for; cognito-local ignores it (its pool ids start with `local_`). */
export const REGION = 'us-east-1';

export const EXPLICIT_AUTH_FLOWS: ExplicitAuthFlowsType[] = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

/**
 * Creates (or finds, by name) the pool, its groups, an app client allowing USER_PASSWORD_AUTH
 * (and SRP), and the users with permanent passwords in their groups; running it twice changes
 * nothing.
 */
export async function provisionUserPool(endpoint: string, spec: UserPoolSpec): Promise<ProvisionedPool> {
  assertSpecIsConsistent(spec);
  const base = endpoint.replace(/\/+$/, '');
  const client = new CognitoIdentityProviderClient({
    endpoint: base,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const userPoolId = await findOrCreatePool(client, spec.poolName);
    await createMissingGroups(client, userPoolId, spec.groups);
    const userPoolClientId = await findOrCreateAppClient(client, userPoolId, spec.clientName);
    for (const user of spec.users) await provisionUser(client, userPoolId, user);
    return {
      userPoolId,
      userPoolClientId,
      region: REGION,
      issuer: `${base}/${userPoolId}`,
      jwksUri: `${base}/${userPoolId}/.well-known/jwks.json`,
    };
  } finally {
    client.destroy();
  }
}

function assertSpecIsConsistent(spec: UserPoolSpec): void {
  const problems: string[] = [];
  for (const user of spec.users) {
    const unknown = user.groups.filter((group) => !spec.groups.includes(group));
    if (unknown.length > 0) problems.push(`user ${user.username} is in ${unknown.join(', ')}, which the pool does not declare`);
  }
  const usernames = spec.users.map((user) => user.username);
  const repeated = usernames.filter((name, index) => usernames.indexOf(name) !== index);
  if (repeated.length > 0) problems.push(`users declared twice: ${[...new Set(repeated)].join(', ')}`);
  if (problems.length > 0) {
    throw new UserPoolProvisioningError(`User pool ${spec.poolName}: ${problems.join('; ')}.`);
  }
}

async function findOrCreatePool(client: CognitoIdentityProviderClient, poolName: string): Promise<string> {
  const ids: string[] = [];
  for await (const page of paginateListUserPools({ client }, { MaxResults: 60 })) {
    for (const pool of page.UserPools ?? []) if (pool.Name === poolName && pool.Id) ids.push(pool.Id);
  }
  if (ids.length > 1) {
    throw new UserPoolProvisioningError(
      `Several user pools are named ${poolName} (${ids.join(', ')}); cannot tell which to use.`,
    );
  }
  if (ids[0]) return ids[0];

  const { UserPool: pool } = await client.send(new CreateUserPoolCommand({ PoolName: poolName }));
  if (!pool?.Id) throw new UserPoolProvisioningError(`CreateUserPool for ${poolName} returned no pool id.`);
  if (pool.UsernameAttributes?.includes('email')) {
    throw new UserPoolProvisioningError(
      `User pool ${poolName} was created to sign in by email (cognito-local's default UserPoolDefaults), ` +
        'so users cannot have plain usernames. Start cognito-local with startCognitoLocal, which configures plain usernames.',
    );
  }
  return pool.Id;
}

async function createMissingGroups(client: CognitoIdentityProviderClient, userPoolId: string, groups: string[]): Promise<void> {
  const existing = new Set<string>();
  for await (const page of paginateListGroups({ client }, { UserPoolId: userPoolId })) {
    for (const group of page.Groups ?? []) if (group.GroupName) existing.add(group.GroupName);
  }
  for (const groupName of groups) {
    if (!existing.has(groupName)) await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: groupName }));
  }
}

async function findOrCreateAppClient(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  clientName: string,
): Promise<string> {
  for await (const page of paginateListUserPoolClients({ client }, { UserPoolId: userPoolId, MaxResults: 60 })) {
    const found = page.UserPoolClients?.find((c) => c.ClientName === clientName);
    if (found?.ClientId) return found.ClientId;
  }
  const { UserPoolClient: created } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: clientName,
      // A browser app cannot keep a secret.
      GenerateSecret: false,
      ExplicitAuthFlows: EXPLICIT_AUTH_FLOWS,
    }),
  );
  if (!created?.ClientId) throw new UserPoolProvisioningError(`CreateUserPoolClient for ${clientName} returned no client id.`);
  return created.ClientId;
}
