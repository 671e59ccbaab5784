// Who uses the store: customers (signed-in users in no group) and the back office, whose Cognito
// groups the schema's `@aws_cognito_user_pools(cognito_groups: …)` directives name. The user pool
// is created with these groups (system/api.ts), locally and on AWS.

/** The back office's groups, in precedence order (a user in several takes the first's). */
export const STAFF_GROUPS = ['admin', 'warehouse', 'delivery'] as const;

export type StaffGroup = (typeof STAFF_GROUPS)[number];
