// Field authorization from AppSync's auth directives. A field's own auth directives decide who
// may read it; without any, its object type's directives do; without those, only the API's
// default mode may. Listing modes replaces the default, so a type marked only @aws_iam is closed
// to the default mode. cognito_groups lets a Cognito user through when in at least one group.
// A signed (IAM) caller also needs its policy to allow appsync:GraphQL on each top-level field's
// ARN, when the API's IAM mode has a policy to ask.
import { type ConstDirectiveNode, type GraphQLObjectType, type GraphQLSchema, isObjectType, valueFromASTUntyped } from 'graphql';
import type { AuthConfig, AuthenticatedRequest, AuthType, IamProviderConfig } from './types.ts';

export type FieldAuthorizer = (parentType: GraphQLObjectType, fieldName: string, auth: AuthenticatedRequest) => boolean;

const MODE_BIT: Record<AuthType, number> = {
  API_KEY: 1,
  AWS_IAM: 2,
  AMAZON_COGNITO_USER_POOLS: 4,
  OPENID_CONNECT: 8,
  AWS_LAMBDA: 16,
};

// @aws_auth is the older, Cognito-only form of @aws_cognito_user_pools.
const DIRECTIVE_MODE: Record<string, AuthType> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
};

interface Rule {
  /** Allowed modes as MODE_BIT flags. */
  modes: number;
  /** For Cognito callers: the groups of which one is needed, or null for any user. */
  groups: ReadonlySet<string> | null;
}

function ruleFrom(directives: readonly ConstDirectiveNode[]): Rule | undefined {
  let modes = 0;
  let groups: Set<string> | null = null;
  let anyCognitoUser = false;
  for (const directive of directives) {
    const mode = DIRECTIVE_MODE[directive.name.value];
    if (mode === undefined) continue;
    modes |= MODE_BIT[mode];
    if (mode !== 'AMAZON_COGNITO_USER_POOLS') continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'cognito_groups');
    const listed: unknown = arg ? valueFromASTUntyped(arg.value) : null;
    if (Array.isArray(listed) && listed.length > 0) {
      groups ??= new Set();
      for (const group of listed) if (typeof group === 'string') groups.add(group);
    } else {
      anyCognitoUser = true;
    }
  }
  return modes === 0 ? undefined : { modes, groups: anyCognitoUser ? null : groups };
}

function typeDirectives(type: GraphQLObjectType): ConstDirectiveNode[] {
  return [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []);
}

/** Builds the per-(type, field) rules once; the returned check is a map lookup and a bit test. */
export function createFieldAuthorizer(schema: GraphQLSchema, config: AuthConfig): FieldAuthorizer {
  const defaultRule: Rule = { modes: MODE_BIT[config.defaultAuthentication.type], groups: null };
  const rules = new Map<string, Map<string, Rule>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRule = ruleFrom(typeDirectives(type)) ?? defaultRule;
    const fields = new Map<string, Rule>();
    for (const field of Object.values(type.getFields())) {
      fields.set(field.name, ruleFrom(field.astNode?.directives ?? []) ?? typeRule);
    }
    rules.set(type.name, fields);
  }

  const isPolicyAllowed = iamPolicyCheck(schema, config);
  return (parentType, fieldName, auth) => {
    const rule = rules.get(parentType.name)?.get(fieldName);
    // Introspection (__typename, __schema, __Type fields…) is open to every authenticated caller.
    if (rule === undefined) return fieldName.startsWith('__') || parentType.name.startsWith('__');
    if ((rule.modes & MODE_BIT[auth.authType]) === 0) return false;
    if (auth.authType === 'AWS_IAM') return isPolicyAllowed(parentType, fieldName, auth);
    if (auth.authType !== 'AMAZON_COGNITO_USER_POOLS' || rule.groups === null) return true;
    const userGroups = auth.identity !== null && 'groups' in auth.identity ? auth.identity.groups : null;
    return userGroups !== null && userGroups.some((group) => rule.groups?.has(group) === true);
  };
}

/**
 * AppSync's IAM check: appsync:GraphQL on the field's ARN, for the operation's top-level fields
 * (Query, Mutation, Subscription); the fields below them are left to the directives.
 */
function iamPolicyCheck(schema: GraphQLSchema, config: AuthConfig): FieldAuthorizer {
  const iam = [config.defaultAuthentication, ...config.additionalAuthentications].find(
    (provider): provider is IamProviderConfig => provider.type === 'AWS_IAM',
  );
  const policy = iam?.policy;
  if (!iam || !policy) return () => true;
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t) => t !== null && t !== undefined),
  );
  const apiArn = `arn:aws:appsync:${iam.region}:${policy.accountId}:apis/${policy.apiId}`;
  return (parentType, fieldName, auth) =>
    !roots.has(parentType) ||
    (auth.principal !== undefined &&
      policy.isAllowed(auth.principal, 'appsync:GraphQL', `${apiArn}/types/${parentType.name}/fields/${fieldName}`));
}
