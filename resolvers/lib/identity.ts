import { type Identity, util } from '@aws-appsync/utils';

/**
 * The signed-in caller's user id (the Cognito `sub`). The schema already keeps guests and
 * services away from the fields that call this; anyone else without a `sub` is Unauthorized.
 */
export function callerId(ctx: { identity: Identity }): string {
  const identity = ctx.identity as { sub?: string } | null | undefined;
  const sub = identity ? identity.sub : undefined;
  if (!sub) {
    util.unauthorized();
  }
  return sub;
}

/**
 * The signed-in caller's email address: the `email` claim of their ID token; null with an access
 * token (which carries none) or for a user without one.
 */
export function callerEmail(ctx: { identity: Identity }): string | null {
  const identity = ctx.identity as { claims?: { email?: unknown } } | null | undefined;
  const email = identity && identity.claims ? identity.claims.email : undefined;
  return typeof email === 'string' ? email : null;
}

/** Whether the signed-in caller is `userId` (the owner of what it names) or an admin. */
export function isOwnerOrAdmin(ctx: { identity: Identity }, userId: string): boolean {
  return userId === callerId(ctx) || isInGroup(ctx, 'admin');
}

/** Whether the signed-in caller is in a Cognito group (the `cognito:groups` of their token). */
export function isInGroup(ctx: { identity: Identity }, group: string): boolean {
  const identity = ctx.identity as { groups?: string[] | null } | null | undefined;
  const groups = identity && identity.groups ? identity.groups : [];
  return groups.includes(group);
}
