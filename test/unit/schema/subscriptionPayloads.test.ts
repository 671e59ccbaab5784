// What the store's subscribers can receive. AppSync sends them the publishing mutation's
// selection set and runs no resolver to fill the rest: "the subscription selection set must be a
// subset of the mutation selection set ... if the mutation lacked the author in its selection
// set, the subscriber would get a null value for the author field (or an error in case the author
// field is defined as required/not-null in the schema)"
// (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html).
// So every mutation an EventBridge rule calls to publish selects every field of what it returns,
// and every subscription is published by one of those rules.
import { readFileSync } from 'node:fs';
import {
  getNamedType,
  type GraphQLObjectType,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from 'appsync-local/appsync/execution/schema.ts';
import { SCHEMA_FILE } from '../../../system/artifacts.ts';
import { EVENT_RULES } from '../../../system/events.ts';

const schema = buildAppSyncSchema(readFileSync(SCHEMA_FILE, 'utf8'));
const mutationType = schema.getMutationType()!;

/** The rules' AppSync targets' documents, by the mutation field each calls. */
const published = new Map<string, SelectionSetNode[]>();
for (const rule of EVENT_RULES) {
  for (const target of rule.targets) {
    if (target.type !== 'APPSYNC') continue;
    for (const definition of parse(target.document).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const selection of definition.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const selections = published.get(selection.name.value) ?? [];
        if (selection.selectionSet) selections.push(selection.selectionSet);
        published.set(selection.name.value, selections);
      }
    }
  }
}

/** The fields of `type` the selection set leaves out, as paths (fragments are not used by the rules). */
function unselected(type: GraphQLObjectType, selectionSet: SelectionSetNode, prefix = ''): string[] {
  const selected = new Map(
    selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD && !s.alias ? [[s.name.value, s] as const] : [])),
  );
  return Object.values(type.getFields()).flatMap((field) => {
    const node = selected.get(field.name);
    if (!node) return [`${prefix}${field.name}`];
    const named = getNamedType(field.type);
    return isObjectType(named) && node.selectionSet ? unselected(named, node.selectionSet, `${prefix}${field.name}.`) : [];
  });
}

const subscriptions = Object.values(schema.getSubscriptionType()!.getFields()).map((field) => {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
  const argument = directive?.arguments?.find((a) => a.name.value === 'mutations');
  return { field, mutations: (argument ? valueFromASTUntyped(argument.value) : []) as string[] };
});

describe('the mutations the rules publish with select what subscribers can ask for', () => {
  it.each(subscriptions.map(({ field, mutations }) => [field.name, mutations] as const))(
    '%s is published by a rule, whose mutation selects every field',
    (_name, mutations) => {
      expect(mutations.length).toBeGreaterThan(0);
      for (const mutation of mutations) {
        const selections = published.get(mutation);
        expect(selections, `no rule calls ${mutation}`).toBeDefined();
        const type = getNamedType(mutationType.getFields()[mutation]!.type) as GraphQLObjectType;
        for (const selectionSet of selections!) expect(unselected(type, selectionSet)).toEqual([]);
      }
    },
  );
});
