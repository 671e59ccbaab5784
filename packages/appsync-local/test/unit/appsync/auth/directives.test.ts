import { readFileSync } from 'node:fs';
import { type GraphQLObjectType, buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  type AuthConfig,
  type AuthenticatedRequest,
  type AuthProviderConfig,
  createFieldAuthorizer,
} from '../../../../src/appsync/auth/index.ts';
import { ISSUER, REGION, principals } from './fixtures.ts';
import { apiKeyCaller, iamCaller, userPoolCaller } from '../../../../src/testing/callers.ts';
import { LocalIam } from '../../../../src/iam/principals.ts';
import type { IamPrincipal } from '../../../../src/iam/sigv4.ts';

const prelude = readFileSync(new URL('../../../../appsync-prelude.graphql', import.meta.url), 'utf8');

const cognito: AuthProviderConfig = {
  type: 'AMAZON_COGNITO_USER_POOLS',
  userPoolId: 'eu-west-1_Shop123',
  region: REGION,
  issuer: ISSUER,
  jwks: { keys: [] },
};
const apiKey: AuthProviderConfig = { type: 'API_KEY', apiKeys: [] };
const iam: AuthProviderConfig = { type: 'AWS_IAM', region: REGION, principals };
const config = (defaultAuthentication: AuthProviderConfig, ...additionalAuthentications: AuthProviderConfig[]): AuthConfig => ({
  defaultAuthentication,
  additionalAuthentications,
});

const API_KEY = apiKeyCaller;
const IAM = iamCaller();
const user = (groups: string[] | null) => userPoolCaller(groups, ISSUER);

const small = buildSchema(`${prelude}
  type Query {
    open: String
    publicRead: Post @aws_api_key
    shared: String @aws_api_key @aws_cognito_user_pools
    admins: String @aws_cognito_user_pools(cognito_groups: ["admin"])
    legacy: String @aws_auth(cognito_groups: ["ops"])
    service: String @aws_iam
    viaOidc: String @aws_oidc
    post: Post
  }
  type Post @aws_api_key @aws_iam {
    id: ID!
    secret: String @aws_cognito_user_pools(cognito_groups: ["editor", "admin"])
  }
`);

function allows(schema: ReturnType<typeof buildSchema>, auth: AuthConfig) {
  const authorize = createFieldAuthorizer(schema, auth);
  return (typeName: string, fieldName: string, request: AuthenticatedRequest): boolean =>
    authorize(schema.getType(typeName) as GraphQLObjectType, fieldName, request);
}

describe('field authorization from AppSync auth directives', () => {
  const can = allows(small, config(cognito, apiKey, iam));

  it('admits only the default mode to a field and type without directives', () => {
    expect(can('Query', 'open', user(null))).toBe(true);
    expect(can('Query', 'open', API_KEY)).toBe(false);
    expect(can('Query', 'open', IAM)).toBe(false);
  });

  it('excludes the default mode from a field that lists only other modes', () => {
    expect(can('Query', 'publicRead', API_KEY)).toBe(true);
    expect(can('Query', 'publicRead', user(['admin']))).toBe(false);
    expect(can('Query', 'service', IAM)).toBe(true);
    expect(can('Query', 'service', user(null))).toBe(false);
  });

  it('admits every mode a field lists', () => {
    expect(can('Query', 'shared', API_KEY)).toBe(true);
    expect(can('Query', 'shared', user(null))).toBe(true);
    expect(can('Query', 'shared', IAM)).toBe(false);
  });

  it('requires membership of at least one listed cognito group', () => {
    expect(can('Query', 'admins', user(['customer', 'admin']))).toBe(true);
    expect(can('Query', 'admins', user(['customer']))).toBe(false);
    expect(can('Query', 'admins', user(null))).toBe(false);
    expect(can('Query', 'admins', API_KEY)).toBe(false);
  });

  it('treats the legacy @aws_auth as Cognito-only with groups', () => {
    expect(can('Query', 'legacy', user(['ops']))).toBe(true);
    expect(can('Query', 'legacy', user(['admin']))).toBe(false);
    expect(can('Query', 'legacy', IAM)).toBe(false);
  });

  it('admits no configured mode through a directive for another mode', () => {
    expect(can('Query', 'viaOidc', user(null))).toBe(false);
    expect(can('Query', 'viaOidc', API_KEY)).toBe(false);
  });

  it('applies type directives to fields without their own, excluding the default mode', () => {
    expect(can('Post', 'id', API_KEY)).toBe(true);
    expect(can('Post', 'id', IAM)).toBe(true);
    expect(can('Post', 'id', user(['admin']))).toBe(false);
  });

  it('lets field directives override the type directives', () => {
    expect(can('Post', 'secret', user(['editor']))).toBe(true);
    expect(can('Post', 'secret', user(['customer']))).toBe(false);
    expect(can('Post', 'secret', API_KEY)).toBe(false);
    expect(can('Post', 'secret', IAM)).toBe(false);
  });

  it('leaves __typename open to every mode', () => {
    expect(can('Post', '__typename', user(null))).toBe(true);
    expect(can('Query', '__typename', API_KEY)).toBe(true);
  });

  it('follows the configured default mode', () => {
    const canIam = allows(small, config(iam, cognito));
    expect(canIam('Query', 'open', IAM)).toBe(true);
    expect(canIam('Query', 'open', user(null))).toBe(false);
  });
});

describe("field authorization of IAM callers by their policy (appsync:GraphQL on the field's ARN)", () => {
  const iamWithPolicy = new LocalIam();
  const api = 'arn:aws:appsync:eu-west-1:123456789012:apis/api123';
  const caller = iamWithPolicy.createRole('service-only', [
    { action: 'appsync:GraphQL', resource: `${api}/types/Query/fields/service` },
  ]);
  const signedBy = (principal: IamPrincipal): AuthenticatedRequest => ({ ...iamCaller(principal.userArn), principal });
  const can = allows(
    small,
    config(cognito, {
      ...iam,
      policy: { apiId: 'api123', accountId: '123456789012', isAllowed: (p, a, r) => iamWithPolicy.isAllowed(p, a, r) },
    }),
  );

  it('admits a top-level field the policy names, and its sub-fields by their directives alone', () => {
    expect(can('Query', 'service', signedBy(caller))).toBe(true);
    expect(can('Post', 'id', signedBy(caller))).toBe(true);
  });

  it('refuses a top-level field open to IAM that the policy does not name', () => {
    expect(can('Query', 'publicRead', signedBy(caller))).toBe(false);
    expect(can('Query', 'service', signedBy(iamWithPolicy.createRole('nothing')))).toBe(false);
  });

  it('still refuses what the directives close to IAM, whatever the policy', () => {
    const everything = iamWithPolicy.createRole('everything', [{ action: 'appsync:*', resource: '*' }]);
    expect(can('Query', 'open', signedBy(everything))).toBe(false);
    expect(can('Query', 'service', signedBy(everything))).toBe(true);
  });

  it('leaves other modes to their directives', () => {
    expect(can('Query', 'open', user(null))).toBe(true);
  });
});
