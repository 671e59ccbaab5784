// The `ctx` object handed to resolver code, built the way AppSync builds it.
import { type FieldNode, type GraphQLResolveInfo, Kind, print, type SelectionSetNode } from 'graphql';
import type { AuthenticatedRequest } from '../auth/index.ts';

export interface RequestScope {
  readonly auth: AuthenticatedRequest;
  /** Request headers, lower-cased names. */
  readonly headers: Record<string, string>;
  readonly domainName: string | null;
  readonly env: Readonly<Record<string, string>>;
  readonly variables: Record<string, unknown>;
}

export interface ResolverContext {
  arguments: Record<string, unknown>;
  args: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  stash: Record<string, unknown>;
  prev: { result?: unknown };
  info: {
    fieldName: string;
    parentTypeName: string;
    variables: Record<string, unknown>;
    selectionSetList: string[];
    selectionSetGraphQL: string;
  };
  request: { headers: Record<string, string>; domainName: string | null };
  env: Readonly<Record<string, string>>;
  result?: unknown;
  error?: { message: string; type: string };
}

export function buildContext(
  source: unknown,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  scope: RequestScope,
): ResolverContext {
  const field = info.fieldNodes[0]!;
  return {
    arguments: args,
    args,
    identity: scope.auth.identity,
    source: source ?? null,
    stash: {},
    prev: {},
    info: {
      fieldName: info.fieldName,
      parentTypeName: info.parentType.name,
      variables: scope.variables,
      selectionSetList: field.selectionSet ? listSelections(field.selectionSet, info, '') : [],
      selectionSetGraphQL: field.selectionSet ? print(field.selectionSet) : '',
    },
    request: { headers: scope.headers, domainName: scope.domainName },
    env: scope.env,
  };
}

/**
 * The selection set as a flat list of response names, nested ones as `parent/child`, with
 * named fragments expanded and `__typename` left out.
 */
function listSelections(selectionSet: SelectionSetNode, info: GraphQLResolveInfo, prefix: string): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      names.push(...listField(selection, info, prefix));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      names.push(...listSelections(selection.selectionSet, info, prefix));
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) names.push(...listSelections(fragment.selectionSet, info, prefix));
    }
  }
  return [...new Set(names)];
}

function listField(field: FieldNode, info: GraphQLResolveInfo, prefix: string): string[] {
  if (field.name.value === '__typename') return [];
  const name = `${prefix}${(field.alias ?? field.name).value}`;
  return field.selectionSet ? [name, ...listSelections(field.selectionSet, info, `${name}/`)] : [name];
}
