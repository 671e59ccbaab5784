// The parts of java.time.format.DateTimeFormatter.ofPattern that util.time needs: the pattern
// tokenizer (letters, 'quoted text', [optional sections]), the English text of months and days,
// and proleptic-Gregorian calendar arithmetic.

export type PatternToken =
  | { readonly kind: 'field'; readonly letter: string; readonly count: number }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'optional'; readonly tokens: readonly PatternToken[] };

/** Letters and the largest count DateTimeFormatter accepts for each (Infinity: no limit). */
const MAX_COUNTS: Readonly<Record<string, number>> = {
  G: 5,
  u: Infinity,
  y: Infinity,
  Y: Infinity,
  D: 3,
  M: 5,
  L: 5,
  d: 2,
  Q: 5,
  q: 5,
  w: 2,
  W: 1,
  E: 5,
  e: 5,
  c: 5,
  F: 1,
  a: 1,
  h: 2,
  K: 2,
  k: 2,
  H: 2,
  m: 2,
  s: 2,
  S: 9,
  A: Infinity,
  n: Infinity,
  N: Infinity,
  V: 2,
  z: 4,
  O: 4,
  X: 5,
  x: 5,
  Z: 5,
};

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
/** Indexed by ISO day-of-week - 1 (Monday first). */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const tokenCache = new Map<string, readonly PatternToken[]>();

/** Splits a DateTimeFormatter pattern into tokens; an invalid pattern is an error, as in Java. */
export function tokenizePattern(pattern: string): readonly PatternToken[] {
  const cached = tokenCache.get(pattern);
  if (cached) {
    return cached;
  }
  const stack: PatternToken[][] = [[]];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern.charAt(index);
    const current = stack[stack.length - 1] as PatternToken[];
    if (/[A-Za-z]/.test(char)) {
      let count = 1;
      while (pattern.charAt(index + count) === char) {
        count += 1;
      }
      current.push(fieldToken(char, count, pattern));
      index += count;
    } else if (char === "'") {
      const { text, next } = readQuoted(pattern, index);
      current.push({ kind: 'literal', text });
      index = next;
    } else if (char === '[') {
      stack.push([]);
      index += 1;
    } else if (char === ']') {
      if (stack.length === 1) {
        throw new Error(`Pattern invalid as it contains ] without previous [: ${pattern}`);
      }
      const tokens = stack.pop() as PatternToken[];
      (stack[stack.length - 1] as PatternToken[]).push({ kind: 'optional', tokens });
      index += 1;
    } else if (char === '{' || char === '}' || char === '#') {
      throw new Error(`Pattern includes reserved character: '${char}'`);
    } else {
      current.push({ kind: 'literal', text: char });
      index += 1;
    }
  }
  while (stack.length > 1) {
    const tokens = stack.pop() as PatternToken[];
    (stack[stack.length - 1] as PatternToken[]).push({ kind: 'optional', tokens });
  }
  const tokens = stack[0] as PatternToken[];
  tokenCache.set(pattern, tokens);
  return tokens;
}

function fieldToken(letter: string, count: number, pattern: string): PatternToken {
  const max = MAX_COUNTS[letter];
  if (max === undefined) {
    throw new Error(`Unknown pattern letter: ${letter}`);
  }
  if (count > max) {
    throw new Error(`Too many pattern letters: ${letter} in ${pattern}`);
  }
  if ((letter === 'V' && count !== 2) || (letter === 'O' && count !== 1 && count !== 4)) {
    throw new Error(`Pattern letter count must be ${letter === 'V' ? '2' : '1 or 4'}: ${letter}`);
  }
  return { kind: 'field', letter, count };
}

function readQuoted(pattern: string, start: number): { text: string; next: number } {
  if (pattern.charAt(start + 1) === "'") {
    return { text: "'", next: start + 2 };
  }
  let text = '';
  let index = start + 1;
  while (index < pattern.length) {
    const char = pattern.charAt(index);
    if (char === "'") {
      if (pattern.charAt(index + 1) === "'") {
        text += "'";
        index += 2;
        continue;
      }
      return { text, next: index + 1 };
    }
    text += char;
    index += 1;
  }
  throw new Error(`Pattern ends with an incomplete string literal: ${pattern}`);
}

// Proleptic Gregorian arithmetic (days from 1970-01-01), valid for any year; avoids Date's
// mapping of years 0-99 to the 1900s.

export function daysFromCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function lengthOfMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ISO day-of-week (1 = Monday ... 7 = Sunday) of a day count from the epoch. */
export function isoDayOfWeek(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}
