// Picks the auth mode a request uses and verifies it, the way AppSync does with several modes:
// an x-api-key header means API_KEY (when configured, it wins over an Authorization header);
// an Authorization header starting with AWS4-HMAC-SHA256 means AWS_IAM; any other Authorization
// header is read as a Cognito JWT, or as a SigV4 header when IAM is the only header-based mode.
import { createApiKeyVerifier } from './apiKey.ts';
import { createCognitoVerifier } from './cognito.ts';
import { MESSAGES, unauthorized } from './errors.ts';
import { createIamVerifier } from './iam.ts';
import { headerValue, sourceIps } from './request.ts';
import type {
  ApiKeyProviderConfig,
  AuthConfig,
  AuthenticationRequest,
  AuthenticationResult,
  Authenticator,
  AuthenticatorOptions,
  AuthProviderConfig,
  CognitoProviderConfig,
  IamProviderConfig,
} from './types.ts';

function ofType<T extends AuthProviderConfig['type']>(
  providers: AuthProviderConfig[],
  type: T,
): Extract<AuthProviderConfig, { type: T }>[] {
  return providers.filter((p): p is Extract<AuthProviderConfig, { type: T }> => p.type === type);
}

export function createAuthenticator(config: AuthConfig, options: AuthenticatorOptions = {}): Authenticator {
  const now = options.now ?? (() => new Date());
  const providers = [config.defaultAuthentication, ...config.additionalAuthentications];
  const apiKeys: ApiKeyProviderConfig[] = ofType(providers, 'API_KEY');
  const pools: CognitoProviderConfig[] = ofType(providers, 'AMAZON_COGNITO_USER_POOLS');
  const iam: IamProviderConfig | undefined = ofType(providers, 'AWS_IAM')[0];

  const verifyApiKey = apiKeys.length > 0 ? createApiKeyVerifier(apiKeys, now) : undefined;
  const verifyJwt = pools.length > 0 ? createCognitoVerifier(pools, now) : undefined;
  const verifyIam = iam ? createIamVerifier(iam, now) : undefined;

  return {
    async authenticate(request: AuthenticationRequest): Promise<AuthenticationResult> {
      const apiKey = headerValue(request.headers, 'x-api-key');
      if (apiKey !== undefined && verifyApiKey) return verifyApiKey(apiKey);

      const authorization = headerValue(request.headers, 'authorization');
      if (authorization) {
        if (verifyIam && authorization.trimStart().startsWith('AWS4-HMAC-SHA256')) return verifyIam(request);
        if (verifyJwt) return verifyJwt(authorization, sourceIps(request.headers, request.sourceIp));
        if (verifyIam) return verifyIam(request);
      }
      return unauthorized(MESSAGES.noValidHeader);
    },
  };
}
