export { createAuthenticator } from './authenticator.ts';
export { createFieldAuthorizer, type FieldAuthorizer } from './directives.ts';
export { MESSAGES as AUTH_MESSAGES } from './errors.ts';
export type * from './types.ts';
