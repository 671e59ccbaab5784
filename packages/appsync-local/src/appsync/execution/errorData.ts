// `util.error` and `util.appendError` take a `data` object that AppSync "will filter based on the
// query selection set" (the APPSYNC_JS util reference,
// https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html): the client sees
// only what it selected of the field, under its aliases, as it would see the field's value.
// Without this a resolver could leak, through an error, fields the caller never asked for.
import {
  type FieldNode,
  getNullableType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** `data` as the field's selection set sees it; a leaf field's data, or data of another shape, passes as it is. */
export function filterErrorData(data: unknown, info: GraphQLResolveInfo): unknown {
  if (data === null || data === undefined) return null;
  return project(data, info.returnType, info.fieldNodes, info);
}

function project(value: unknown, type: GraphQLOutputType, nodes: readonly FieldNode[], info: GraphQLResolveInfo): unknown {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return Array.isArray(value) ? value.map((item) => project(item, nullable.ofType, nodes, info)) : value;
  }
  if (isLeafType(nullable) || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const typename = typeof record.__typename === 'string' ? record.__typename : undefined;
  const concrete = isObjectType(nullable)
    ? nullable
    : isAbstractType(nullable) && typename
      ? info.schema.getType(typename)
      : undefined;
  const out: Record<string, unknown> = {};
  for (const node of nodes) {
    if (node.selectionSet) collect(record, node.selectionSet, nullable.name, concrete, out, info);
  }
  return out;
}

function collect(
  record: Record<string, unknown>,
  selectionSet: SelectionSetNode,
  declared: string,
  concrete: ReturnType<GraphQLResolveInfo['schema']['getType']> | undefined,
  out: Record<string, unknown>,
  info: GraphQLResolveInfo,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const key = (selection.alias ?? selection.name).value;
      if (name === '__typename') {
        out[key] = concrete?.name ?? record.__typename ?? null;
        continue;
      }
      // Without a concrete type (an interface value with no __typename), the interface's own fields.
      const owner = concrete ?? info.schema.getType(declared);
      const field = owner && (isObjectType(owner) || isInterfaceType(owner)) ? owner.getFields()[name] : undefined;
      const child = record[name];
      out[key] = field ? mergeInto(out[key], project(child, field.type, [selection], info)) : (child ?? null);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    if (!condition || condition === declared || condition === concrete?.name || implementsType(concrete, condition, info)) {
      collect(record, fragment.selectionSet, declared, concrete, out, info);
    }
  }
}

/** A field selected twice (`a { x } a { y }`) merges its two selections, as GraphQL's execution does. */
function mergeInto(existing: unknown, next: unknown): unknown {
  if (isPlainObject(existing) && isPlainObject(next)) return { ...existing, ...next };
  return next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function implementsType(
  concrete: ReturnType<GraphQLResolveInfo['schema']['getType']> | undefined,
  condition: string,
  info: GraphQLResolveInfo,
): boolean {
  const abstract = info.schema.getType(condition);
  return (
    concrete !== undefined && isObjectType(concrete) && isAbstractType(abstract) && info.schema.isSubType(abstract, concrete)
  );
}
