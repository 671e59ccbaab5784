// util.time: timestamps now, conversions between epoch values and ISO 8601, and formatting and
// parsing with java.time DateTimeFormatter patterns in UTC or a named zone.
import { formatInstant } from './timeFormat.ts';
import { parseToEpochMilliseconds } from './timeParse.ts';
import { daysFromCivil, lengthOfMonth } from './timePattern.ts';
import { resolveZone, UTC_ZONE, type Zone } from './timeZones.ts';
import { requireNumber, requireString } from './values.ts';

/** The current time in UTC, ISO 8601 with milliseconds, e.g. "2018-02-06T19:01:35.749Z". */
export function nowISO8601(): string {
  return new Date(Date.now()).toISOString();
}

export function nowEpochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function nowEpochMilliSeconds(): number {
  return Date.now();
}

/** The current time formatted with a DateTimeFormatter pattern, in UTC or the given zone. */
export function nowFormatted(format: unknown, timezone?: unknown): string {
  return epochMilliSecondsToFormatted(Date.now(), format, timezone);
}

/** Parses text with a pattern; the zone applies when the text itself has no offset or zone. */
export function parseFormattedToEpochMilliSeconds(timestamp: unknown, format: unknown, timezone?: unknown): number {
  const text = requireString(timestamp, 'util.time.parseFormattedToEpochMilliSeconds');
  const pattern = requireString(format, 'util.time.parseFormattedToEpochMilliSeconds');
  return parseToEpochMilliseconds(text, pattern, resolveZoneArgument(timezone, 'util.time.parseFormattedToEpochMilliSeconds'));
}

const ISO_8601 =
  /^([+-]?\d{4,9})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?)?)?)?$/;

/** Parses an ISO 8601 date-time; without an offset it is read as UTC. */
export function parseISO8601ToEpochMilliSeconds(timestamp: unknown): number {
  const text = requireString(timestamp, 'util.time.parseISO8601ToEpochMilliSeconds');
  const match = ISO_8601.exec(text.trim());
  if (!match) {
    throw new Error(`Text '${text}' could not be parsed as an ISO 8601 date-time`);
  }
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText, offsetText] = match;
  const year = Number(yearText);
  const month = Number(monthText ?? '1');
  const day = Number(dayText ?? '1');
  const hour = Number(hourText ?? '0');
  const minute = Number(minuteText ?? '0');
  const second = Number(secondText ?? '0');
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  if (!valid) {
    throw new Error(`Text '${text}' could not be parsed: a date-time field is out of range`);
  }
  const millis = Math.floor(Number(`0.${fractionText ?? '0'}`) * 1000 + 1e-6);
  const localAsUtc = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return localAsUtc - parseOffsetSeconds(offsetText) * 1000;
}

function parseOffsetSeconds(offsetText: string | undefined): number {
  if (offsetText === undefined || offsetText === 'Z' || offsetText === 'z') {
    return 0;
  }
  return resolveZone(offsetText).fixedOffsetSeconds ?? 0;
}

/** Whole seconds of an epoch-milliseconds value (truncated, like Java's long division). */
export function epochMilliSecondsToSeconds(milliseconds: unknown): number {
  return Math.trunc(requireNumber(milliseconds, 'util.time.epochMilliSecondsToSeconds') / 1000);
}

/** ISO 8601 in UTC with milliseconds, e.g. "2018-02-06T19:01:35.758Z". */
export function epochMilliSecondsToISO8601(milliseconds: unknown): string {
  const value = requireNumber(milliseconds, 'util.time.epochMilliSecondsToISO8601');
  return formatInstant(Math.trunc(value), "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", UTC_ZONE);
}

/** Formats epoch milliseconds with a DateTimeFormatter pattern, in UTC or the given zone. */
export function epochMilliSecondsToFormatted(milliseconds: unknown, format: unknown, timezone?: unknown): string {
  const value = requireNumber(milliseconds, 'util.time.epochMilliSecondsToFormatted');
  const pattern = requireString(format, 'util.time.epochMilliSecondsToFormatted');
  return formatInstant(Math.trunc(value), pattern, resolveZoneArgument(timezone, 'util.time.epochMilliSecondsToFormatted'));
}

function resolveZoneArgument(timezone: unknown, where: string): Zone {
  if (timezone === undefined || timezone === null) {
    return UTC_ZONE;
  }
  return resolveZone(requireString(timezone, where));
}
