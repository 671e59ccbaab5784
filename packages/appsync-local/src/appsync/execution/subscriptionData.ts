// What a subscriber receives, as AppSync builds it
// (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html):
// "Subscriptions are triggered from mutations and the mutation selection set is sent to
// subscribers", and each subscriber gets its own selection set of it: "if the mutation lacked the
// author in its selection set, the subscriber would get a null value for the author field (or an
// error in case the author field is defined as required/not-null in the schema)".
//
// So delivery runs no resolver: the published value (the mutation's result, under the mutation's
// response keys) is read field by field along the subscriber's selection set. The subscriber's
// field-level authorization ("at connection time", the same page says) is checked for its whole
// selection when it subscribes, and again for each field at delivery.
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type NamedTypeNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
} from 'graphql';
import { graphqlJavaPath, unauthorizedFieldError, type WireError } from './errors.ts';

/** A subscription's operation with what reading its selection set needs, prepared once at subscribe time. */
export interface SubscriptionSelection {
  readonly schema: GraphQLSchema;
  readonly operation: OperationDefinitionNode;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** Coerced: @skip and @include read them. */
  readonly variables: Readonly<Record<string, unknown>>;
}

/**
 * An error of a data message. A null where the schema wants a value is reported as AppSync
 * reports it to subscribers, with a message and a path only (as the data messages quoted in
 * https://github.com/aws-amplify/amplify-category-api/issues/1338 and
 * https://github.com/aws-amplify/amplify-cli/issues/5542 show it); an unauthorized field as a
 * query reports it.
 */
export type SubscriptionDataError = WireError | { readonly message: string; readonly path: (string | number)[] };

export interface SubscriptionData {
  readonly data: Record<string, unknown> | null;
  readonly errors: SubscriptionDataError[];
}

/** May the subscriber read this field? (the schema's auth directives for its auth mode). */
export type SelectionAuthorizer = (parentType: GraphQLObjectType, fieldName: string) => boolean;

/** The selection to read, or undefined when the variables do not coerce (execution reports that). */
export function subscriptionSelection(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): SubscriptionSelection | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return { schema, operation, fragments, variables: coerced.coerced };
}

/**
 * The fields below the subscription's root field that the subscriber may not read, as errors
 * (every possible type of an abstract field counts). Empty when the root field itself is not
 * allowed: execution refuses that one, as for any request.
 */
export function unauthorizedBelowRoot(selection: SubscriptionSelection, isAllowed: SelectionAuthorizer): WireError[] {
  const root = selection.schema.getSubscriptionType();
  if (!root) return [];
  const errors = new Map<string, WireError>();
  const walk = (type: GraphQLOutputType, nodes: readonly FieldNode[], path: (string | number)[]): void => {
    const named = getNamedType(type);
    if (isLeafType(named)) return;
    const possible = isAbstractType(named) ? selection.schema.getPossibleTypes(named) : [named];
    for (const objectType of possible) {
      for (const [key, fieldNodes] of collectSubfields(selection, objectType, nodes)) {
        const name = fieldNodes[0]!.name.value;
        const field = objectType.getFields()[name];
        if (name.startsWith('__') || !field) continue;
        const fieldPath = [...path, key];
        if (isAllowed(objectType, name)) walk(field.type, fieldNodes, fieldPath);
        else
          errors.set(
            `${graphqlJavaPath(fieldPath)} ${objectType.name}`,
            unauthorizedError(objectType.name, name, fieldNodes, fieldPath),
          );
      }
    }
  };
  for (const [key, nodes] of collectFields(selection, root, selection.operation.selectionSet)) {
    const field = root.getFields()[nodes[0]!.name.value];
    if (field && isAllowed(root, field.name)) walk(field.type, nodes, [key]);
  }
  return [...errors.values()];
}

/** Marks a value that is null because a non-null field below it was null (its error already reported). */
const NULLED = Symbol('nulled');
type Completed = unknown;

/** The subscriber's data for one published value: its selection set read from the value, no resolver run. */
export function subscriptionData(
  selection: SubscriptionSelection,
  published: unknown,
  isAllowed: SelectionAuthorizer,
): SubscriptionData {
  const errors: SubscriptionDataError[] = [];
  const { schema } = selection;

  const complete = (
    type: GraphQLOutputType,
    value: unknown,
    nodes: readonly FieldNode[],
    path: (string | number)[],
    parentName: string,
  ): Completed => {
    if (isNonNullType(type)) {
      const inner = completeNullable(type.ofType, value, nodes, path, parentName);
      if (inner === null) {
        errors.push({
          message: `Cannot return null for non-nullable type: '${getNamedType(type).name}' within parent '${parentName}' (${graphqlJavaPath(path)})`,
          path,
        });
        return NULLED;
      }
      return inner;
    }
    const completed = completeNullable(type, value, nodes, path, parentName);
    return completed === NULLED ? null : completed;
  };

  const completeNullable = (
    type: GraphQLOutputType,
    value: unknown,
    nodes: readonly FieldNode[],
    path: (string | number)[],
    parentName: string,
  ): Completed => {
    if (value === null || value === undefined) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) return fail(`Expected a list for '${getNamedType(type).name}'`, path);
      const items = value.map((item, index) => complete(type.ofType, item, nodes, [...path, index], parentName));
      return items.includes(NULLED) ? NULLED : items;
    }
    const named = getNamedType(type);
    // Leaf values were serialized by the mutation, for the same type.
    if (isLeafType(named)) return value;
    if (!isPlainObject(value)) return fail(`Expected an object for '${named.name}'`, path);
    let objectType: GraphQLObjectType | undefined = isObjectType(named) ? named : undefined;
    if (isAbstractType(named)) {
      const runtime = typeof value.__typename === 'string' ? schema.getType(value.__typename) : undefined;
      if (isObjectType(runtime) && schema.isSubType(named, runtime)) objectType = runtime;
    }
    if (!objectType) {
      return fail(
        `Cannot tell which type of '${named.name}' the value is: the mutation's selection set must select __typename`,
        path,
      );
    }
    return completeObject(objectType, value, nodes, path);
  };

  const completeObject = (
    objectType: GraphQLObjectType,
    value: Record<string, unknown>,
    nodes: readonly FieldNode[],
    path: (string | number)[],
  ): Completed => {
    const result: Record<string, unknown> = {};
    let nulled = false;
    for (const [key, fieldNodes] of collectSubfields(selection, objectType, nodes)) {
      const name = fieldNodes[0]!.name.value;
      if (name === '__typename') {
        result[key] = objectType.name;
        continue;
      }
      const field = objectType.getFields()[name];
      if (!field) continue;
      const fieldPath = [...path, key];
      let completed: Completed;
      if (isAllowed(objectType, name)) {
        // The published value holds the mutation's response keys: a field the mutation aliased is not there.
        const fieldValue = Object.hasOwn(value, name) ? value[name] : null;
        completed = complete(field.type, fieldValue, fieldNodes, fieldPath, objectType.name);
      } else {
        errors.push(unauthorizedError(objectType.name, name, fieldNodes, fieldPath));
        completed = isNonNullType(field.type) ? NULLED : null;
      }
      if (completed === NULLED) nulled = true;
      else result[key] = completed;
    }
    return nulled ? NULLED : result;
  };

  const fail = (message: string, path: (string | number)[]): Completed => {
    errors.push({ message: `${message} (${graphqlJavaPath(path)})`, path });
    return NULLED;
  };

  const root = schema.getSubscriptionType();
  if (!root) return { data: null, errors };
  const data: Record<string, unknown> = {};
  for (const [key, nodes] of collectFields(selection, root, selection.operation.selectionSet)) {
    const name = nodes[0]!.name.value;
    const field = root.getFields()[name];
    if (!field) continue;
    let completed: Completed;
    if (isAllowed(root, name)) completed = complete(field.type, published, nodes, [key], root.name);
    else {
      errors.push(unauthorizedError(root.name, name, nodes, [key]));
      completed = isNonNullType(field.type) ? NULLED : null;
    }
    if (completed === NULLED) return { data: null, errors };
    data[key] = completed;
  }
  return { data, errors };
}

/** The fields selected on `objectType` by the selection sets of `nodes`, by response key (as GraphQL's CollectFields). */
function collectSubfields(
  selection: SubscriptionSelection,
  objectType: GraphQLObjectType,
  nodes: readonly FieldNode[],
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const node of nodes) {
    if (node.selectionSet) collectFields(selection, objectType, node.selectionSet, fields, visited);
  }
  return fields;
}

function collectFields(
  selection: SubscriptionSelection,
  objectType: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fields = new Map<string, FieldNode[]>(),
  visited = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const node of selectionSet.selections) {
    if (!isIncluded(selection, node)) continue;
    switch (node.kind) {
      case Kind.FIELD: {
        const key = node.alias?.value ?? node.name.value;
        const list = fields.get(key);
        if (list) list.push(node);
        else fields.set(key, [node]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (appliesTo(selection, node.typeCondition, objectType)) {
          collectFields(selection, objectType, node.selectionSet, fields, visited);
        }
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = node.name.value;
        const fragment = selection.fragments[name];
        if (visited.has(name) || !fragment) break;
        visited.add(name);
        if (appliesTo(selection, fragment.typeCondition, objectType)) {
          collectFields(selection, objectType, fragment.selectionSet, fields, visited);
        }
        break;
      }
    }
  }
  return fields;
}

function isIncluded(selection: SubscriptionSelection, node: SelectionSetNode['selections'][number]): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, selection.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, selection.variables);
  return include?.if !== false;
}

function appliesTo(
  selection: SubscriptionSelection,
  condition: NamedTypeNode | undefined,
  objectType: GraphQLObjectType,
): boolean {
  if (!condition) return true;
  const type = typeFromAST(selection.schema, condition);
  if (type === objectType) return true;
  return isAbstractType(type) && selection.schema.isSubType(type, objectType);
}

function unauthorizedError(
  typeName: string,
  fieldName: string,
  nodes: readonly FieldNode[],
  path: (string | number)[],
): WireError {
  const error = unauthorizedFieldError(typeName, fieldName);
  const token = nodes[0]?.loc?.startToken;
  return {
    path,
    data: null,
    errorType: error.errorType,
    errorInfo: null,
    locations: token ? [{ line: token.line, column: token.column, sourceName: null }] : null,
    message: error.message,
  };
}

/** A path as graphql-java writes it in messages: `/onX/items[3]/name`. */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
