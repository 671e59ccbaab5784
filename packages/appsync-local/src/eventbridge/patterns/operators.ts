// Turns one entry of a pattern's value list into a matcher, refusing what EventBridge refuses
// when a rule is created (messages follow aws/event-ruler, which EventBridge runs).
import { invalidPattern } from '../errors.ts';
import { parseCidr, parseIp } from './cidr.ts';
import type { ScalarValue, StringTest, ValueMatcher } from './compiled.ts';
import { compileNumeric } from './numeric.ts';
import { compileWildcard } from './wildcard.ts';

const STRING_ANYTHING_BUT = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'] as const;
type StringAnythingBut = (typeof STRING_ANYTHING_BUT)[number];

export function compileValue(value: unknown): ValueMatcher {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return { type: 'exact', value };
  if (typeof value === 'string') {
    const ip = parseIp(value);
    return ip ? { type: 'exact', value, ip } : { type: 'exact', value };
  }
  if (Array.isArray(value)) throw invalidPattern('Match value must be String, number, true, false, or null');
  return compileExpression(value as Record<string, unknown>);
}

function compileExpression(expression: Record<string, unknown>): ValueMatcher {
  const keys = Object.keys(expression);
  if (keys.length === 0) throw invalidPattern('Match expression name not found');
  if (keys.length > 1) throw invalidPattern('Only one key allowed in match expression');
  const operator = keys[0] ?? '';
  const argument = expression[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return { type: 'string', test: compileAffix(operator, argument) };
    case 'equals-ignore-case':
      return { type: 'string', test: { kind: 'equals-ignore-case', value: assertString(argument, operator) } };
    case 'wildcard':
      return { type: 'string', test: { kind: 'wildcard', regex: compileWildcard(assertString(argument, operator)) } };
    case 'anything-but':
      return compileAnythingBut(argument);
    case 'numeric':
      return compileNumeric(argument);
    case 'cidr':
      return { type: 'cidr', range: parseCidr(assertString(argument, operator)) };
    case 'exists':
      if (typeof argument !== 'boolean') throw invalidPattern('exists match pattern must be either true or false.');
      return { type: 'exists', present: argument };
    default:
      throw invalidPattern(`Unrecognized match type ${operator}`);
  }
}

function assertString(argument: unknown, operator: string): string {
  if (typeof argument !== 'string') throw invalidPattern(`${operator} match pattern must be a string`);
  return argument;
}

/** `{ "prefix": "x" }` or `{ "prefix": { "equals-ignore-case": "x" } }`, and the same for suffix. */
function compileAffix(kind: 'prefix' | 'suffix', argument: unknown): StringTest {
  if (typeof argument === 'string') return { kind, value: argument, ignoreCase: false };
  if (argument === null || typeof argument !== 'object' || Array.isArray(argument)) {
    throw invalidPattern(`${kind} match pattern must be a string`);
  }
  const entries = Object.entries(argument);
  const [name, value] = entries[0] ?? [];
  if (entries.length !== 1 || name !== 'equals-ignore-case') {
    throw invalidPattern(`Unsupported ${kind} pattern: ${name ?? ''}`);
  }
  return { kind, value: assertString(value, 'equals-ignore-case'), ignoreCase: true };
}

function compileAnythingBut(argument: unknown): ValueMatcher {
  if (argument !== null && typeof argument === 'object' && !Array.isArray(argument)) {
    const entries = Object.entries(argument);
    const [name, value] = entries[0] ?? [];
    if (entries.length !== 1) throw invalidPattern('Only one key allowed in match expression');
    if (!STRING_ANYTHING_BUT.includes(name as StringAnythingBut)) {
      throw invalidPattern(`Unsupported anything-but pattern: ${name ?? ''}`);
    }
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    return { type: 'anything-but-string', tests: list.map((item) => stringTest(name as StringAnythingBut, item)) };
  }
  if (typeof argument === 'string' || typeof argument === 'number') return { type: 'anything-but', values: [argument] };
  if (!Array.isArray(argument)) {
    throw invalidPattern('Value of anything-but must be an array or single string/number value.');
  }
  const values = argument as unknown[];
  if (!values.every((item) => typeof item === 'string' || typeof item === 'number')) {
    throw invalidPattern('Inside anything but list, start|null|boolean is not supported.');
  }
  const strings = values.filter((item) => typeof item === 'string').length;
  if (strings === 0 ? values.length === 0 : strings !== values.length) {
    throw invalidPattern('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return { type: 'anything-but', values: values as ScalarValue[] };
}

function stringTest(kind: StringAnythingBut, value: unknown): StringTest {
  if (typeof value !== 'string') {
    if (kind === 'equals-ignore-case') {
      throw invalidPattern('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
    }
    throw invalidPattern(
      kind === 'wildcard' ? 'wildcard match pattern must be a string' : 'prefix/suffix match pattern must be a string',
    );
  }
  switch (kind) {
    case 'prefix':
    case 'suffix':
      if (value === '') throw invalidPattern('Null prefix/suffix not allowed');
      return { kind, value, ignoreCase: false };
    case 'equals-ignore-case':
      return { kind, value };
    case 'wildcard':
      return { kind, regex: compileWildcard(value) };
  }
}
