// Whether one scalar value of an event satisfies one matcher of a pattern.
import { isInRange, parseIp } from './cidr.ts';
import type { StringTest, ValueMatcher } from './compiled.ts';
import { isComparableNumber } from './numeric.ts';

export function matchesValue(matcher: ValueMatcher, value: unknown): boolean {
  switch (matcher.type) {
    case 'exact':
      return matchesExact(matcher, value);
    case 'string':
      return typeof value === 'string' && passes(matcher.test, value);
    case 'anything-but':
      return !matcher.values.some((excluded) => excluded === value);
    case 'anything-but-string':
      // Only strings can start, end or look like something; any other value is "anything but".
      return typeof value !== 'string' || !matcher.tests.some((test) => passes(test, value));
    case 'numeric':
      return typeof value === 'number' && isComparableNumber(value) && inBounds(matcher, value);
    case 'cidr': {
      const address = typeof value === 'string' ? parseIp(value) : undefined;
      return address !== undefined && isInRange(address, matcher.range);
    }
    case 'exists':
      return true;
  }
}

function matchesExact(matcher: Extract<ValueMatcher, { type: 'exact' }>, value: unknown): boolean {
  if (matcher.value === value) return true;
  if (!matcher.ip || typeof value !== 'string') return false;
  const address = parseIp(value);
  return address !== undefined && address.version === matcher.ip.version && address.value === matcher.ip.value;
}

function inBounds(matcher: Extract<ValueMatcher, { type: 'numeric' }>, value: number): boolean {
  const { lower, upper } = matcher;
  if (lower && (lower.inclusive ? value < lower.value : value <= lower.value)) return false;
  if (upper && (upper.inclusive ? value > upper.value : value >= upper.value)) return false;
  return true;
}

function passes(test: StringTest, value: string): boolean {
  switch (test.kind) {
    case 'prefix':
      return test.ignoreCase ? foldCase(value).startsWith(foldCase(test.value)) : value.startsWith(test.value);
    case 'suffix':
      return test.ignoreCase ? foldCase(value).endsWith(foldCase(test.value)) : value.endsWith(test.value);
    case 'equals-ignore-case':
      return foldCase(value) === foldCase(test.value);
    case 'wildcard':
      return test.regex.test(value);
  }
}

function foldCase(text: string): string {
  return text.toLowerCase();
}
