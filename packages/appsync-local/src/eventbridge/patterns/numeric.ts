// The `numeric` operator. EventBridge compares numbers between -5e9 and 5e9 with six decimal
// places; a pattern outside that is refused, an event value outside it never matches.
import { invalidPattern } from '../errors.ts';
import type { NumericBound, ValueMatcher } from './compiled.ts';

export const NUMERIC_LIMIT = 5e9;
const DECIMALS = 6;

export function isComparableNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= NUMERIC_LIMIT && hasAtMostSixDecimals(value);
}

function hasAtMostSixDecimals(value: number): boolean {
  const scaled = value * 10 ** DECIMALS;
  // Tolerates the binary rounding of a decimal like 301.8, not a seventh decimal digit.
  return Math.abs(scaled - Math.round(scaled)) <= Math.max(1e-6, Math.abs(scaled) * 4 * Number.EPSILON);
}

function assertComparable(operator: string, value: unknown): number {
  if (typeof value !== 'number') throw invalidPattern(`Value of ${operator} must be numeric`);
  if (Math.abs(value) > NUMERIC_LIMIT) {
    throw invalidPattern(`Value must be between ${-NUMERIC_LIMIT} and ${NUMERIC_LIMIT}, inclusive`);
  }
  if (!hasAtMostSixDecimals(value)) throw invalidPattern('Only values upto 6 decimals are supported');
  return value;
}

export function compileNumeric(expression: unknown): ValueMatcher {
  if (!Array.isArray(expression)) throw invalidPattern('Value of numeric must be an array.');
  const [first, firstValue, second, secondValue, ...extra] = expression as unknown[];
  if (typeof first !== 'string') throw invalidPattern(`Invalid member in numeric match: ${JSON.stringify(first)}`);
  if (first === '=') {
    const value = assertComparable('equals', firstValue);
    if (expression.length > 2) throw invalidPattern('Too many elements in numeric expression');
    return { type: 'numeric', lower: { value, inclusive: true }, upper: { value, inclusive: true } };
  }
  if (first === '<' || first === '<=') {
    const value = assertComparable(first, firstValue);
    if (expression.length > 2) throw invalidPattern('Too many elements in numeric expression');
    return { type: 'numeric', upper: { value, inclusive: first === '<=' } };
  }
  if (first !== '>' && first !== '>=') throw invalidPattern(`Unrecognized numeric range operator: ${first}`);
  const lower: NumericBound = { value: assertComparable(first, firstValue), inclusive: first === '>=' };
  if (expression.length === 2) return { type: 'numeric', lower };
  if (typeof second !== 'string') throw invalidPattern(`Bad value in numeric range: ${JSON.stringify(second)}`);
  if (second !== '<' && second !== '<=') throw invalidPattern(`Bad numeric range operator: ${second}`);
  const upper: NumericBound = { value: assertComparable(second, secondValue), inclusive: second === '<=' };
  if (extra.length > 0) throw invalidPattern('Too many terms in numeric range expression');
  if (lower.value >= upper.value) throw invalidPattern('Bottom must be less than top');
  return { type: 'numeric', lower, upper };
}
