// One user of a pool spec: created without a welcome message, given a permanent password, and
// put in exactly the groups the spec lists.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  paginateAdminListGroupsForUser,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserSpec } from './types.ts';

export async function provisionUser(client: CognitoIdentityProviderClient, userPoolId: string, user: UserSpec): Promise<void> {
  const status = await userStatus(client, userPoolId, user.username);
  if (status === undefined) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  }
  // A confirmed user keeps the password it has: provisioning never resets one someone changed.
  if (status !== 'CONFIRMED') {
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        Password: user.password,
        Permanent: true,
      }),
    );
  }
  await setGroups(client, userPoolId, user);
}

/** undefined when the user does not exist. */
async function userStatus(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  username: string,
): Promise<string | undefined> {
  try {
    const found = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return found.UserStatus ?? 'UNKNOWN';
  } catch (error) {
    if (error instanceof UserNotFoundException) return undefined;
    throw error;
  }
}

async function setGroups(client: CognitoIdentityProviderClient, userPoolId: string, user: UserSpec): Promise<void> {
  const current = new Set<string>();
  for await (const page of paginateAdminListGroupsForUser({ client }, { UserPoolId: userPoolId, Username: user.username })) {
    for (const group of page.Groups ?? []) if (group.GroupName) current.add(group.GroupName);
  }
  const target = { UserPoolId: userPoolId, Username: user.username };
  for (const groupName of user.groups) {
    if (!current.has(groupName)) await client.send(new AdminAddUserToGroupCommand({ ...target, GroupName: groupName }));
  }
  for (const groupName of current) {
    if (!user.groups.includes(groupName))
      await client.send(new AdminRemoveUserFromGroupCommand({ ...target, GroupName: groupName }));
  }
}
