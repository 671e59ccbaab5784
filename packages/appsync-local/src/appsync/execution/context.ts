// The `ctx` object handed to resolver code, built the way AppSync builds it.
import { type GraphQLResolveInfo, Kind, print, type SelectionSetNode } from 'graphql';
import type { AuthenticatedRequest } from '../auth/index.ts';
import { FieldError } from './errors.ts';

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
    selectionSetList: readonly string[];
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
      // Shared by every ctx of the field node (frozen): handlers get a copy in their realm
      // (contextView.ts), and the Lambda data source's event crosses JSON.
      selectionSetList: field.selectionSet ? listSelections(field.selectionSet, info) : NO_SELECTIONS,
      selectionSetGraphQL: field.selectionSet ? printSelections(field.selectionSet) : '',
    },
    request: { headers: scope.headers, domainName: scope.domainName },
    env: scope.env,
  };
}

/**
 * The most entries `ctx.info.selectionSetList` may hold. AppSync documents no such limit; it
 * bounds a request by other means (an API's query depth limit, 1–75, and resolver count limit,
 * up to 10,000). Named fragments let a small document describe a selection that is exponential
 * in the document's size (each fragment selecting the next one under two aliases), and the list is
 * built on the one event loop every local service shares, so it is bounded here: a field whose
 * expanded selection set passes the limit fails with `SelectionSetLimitExceeded` instead.
 */
export const SELECTION_SET_LIST_LIMIT = 5000;

/**
 * The expanded, deduplicated names below each selection set, relative to it. A selection set node
 * belongs to one parsed document, whose fragments resolve by name within that document, so the
 * list is the same on every use: a fragment spread many times (or by many requests of a cached
 * document) is expanded once, which keeps the work linear in the document's size.
 */
const expandedSelections = new WeakMap<SelectionSetNode, readonly string[]>();

const NO_SELECTIONS: readonly string[] = Object.freeze([]);

/**
 * Each selection set's text, printed once: a document is parsed once and cached
 * (documentCache.ts), so a field's node, and its text, is the same on every request that sends it.
 */
const printedSelections = new WeakMap<SelectionSetNode, string>();

function printSelections(selectionSet: SelectionSetNode): string {
  let printed = printedSelections.get(selectionSet);
  if (printed === undefined) {
    printed = print(selectionSet);
    printedSelections.set(selectionSet, printed);
  }
  return printed;
}

/**
 * The selection set as a flat list of response names, nested ones as `parent/child`, with
 * named fragments expanded and `__typename` left out.
 */
function listSelections(selectionSet: SelectionSetNode, info: GraphQLResolveInfo): readonly string[] {
  const known = expandedSelections.get(selectionSet);
  if (known) return known;
  const names = new Set<string>();
  const add = (name: string): void => {
    names.add(name);
    if (names.size > SELECTION_SET_LIST_LIMIT) throw selectionSetLimitError(info);
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__typename') continue;
      const name = (selection.alias ?? selection.name).value;
      add(name);
      if (selection.selectionSet) for (const child of listSelections(selection.selectionSet, info)) add(`${name}/${child}`);
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      if (fragment) for (const name of listSelections(fragment.selectionSet, info)) add(name);
    }
  }
  const list = Object.freeze([...names]);
  expandedSelections.set(selectionSet, list);
  return list;
}

function selectionSetLimitError(info: GraphQLResolveInfo): FieldError {
  return new FieldError(
    `The selection set of ${info.parentType.name}.${info.fieldName} expands to more than ${SELECTION_SET_LIST_LIMIT} fields (named fragments included); select fewer fields.`,
    'SelectionSetLimitExceeded',
  );
}
