// Writes the local stack's amplify_outputs.json (its shape: system/amplifyOutputs.ts).
import { writeFileSync } from 'node:fs';
import type { AmplifyOutputs, LocalEndpoints, LocalTls } from '../system/amplifyOutputs.ts';
import type { DemoUser } from './demoUsers.ts';

export type { AmplifyOutputs, LocalEndpoints, LocalTls };

export function buildAmplifyOutputs(
  local: Omit<LocalEndpoints, 'demoUsers'>,
  localTls: LocalTls,
  users: readonly DemoUser[],
  groups: readonly string[],
): AmplifyOutputs {
  return {
    version: '1.3',
    auth: {
      aws_region: local.region,
      user_pool_id: local.userPoolId,
      user_pool_client_id: local.userPoolClientId,
      username_attributes: ['email'],
      standard_required_attributes: ['email'],
      user_verification_types: ['email'],
      groups: groups.map((name, precedence) => ({ [name]: { precedence } })),
      password_policy: {
        min_length: 8,
        require_lowercase: true,
        require_uppercase: true,
        require_numbers: true,
        require_symbols: true,
      },
    },
    data: {
      aws_region: local.region,
      url: local.graphqlUrl,
      api_key: local.apiKey,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['API_KEY', 'AWS_IAM'],
    },
    custom: {
      local: { ...local, demoUsers: users.map((u) => ({ username: u.username, password: u.password, groups: [...u.groups] })) },
      localTls,
    },
  };
}

export function writeAmplifyOutputs(path: string, outputs: AmplifyOutputs): void {
  writeFileSync(path, `${JSON.stringify(outputs, null, 2)}\n`);
}
