// util.matches(pattern, value): java.util.regex.Pattern.matches, i.e. the pattern must match the
// WHOLE value. Java and JavaScript regular expressions share most syntax; the constructs that
// differ and that resolver code plausibly uses are translated here, the rest fail loudly.
import { requireString } from './values.ts';

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaWhitespace: '\\s',
  IsAlphabetic: '\\p{Alphabetic}',
  IsLetter: '\\p{L}',
  IsDigit: '\\p{Nd}',
  IsUppercase: '\\p{Uppercase}',
  IsLowercase: '\\p{Lowercase}',
  IsWhite_Space: '\\p{White_Space}',
  IsPunctuation: '\\p{P}',
};

const HORIZONTAL_SPACE = ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';
const MAX_CACHED = 500;
const compiled = new Map<string, RegExp>();

/** Pattern.matches semantics: true when the whole value matches the Java pattern. */
export function matches(pattern: unknown, value: unknown): boolean {
  const source = requireString(pattern, 'util.matches');
  const text = requireString(value, 'util.matches');
  return compileJavaPattern(source).test(text);
}

/** Compiles a Java pattern into an anchored JavaScript RegExp (cached). */
export function compileJavaPattern(pattern: string): RegExp {
  const cached = compiled.get(pattern);
  if (cached) {
    return cached;
  }
  const { body, flags } = translateJavaPattern(pattern);
  let regex: RegExp;
  try {
    // Lookarounds rather than ^...$ so that an embedded (?m) cannot weaken the full match.
    regex = new RegExp(`(?<![\\s\\S])(?:${body})(?![\\s\\S])`, flags);
  } catch (error) {
    throw new Error(`util.matches: invalid pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
  if (compiled.size >= MAX_CACHED) {
    compiled.clear();
  }
  compiled.set(pattern, regex);
  return regex;
}

interface Translation {
  body: string;
  flags: string;
}

/** Where the translation of one pattern stands. */
interface TranslationState {
  readonly pattern: string;
  index: number;
  body: string;
  inClass: boolean;
  /** Set right after a quantifier, where a '+' makes it possessive. */
  afterQuantifier: boolean;
  usesUnicodeProperties: boolean;
}

function translateJavaPattern(pattern: string): Translation {
  const { rest, flags } = takeLeadingFlags(pattern);
  const state: TranslationState = {
    pattern: rest,
    index: 0,
    body: '',
    inClass: false,
    afterQuantifier: false,
    usesUnicodeProperties: false,
  };
  while (state.index < rest.length) {
    const char = rest.charAt(state.index);
    const quantifiable = state.afterQuantifier;
    state.afterQuantifier = false;
    if (char === '\\') {
      translateBackslash(state);
    } else if (state.inClass) {
      translateClassCharacter(state, char);
    } else {
      translatePlainCharacter(state, char, quantifiable);
    }
  }
  return { body: state.body, flags: state.usesUnicodeProperties ? `${flags}u` : flags };
}

function translateBackslash(state: TranslationState): void {
  const { pattern, index } = state;
  const next = pattern.charAt(index + 1);
  if (next === 'Q') {
    const end = pattern.indexOf('\\E', index + 2);
    state.body += escapeLiteral(end === -1 ? pattern.slice(index + 2) : pattern.slice(index + 2, end), state.inClass);
    state.index = end === -1 ? pattern.length : end + 2;
    return;
  }
  if (next === 'p' || next === 'P') {
    const close = pattern.indexOf('}', index);
    if (pattern.charAt(index + 2) !== '{' || close === -1) {
      throw new Error(`util.matches: invalid pattern ${JSON.stringify(pattern)}: malformed \\${next}{...}`);
    }
    const translated = translatePropertyClass(pattern.slice(index + 3, close), next === 'P', state.inClass);
    state.usesUnicodeProperties ||= translated.includes('\\p{') || translated.includes('\\P{');
    state.body += translated;
    state.index = close + 1;
    return;
  }
  state.body += translateEscape(next, state.inClass);
  state.index += 2;
}

function translateClassCharacter(state: TranslationState, char: string): void {
  if (char === '&' && state.pattern.charAt(state.index + 1) === '&') {
    throw new Error(`util.matches: character class intersection is not supported in ${JSON.stringify(state.pattern)}`);
  }
  if (char === '[') {
    throw new Error(`util.matches: nested character classes are not supported in ${JSON.stringify(state.pattern)}`);
  }
  state.inClass = char !== ']';
  state.body += char;
  state.index += 1;
}

function translatePlainCharacter(state: TranslationState, char: string, quantifiable: boolean): void {
  const rest = state.pattern.slice(state.index);
  if (char === '[') {
    // a ']' right after '[' or '[^' is a literal in Java
    const opening = /^\[\^?\]?/.exec(rest)?.[0] ?? '[';
    state.body += opening.endsWith(']') ? `${opening.slice(0, -1)}\\]` : opening;
    state.inClass = true;
    state.index += opening.length;
    return;
  }
  if (rest.startsWith('(?>')) {
    // an atomic group; JavaScript has none, a plain group is the closest
    state.body += '(?:';
    state.index += 3;
    return;
  }
  state.index += 1;
  if (char === '+' && quantifiable) {
    // a possessive quantifier (x*+); JavaScript has none, greedy is the closest
    return;
  }
  const bounds = char === '{' ? /^\{\d+(?:,\d*)?\}/.exec(rest) : null;
  if (bounds) {
    state.body += bounds[0];
    state.index += bounds[0].length - 1;
    state.afterQuantifier = true;
    return;
  }
  state.afterQuantifier = char === '*' || char === '+' || char === '?';
  state.body += char;
}

function takeLeadingFlags(pattern: string): { rest: string; flags: string } {
  const match = /^\(\?([imsux]+)\)/.exec(pattern);
  if (!match) {
    return { rest: pattern, flags: '' };
  }
  const letters = match[1] ?? '';
  if (letters.includes('x')) {
    throw new Error('util.matches: the COMMENTS flag (?x) is not supported');
  }
  const flags = [...new Set(letters.replace(/u/g, ''))].join('');
  return { rest: pattern.slice(match[0].length), flags };
}

function translateEscape(next: string, inClass: boolean): string {
  switch (next) {
    case 'A':
      return inClass ? 'A' : '(?<![\\s\\S])';
    case 'z':
      return inClass ? 'z' : '(?![\\s\\S])';
    case 'Z':
      return inClass ? 'Z' : '(?=\\n?(?![\\s\\S]))';
    case 'h':
      return inClass ? HORIZONTAL_SPACE : `[${HORIZONTAL_SPACE}]`;
    case 'H':
      return `[^${HORIZONTAL_SPACE}]`;
    case 'R':
      return '(?:\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])';
    case 'e':
      return '\\x1B';
    case 'a':
      return '\\x07';
    default:
      // Java lets any non-alphanumeric character be escaped; JavaScript (without u) agrees.
      return `\\${next}`;
  }
}

function translatePropertyClass(name: string, negated: boolean, inClass: boolean): string {
  const key = name.startsWith('Is') && POSIX_CLASSES[name] === undefined ? name.slice(2) : name;
  const ranges = POSIX_CLASSES[key] ?? POSIX_CLASSES[name];
  if (ranges === undefined) {
    return `\\${negated ? 'P' : 'p'}{${name.replace(/^(?:In|Is)/, '')}}`;
  }
  if (inClass) {
    if (negated) {
      throw new Error(`util.matches: \\P{${name}} inside a character class is not supported`);
    }
    return ranges;
  }
  return negated ? `[^${ranges}]` : `[${ranges}]`;
}

function escapeLiteral(text: string, inClass: boolean): string {
  const special = inClass ? /[\\\]^-]/g : /[\\^$.*+?()[\]{}|/]/g;
  return text.replace(special, '\\$&');
}
