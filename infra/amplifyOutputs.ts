// amplify_outputs.json for the deployed stack: its `auth` and `data` in the shape
// system/amplifyOutputs.ts declares for both stacks (without `custom.local`), from the stack's outputs
// as `cdk deploy --outputs-file` writes them.
import type { AmplifyOutputs } from '../system/amplifyOutputs.ts';
import { USER_GROUPS } from '../system/api.ts';
import { PASSWORD_POLICY } from './constructs/userPool.ts';

export type CloudAmplifyOutputs = Omit<AmplifyOutputs, 'custom'>;

/** The CfnOutputs of infra/stacks/commerceStack.ts. */
export const STACK_OUTPUT_KEYS = ['GraphqlUrl', 'ApiKey', 'UserPoolId', 'UserPoolClientId', 'Region'] as const;
export type StackOutputs = Record<(typeof STACK_OUTPUT_KEYS)[number], string>;

export class StackOutputsError extends Error {
  override name = 'StackOutputsError';
}

/** The outputs of `stackName` in an outputs file (`{ "<stack>": { "<key>": "<value>" } }`). */
export function stackOutputsOf(outputsFile: unknown, stackName: string): StackOutputs {
  const stacks = (outputsFile ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const outputs = stacks[stackName];
  if (!outputs)
    throw new StackOutputsError(
      `The outputs file has no stack ${stackName} (it has ${Object.keys(stacks).join(', ') || 'none'}).`,
    );
  const missing = STACK_OUTPUT_KEYS.filter((key) => typeof outputs[key] !== 'string' || outputs[key] === '');
  if (missing.length > 0)
    throw new StackOutputsError(`Stack ${stackName} has no output ${missing.join(', ')}: deploy the current infra/ first.`);
  return Object.fromEntries(STACK_OUTPUT_KEYS.map((key) => [key, outputs[key] as string])) as StackOutputs;
}

export function buildCloudAmplifyOutputs(outputs: StackOutputs): CloudAmplifyOutputs {
  return {
    version: '1.3',
    auth: {
      aws_region: outputs.Region,
      user_pool_id: outputs.UserPoolId,
      user_pool_client_id: outputs.UserPoolClientId,
      username_attributes: ['email'],
      standard_required_attributes: ['email'],
      user_verification_types: ['email'],
      groups: USER_GROUPS.map((name, precedence) => ({ [name]: { precedence } })),
      password_policy: {
        min_length: PASSWORD_POLICY.minLength,
        require_lowercase: PASSWORD_POLICY.requireLowercase,
        require_uppercase: PASSWORD_POLICY.requireUppercase,
        require_numbers: PASSWORD_POLICY.requireDigits,
        require_symbols: PASSWORD_POLICY.requireSymbols,
      },
    },
    data: {
      aws_region: outputs.Region,
      url: outputs.GraphqlUrl,
      api_key: outputs.ApiKey,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['API_KEY', 'AWS_IAM'],
    },
  };
}
