export { cognitoAuthProvider } from './authProvider.ts';
export { CognitoLocalError, UserPoolProvisioningError } from './errors.ts';
export { type CognitoLocal, type CognitoLocalOptions, startCognitoLocal } from './launcher.ts';
export { provisionUserPool } from './provision.ts';
export type * from './types.ts';
