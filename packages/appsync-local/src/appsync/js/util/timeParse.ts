// Parses text with a DateTimeFormatter pattern into the fields of timeFields.ts. Text that does
// not match the pattern is an error, as DateTimeParseException is.
import { ParseFailure, type ParsedFields, resolveInstant, storeNumber } from './timeFields.ts';
import { MONTHS, type PatternToken, tokenizePattern, WEEKDAYS } from './timePattern.ts';
import { resolveZone, UTC_ZONE, type Zone } from './timeZones.ts';

/** Epoch milliseconds of the text; `defaultZone` applies when the text names no offset or zone. */
export function parseToEpochMilliseconds(text: string, pattern: string, defaultZone: Zone = UTC_ZONE): number {
  const tokens = tokenizePattern(pattern);
  const fields: ParsedFields = {};
  let end: number;
  try {
    end = parseTokens(tokens, text, 0, fields);
  } catch (error) {
    if (error instanceof ParseFailure) {
      throw new Error(`Text '${text}' could not be parsed: ${error.message}`);
    }
    throw error;
  }
  if (end !== text.length) {
    throw new Error(`Text '${text}' could not be parsed, unparsed text found at index ${end}`);
  }
  return resolveInstant(fields, defaultZone, text);
}

function parseTokens(tokens: readonly PatternToken[], text: string, start: number, fields: ParsedFields): number {
  let position = start;
  tokens.forEach((token, index) => {
    if (token.kind === 'literal') {
      if (!text.startsWith(token.text, position)) {
        throw new ParseFailure(`expected '${token.text}' at index ${position}`);
      }
      position += token.text.length;
    } else if (token.kind === 'optional') {
      const attempt: ParsedFields = { ...fields };
      try {
        position = parseTokens(token.tokens, text, position, attempt);
        Object.assign(fields, attempt);
      } catch (error) {
        if (!(error instanceof ParseFailure)) {
          throw error;
        }
      }
    } else {
      position = parseField(token.letter, token.count, text, position, fields, computeReservedWidth(tokens, index));
    }
  });
  return position;
}

/** Digits that adjacent numeric fields after this one need ("yyyyMMdd"). */
function computeReservedWidth(tokens: readonly PatternToken[], index: number): number {
  let reserved = 0;
  for (let next = index + 1; next < tokens.length; next += 1) {
    const token = tokens[next];
    if (token === undefined || token.kind !== 'field' || getNumericWidth(token.letter, token.count) === undefined) {
      break;
    }
    reserved += getNumericWidth(token.letter, token.count)?.min ?? 0;
  }
  return reserved;
}

/** Digit widths of numeric fields; undefined for text fields. */
function getNumericWidth(letter: string, count: number): { min: number; max: number } | undefined {
  if ('yuY'.includes(letter)) {
    return count === 2 ? { min: 2, max: 2 } : { min: count, max: 19 };
  }
  if (letter === 'S') {
    return { min: count, max: count };
  }
  if ('nNA'.includes(letter)) {
    return { min: count, max: 19 };
  }
  if (letter === 'D') {
    return { min: count, max: 3 };
  }
  const textual = ('MLQqec'.includes(letter) && count >= 3) || 'EaGzVOXxZ'.includes(letter);
  if (textual) {
    return undefined;
  }
  return count === 1 ? { min: 1, max: 19 } : { min: count, max: count };
}

function parseField(
  letter: string,
  count: number,
  text: string,
  position: number,
  fields: ParsedFields,
  reserved: number,
): number {
  const width = getNumericWidth(letter, count);
  if (width) {
    const { value, next } = readNumber(text, position, width, reserved);
    storeNumber(letter, count, value, next - position, fields);
    return next;
  }
  return parseTextField(letter, count, text, position, fields);
}

function readNumber(
  text: string,
  position: number,
  width: { min: number; max: number },
  reserved: number,
): { value: number; next: number } {
  let available = 0;
  while (/[0-9]/.test(text.charAt(position + available))) {
    available += 1;
  }
  const take = Math.min(width.max, available - reserved);
  if (take < width.min) {
    throw new ParseFailure(`expected a number at index ${position}`);
  }
  return { value: Number(text.slice(position, position + take)), next: position + take };
}

function parseTextField(letter: string, count: number, text: string, position: number, fields: ParsedFields): number {
  switch (letter) {
    case 'M':
    case 'L': {
      const { index, next } = matchName(text, position, MONTHS, count);
      fields.month = index + 1;
      return next;
    }
    case 'E':
    case 'e':
    case 'c': {
      const { index, next } = matchName(text, position, WEEKDAYS, Math.max(count, 3));
      fields.dayOfWeek = index + 1;
      return next;
    }
    case 'Q':
    case 'q':
      return matchRegex(text, position, count === 3 ? /^Q[1-4]/ : /^[1-4](st|nd|rd|th) quarter/);
    case 'a': {
      const { index, next } = matchName(text, position, ['AM', 'PM'], 4);
      fields.pm = index === 1;
      return next;
    }
    case 'G': {
      const names = count === 4 ? ['Before Christ', 'Anno Domini'] : count === 5 ? ['B', 'A'] : ['BC', 'AD'];
      const { index, next } = matchName(text, position, names, 4);
      fields.bc = index === 0;
      return next;
    }
    default:
      return parseZoneField(letter, count, text, position, fields);
  }
}

/** Matches one of `names`, in full (count 4), by three-letter prefix (3) or initial (5). */
function matchName(text: string, position: number, names: readonly string[], count: number): { index: number; next: number } {
  let best: { index: number; next: number } | undefined;
  names.forEach((name, index) => {
    const form = count === 3 ? name.slice(0, 3) : count === 5 ? name.charAt(0) : name;
    if (text.startsWith(form, position) && (best === undefined || position + form.length > best.next)) {
      best = { index, next: position + form.length };
    }
  });
  if (!best) {
    throw new ParseFailure(`unrecognized text at index ${position}`);
  }
  return best;
}

function matchRegex(text: string, position: number, regex: RegExp): number {
  const match = regex.exec(text.slice(position));
  if (!match) {
    throw new ParseFailure(`unrecognized text at index ${position}`);
  }
  return position + match[0].length;
}

const OFFSET_TEXT = /^([+-])(\d{2}|\d(?!\d))(?::?(\d{2})(?::?(\d{2}))?)?/;
const ZONE_ID_TEXT = /^(?:[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*|[+-]\d{2}(?::?\d{2}){0,2})/;

function parseZoneField(letter: string, count: number, text: string, position: number, fields: ParsedFields): number {
  const rest = text.slice(position);
  if (letter === 'V' || letter === 'z') {
    const match = ZONE_ID_TEXT.exec(rest);
    if (!match) {
      throw new ParseFailure(`expected a time-zone at index ${position}`);
    }
    fields.zone = resolveZoneText(match[0], position);
    return position + match[0].length;
  }
  const localized = letter === 'O' || (letter === 'Z' && count === 4);
  let cursor = 0;
  if (localized) {
    if (!rest.startsWith('GMT')) {
      throw new ParseFailure(`expected GMT at index ${position}`);
    }
    cursor = 3;
  }
  if (rest.charAt(cursor) === 'Z' && !localized) {
    fields.offsetSeconds = 0;
    return position + 1;
  }
  const match = OFFSET_TEXT.exec(rest.slice(cursor));
  if (!match) {
    if (localized) {
      fields.offsetSeconds = 0;
      return position + cursor;
    }
    throw new ParseFailure(`expected an offset at index ${position}`);
  }
  const [whole, sign, hours, minutes, seconds] = match;
  const absolute = Number(hours) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
  fields.offsetSeconds = sign === '-' ? -absolute : absolute;
  return position + cursor + whole.length;
}

/** Common abbreviations java.time parses, mapped to its preferred regions. */
const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  BST: 'Europe/London',
  JST: 'Asia/Tokyo',
  IST: 'Asia/Kolkata',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
};

function resolveZoneText(name: string, position: number): Zone {
  try {
    return resolveZone(ZONE_ABBREVIATIONS[name] ?? name);
  } catch {
    throw new ParseFailure(`unknown time-zone '${name}' at index ${position}`);
  }
}
