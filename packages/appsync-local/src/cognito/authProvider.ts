import type { CognitoProviderConfig } from '../appsync/auth/types.ts';
import type { ProvisionedPool } from './types.ts';

/** The AppSync runtime's Cognito auth provider config for this pool. */
export function cognitoAuthProvider(pool: ProvisionedPool): CognitoProviderConfig {
  return {
    type: 'AMAZON_COGNITO_USER_POOLS',
    userPoolId: pool.userPoolId,
    region: pool.region,
    issuer: pool.issuer,
    jwks: { uri: pool.jwksUri },
    // Only tokens issued to this pool's app client, as AppSync's appIdClientRegex would set it.
    appIdClientRegex: escapeRegExp(pool.userPoolClientId),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
