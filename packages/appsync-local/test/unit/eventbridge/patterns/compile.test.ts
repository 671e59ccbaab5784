// The patterns EventBridge refuses when a rule is created (PutRule's InvalidEventPatternException),
// with event-ruler's reasons.
import { describe, expect, it } from 'vitest';
import { EventBridgeError } from '../../../../src/eventbridge/errors.ts';
import { compilePattern } from '../../../../src/eventbridge/patterns/compile.ts';

function reasonFor(pattern: unknown): string {
  try {
    compilePattern(pattern);
  } catch (error) {
    expect(error).toBeInstanceOf(EventBridgeError);
    expect((error as EventBridgeError).code).toBe('InvalidEventPatternException');
    return (error as EventBridgeError).message.replace('Event pattern is not valid. Reason: ', '');
  }
  throw new Error('the pattern was accepted');
}

describe('compilePattern', () => {
  it('accepts every documented operator', () => {
    expect(() =>
      compilePattern({
        source: ['a', 1, true, null, ''],
        detail: {
          a: [
            { prefix: 'x' },
            { prefix: { 'equals-ignore-case': 'x' } },
            { suffix: 'x' },
            { suffix: { 'equals-ignore-case': 'x' } },
          ],
          b: [
            { 'equals-ignore-case': 'x' },
            { wildcard: 'x*y' },
            { numeric: ['>=', 0, '<', 1] },
            { exists: false },
            { cidr: '::1/128' },
          ],
          c: [
            { 'anything-but': 'x' },
            { 'anything-but': [1, 2] },
            { 'anything-but': { prefix: 'x' } },
            { 'anything-but': { suffix: ['x', 'y'] } },
          ],
          d: [{ 'anything-but': { 'equals-ignore-case': ['x'] } }, { 'anything-but': { wildcard: '*x' } }],
          $or: [{ e: ['1'] }, { f: ['2'] }],
        },
      }),
    ).not.toThrow();
  });

  it.each([
    ['an unknown operator', { source: [{ contains: 'x' }] }, 'Unrecognized match type contains'],
    ['a pattern that is not an object', ['x'], 'Filter is not an object'],
    ['a field that is a plain value', { source: 'aws.ec2' }, '"source" must be an object or an array'],
    ['an empty list', { source: [] }, 'Empty arrays are not allowed'],
    ['an empty object', { detail: {} }, 'Empty objects are not allowed'],
    ['a list inside a list', { source: [['x']] }, 'Match value must be String, number, true, false, or null'],
    ['two operators in one object', { source: [{ prefix: 'a', suffix: 'b' }] }, 'Only one key allowed in match expression'],
    ['a prefix that is not a string', { source: [{ prefix: 1 }] }, 'prefix match pattern must be a string'],
    [
      'prefix with another option than equals-ignore-case',
      { source: [{ prefix: { wildcard: 'x' } }] },
      'Unsupported prefix pattern: wildcard',
    ],
    ['consecutive wildcards', { source: [{ wildcard: 'a**b' }] }, 'Consecutive wildcard characters at pos 1'],
    ['an escape other than \\* or \\\\', { source: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 1'],
    ['exists that is not a boolean', { source: [{ exists: 'yes' }] }, 'exists match pattern must be either true or false.'],
    [
      'anything-but with mixed types',
      { source: [{ 'anything-but': ['a', 1] }] },
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [
      'anything-but with null',
      { source: [{ 'anything-but': [null] }] },
      'Inside anything but list, start|null|boolean is not supported.',
    ],
    [
      'anything-but with an unknown option',
      { source: [{ 'anything-but': { numeric: ['>', 1] } }] },
      'Unsupported anything-but pattern: numeric',
    ],
    ['anything-but with an empty prefix', { source: [{ 'anything-but': { prefix: '' } }] }, 'Null prefix/suffix not allowed'],
    ['numeric that is not a list', { n: [{ numeric: '>5' }] }, 'Value of numeric must be an array.'],
    ['an unknown numeric operator', { n: [{ numeric: ['!=', 5] }] }, 'Unrecognized numeric range operator: !='],
    ['a numeric bound that is not a number', { n: [{ numeric: ['>', '5'] }] }, 'Value of > must be numeric'],
    ['a range whose bottom is not below its top', { n: [{ numeric: ['>', 5, '<', 5] }] }, 'Bottom must be less than top'],
    ['a range whose upper operator is not < or <=', { n: [{ numeric: ['>', 0, '>', 5] }] }, 'Bad numeric range operator: >'],
    ['a number beyond 5e9', { n: [{ numeric: ['<', 5e9 + 1] }] }, 'Value must be between -5000000000 and 5000000000, inclusive'],
    ['a number with seven decimals', { n: [{ numeric: ['=', 0.1234567] }] }, 'Only values upto 6 decimals are supported'],
    ['a CIDR without mask', { ip: [{ cidr: '10.0.0.1' }] }, "Malformed CIDR, one '/' required: 10.0.0.1"],
    [
      'a CIDR with too many mask bits',
      { ip: [{ cidr: '10.0.0.0/33' }] },
      'Malformed CIDR, mask bits must be between 0 and 32: 10.0.0.0/33',
    ],
    ['$or with one alternative', { $or: [{ a: ['1'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    ['$or that is not a list', { $or: { a: ['1'] } }, 'It must be an Array followed with $or.'],
    [
      'an operator name as a field inside $or',
      { $or: [{ numeric: ['1'] }, { b: ['2'] }] },
      'numeric is Ruler reserved fieldName which cannot be used inside $or.',
    ],
  ])('refuses %s', (_what, pattern, reason) => {
    expect(reasonFor(pattern)).toBe(reason);
  });

  it('refuses a pattern longer than 4096 characters', () => {
    expect(reasonFor({ source: ['x'.repeat(4100)] })).toMatch(/maximum is 4096/);
  });
});
