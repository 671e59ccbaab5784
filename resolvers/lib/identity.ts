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
