// Callers as the runtime knows them once their auth mode has accepted the request, for tests of
// field authorization (`createFieldAuthorizer`): an API key, an IAM principal, a user pool user.
import type { AuthenticatedRequest } from '../appsync/auth/index.ts';

export const apiKeyCaller: AuthenticatedRequest = { authType: 'API_KEY', identity: null };

export function iamCaller(userArn = 'arn:aws:iam::123456789012:user/publisher'): AuthenticatedRequest {
  return {
    authType: 'AWS_IAM',
    identity: {
      accountId: userArn.split(':')[4] ?? '123456789012',
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: ['127.0.0.1'],
      username: 'AIDAEXAMPLE',
      userArn,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    },
  };
}

/** A signed-in user in `groups` (null: in none), whose token `issuer` signed. */
export function userPoolCaller(groups: string[] | null, issuer: string): AuthenticatedRequest {
  return {
    authType: 'AMAZON_COGNITO_USER_POOLS',
    identity: {
      sub: 'u-1',
      issuer,
      username: 'alice',
      claims: {},
      sourceIp: ['127.0.0.1'],
      defaultAuthStrategy: 'ALLOW',
      groups,
    },
  };
}
