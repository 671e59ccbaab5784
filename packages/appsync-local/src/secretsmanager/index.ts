// The local Secrets Manager's public face. See README.md.
export { createSecretsManager, type LocalSecretsManager, type SecretsManagerOptions } from './secretsManager.ts';
export { SecretsManagerError, type SecretsManagerErrorCode } from './errors.ts';
export type { GetSecretValueResponse, IsAllowed } from './getSecretValue.ts';
export type { PutSecretValueResult, SecretDefinition } from './store.ts';
