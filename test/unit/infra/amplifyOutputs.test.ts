import { describe, expect, it } from 'vitest';
import { buildCloudAmplifyOutputs, stackOutputsOf, StackOutputsError } from '../../../infra/amplifyOutputs.ts';

/** What `cdk deploy --outputs-file` writes for the stack. */
function cdkOutputsFile(overrides: Record<string, string> = {}) {
  return {
    commerce: {
      GraphqlUrl: 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql',
      ApiKey: 'da2-examplekey',
      UserPoolId: 'eu-west-1_Example',
      UserPoolClientId: 'exampleclientid',
      Region: 'eu-west-1',
      ...overrides,
    },
  };
}

describe('buildCloudAmplifyOutputs', () => {
  it('maps the stack outputs to the auth and data of amplify_outputs.json, without custom.local', () => {
    const outputs = buildCloudAmplifyOutputs(stackOutputsOf(cdkOutputsFile(), 'commerce'));
    expect(outputs).toEqual({
      version: '1.3',
      auth: {
        aws_region: 'eu-west-1',
        user_pool_id: 'eu-west-1_Example',
        user_pool_client_id: 'exampleclientid',
        username_attributes: ['email'],
        standard_required_attributes: ['email'],
        user_verification_types: ['email'],
        groups: [{ admin: { precedence: 0 } }, { warehouse: { precedence: 1 } }, { delivery: { precedence: 2 } }],
        password_policy: {
          min_length: 8,
          require_lowercase: true,
          require_uppercase: true,
          require_numbers: true,
          require_symbols: false,
        },
      },
      data: {
        aws_region: 'eu-west-1',
        url: 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql',
        api_key: 'da2-examplekey',
        default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
        authorization_types: ['API_KEY', 'AWS_IAM'],
      },
    });
    expect(outputs).not.toHaveProperty('custom');
  });
});

describe('stackOutputsOf', () => {
  it('refuses a file without the stack', () => {
    expect(() => stackOutputsOf(cdkOutputsFile(), 'other')).toThrow(StackOutputsError);
  });

  it('names the outputs the stack lacks', () => {
    expect(() => stackOutputsOf(cdkOutputsFile({ ApiKey: '' }), 'commerce')).toThrow(/no output ApiKey/);
  });
});
