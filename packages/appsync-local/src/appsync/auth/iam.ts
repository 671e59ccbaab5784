// AWS_IAM mode: a SigV4 signature for the `appsync` service in the API's region.
import { verifySigV4 } from '../../iam/sigv4.ts';
import { iamFailure } from './errors.ts';
import { sourceIps } from './request.ts';
import type { AuthenticationRequest, AuthenticationResult, IamProviderConfig } from './types.ts';

export function createIamVerifier(
  provider: IamProviderConfig,
  now: () => Date,
): (request: AuthenticationRequest) => Promise<AuthenticationResult> {
  return async (request) => {
    const result = await verifySigV4(request, {
      service: 'appsync',
      region: provider.region,
      principals: provider.principals,
      now,
    });
    if (!result.ok) return iamFailure(result.reason, result.message);
    const { principal } = result;
    return {
      ok: true,
      auth: {
        authType: 'AWS_IAM',
        principal,
        identity: {
          accountId: principal.accountId,
          cognitoIdentityPoolId: null,
          cognitoIdentityId: null,
          sourceIp: sourceIps(request.headers, request.sourceIp),
          username: principal.username,
          userArn: principal.userArn,
          cognitoIdentityAuthType: null,
          cognitoIdentityAuthProvider: null,
        },
      },
    };
  };
}
