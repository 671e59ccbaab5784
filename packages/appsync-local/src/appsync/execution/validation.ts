// Validates a document with graphql-js's rules and words each error as AppSync (graphql-java)
// does: "Validation error of type FieldUndefined: Field 'x' in type 'Query' is undefined @ 'x'".
import {
  type ASTNode,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  specifiedRules,
  TypeInfo,
  type ValidationRule,
  validate,
  visit,
  visitWithTypeInfo,
  Kind,
} from 'graphql';
import { requestLevelError, type WireError } from './errors.ts';

/** graphql-java's name for what each graphql-js rule checks. */
const ERROR_TYPES: Record<string, string> = {
  ExecutableDefinitionsRule: 'NonExecutableDefinition',
  UniqueOperationNamesRule: 'DuplicateOperationName',
  LoneAnonymousOperationRule: 'LoneAnonymousOperationViolation',
  SingleFieldSubscriptionsRule: 'SubscriptionMultipleRootFields',
  KnownTypeNamesRule: 'UnknownType',
  FragmentsOnCompositeTypesRule: 'InlineFragmentTypeConditionInvalid',
  VariablesAreInputTypesRule: 'NonInputTypeOnVariable',
  ScalarLeafsRule: 'SubSelectionRequired',
  FieldsOnCorrectTypeRule: 'FieldUndefined',
  UniqueFragmentNamesRule: 'DuplicateFragmentName',
  KnownFragmentNamesRule: 'UndefinedFragment',
  NoUnusedFragmentsRule: 'UnusedFragment',
  PossibleFragmentSpreadsRule: 'InvalidFragmentType',
  NoFragmentCyclesRule: 'FragmentCycle',
  UniqueVariableNamesRule: 'DuplicateVariableName',
  NoUndefinedVariablesRule: 'UndefinedVariable',
  NoUnusedVariablesRule: 'UnusedVariable',
  KnownDirectivesRule: 'UnknownDirective',
  UniqueDirectivesPerLocationRule: 'DuplicateDirectiveName',
  KnownArgumentNamesRule: 'UnknownArgument',
  UniqueArgumentNamesRule: 'DuplicateArgumentNames',
  ValuesOfCorrectTypeRule: 'WrongType',
  ProvidedRequiredArgumentsRule: 'MissingFieldArgument',
  VariablesInAllowedPositionRule: 'VariableTypeMismatch',
  OverlappingFieldsCanBeMergedRule: 'FieldsConflict',
  UniqueInputFieldNamesRule: 'DuplicateInputField',
  // Introspection turned off: its fields are undefined (limits.ts).
  NoIntrospectionRule: 'FieldUndefined',
};

/** graphql-js's rules, then `extraRules` (e.g. introspection turned off), one rule at a time. */
export function validateDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  extraRules: readonly ValidationRule[] = [],
): WireError[] {
  const errors: WireError[] = [];
  for (const rule of [...specifiedRules, ...extraRules]) {
    for (const error of validate(schema, document, [rule as ValidationRule])) {
      errors.push(toValidationError(schema, document, rule.name, error));
    }
    if (errors.length > 0 && rule.name === 'ExecutableDefinitionsRule') break;
  }
  return errors;
}

function toValidationError(schema: GraphQLSchema, document: DocumentNode, ruleName: string, error: GraphQLError): WireError {
  const type = ERROR_TYPES[ruleName] ?? 'InvalidSyntax';
  const node = error.nodes?.[0];
  const path = node ? fieldPathOf(schema, document, node) : '';
  const detail = type === 'FieldUndefined' ? undefinedFieldDetail(error.message) : error.message.replace(/\.$/, '');
  return requestLevelError(`Validation error of type ${type}: ${detail}${path ? ` @ '${path}'` : ''}`, error.locations);
}

function undefinedFieldDetail(message: string): string {
  const match = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(message);
  return match ? `Field '${match[1]}' in type '${match[2]}' is undefined` : message;
}

/** The slash-separated field names from the operation down to `target`, as graphql-java prints them. */
function fieldPathOf(schema: GraphQLSchema, document: DocumentNode, target: ASTNode): string {
  const stack: string[] = [];
  let found = '';
  visit(
    document,
    visitWithTypeInfo(new TypeInfo(schema), {
      Field: {
        enter(node) {
          stack.push(node.name.value);
          if (node === target) found = stack.join('/');
        },
        leave() {
          stack.pop();
        },
      },
      enter(node) {
        if (node === target && node.kind !== Kind.FIELD && !found) found = stack.join('/');
      },
    }),
  );
  return found;
}
