// The shapes the local AppSync runtime authenticates with: the API's auth configuration, and
// the caller it hands to resolvers as `ctx.identity`.
import type { IamPrincipal, IncomingSignedRequest } from '../../iam/sigv4.ts';
import type { AuthType } from '../js/invocation.ts';

export type { AuthType } from '../js/invocation.ts';
export type { IamPrincipal, IncomingSignedRequest } from '../../iam/sigv4.ts';

export interface ApiKeyProviderConfig {
  type: 'API_KEY';
  /** `expires` is in epoch seconds, as AppSync reports it. */
  apiKeys: { id: string; expires: number }[];
}

export interface CognitoProviderConfig {
  type: 'AMAZON_COGNITO_USER_POOLS';
  userPoolId: string;
  region: string;
  /** `https://cognito-idp.{region}.amazonaws.com/{userPoolId}` for a real pool. */
  issuer: string;
  jwks: { uri: string } | { keys: object[] };
  appIdClientRegex?: string;
}

export interface IamProviderConfig {
  type: 'AWS_IAM';
  region: string;
  principals: (accessKeyId: string) => IamPrincipal | undefined;
  /**
   * IAM's decision on `appsync:GraphQL` for each top-level field a signed caller selects, on
   * `arn:aws:appsync:<region>:<accountId>:apis/<apiId>/types/<Type>/fields/<field>`, as AppSync
   * asks it. Without it, every signed caller may call every field its directives open to IAM.
   */
  policy?: {
    apiId: string;
    accountId: string;
    isAllowed: (principal: IamPrincipal, action: string, resource: string) => boolean;
  };
}

export type AuthProviderConfig = ApiKeyProviderConfig | CognitoProviderConfig | IamProviderConfig;

export interface AuthConfig {
  defaultAuthentication: AuthProviderConfig;
  additionalAuthentications: AuthProviderConfig[];
}

/** `ctx.identity` for Cognito user pools (AppSyncIdentityCognito). */
export interface CognitoIdentity {
  sub: string;
  issuer: string;
  username: string;
  claims: Record<string, unknown>;
  sourceIp: string[];
  defaultAuthStrategy: 'ALLOW';
  groups: string[] | null;
}

/** `ctx.identity` for IAM (AppSyncIdentityIAM), for plain IAM users and roles. */
export interface IamIdentity {
  accountId: string;
  cognitoIdentityPoolId: null;
  cognitoIdentityId: null;
  sourceIp: string[];
  username: string;
  userArn: string;
  cognitoIdentityAuthType: null;
  cognitoIdentityAuthProvider: null;
}

export interface AuthenticatedRequest {
  authType: AuthType;
  /** null for API keys. */
  identity: null | CognitoIdentity | IamIdentity;
  /** For IAM: the signing principal, whose policy decides each top-level field (never in `ctx`). */
  principal?: IamPrincipal;
}

export interface AuthError {
  errorType: string;
  message: string;
}

export interface AuthFailure {
  ok: false;
  status: number;
  body: { errors: AuthError[] };
}

export type AuthenticationResult = { ok: true; auth: AuthenticatedRequest } | AuthFailure;

export type AuthenticationRequest = IncomingSignedRequest & { sourceIp: string };

export interface Authenticator {
  authenticate(request: AuthenticationRequest): Promise<AuthenticationResult>;
}

export interface AuthenticatorOptions {
  /** The clock for token expiry, API key expiry and signature skew. */
  now?: () => Date;
}
