// util.matches: java.util.regex.Pattern.matches semantics (the whole value must match).
import { describe, expect, it } from 'vitest';
import { matches } from '../../../../../src/appsync/js/util/javaRegex.ts';

describe('util.matches', () => {
  it('matches the documented example', () => {
    expect(matches('a*b', 'aaaaab')).toBe(true);
  });

  it('requires the whole value to match, not a substring', () => {
    expect(matches('a*b', 'xaaab')).toBe(false);
    expect(matches('a*b', 'aaabx')).toBe(false);
    expect(matches('b|c', 'bc')).toBe(false);
    expect(matches('[0-9]+', '123')).toBe(true);
    expect(matches('^a.*z$', 'abcz')).toBe(true);
  });

  it('does not let . cross a line break, as in Java', () => {
    expect(matches('a.b', 'a\nb')).toBe(false);
    expect(matches('(?s)a.b', 'a\nb')).toBe(true);
  });

  it('stays a full match under (?m)', () => {
    expect(matches('(?m)^a$', 'a\nb')).toBe(false);
    expect(matches('(?i)hello', 'HeLLo')).toBe(true);
  });

  it('translates Java-only syntax: \\Q..\\E, POSIX classes, possessive quantifiers, atomic groups', () => {
    expect(matches('\\Q1+1=2\\E', '1+1=2')).toBe(true);
    expect(matches('\\p{Upper}\\p{Lower}+\\p{Digit}{2}', 'Abc12')).toBe(true);
    expect(matches('[\\p{Alpha}_]+', 'snake_case')).toBe(true);
    expect(matches('\\P{Digit}+', 'abc')).toBe(true);
    expect(matches('a*+b', 'aaab')).toBe(true);
    expect(matches('(?>ab|a)c', 'abc')).toBe(true);
    expect(matches('\\p{L}+', 'Ünïcødé')).toBe(true);
    expect(matches('\\Aabc\\z', 'abc')).toBe(true);
  });

  it('matches a typical email pattern', () => {
    const email = '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}';
    expect(matches(email, 'jane.doe@example.com')).toBe(true);
    expect(matches(email, 'not an email')).toBe(false);
  });

  it('rejects invalid and unsupported patterns and non-string arguments', () => {
    expect(() => matches('(unclosed', 'x')).toThrow(/invalid pattern/);
    expect(() => matches('[a-z&&[^b]]', 'a')).toThrow(/intersection/);
    expect(() => matches('a', 1)).toThrow(TypeError);
  });
});
