// Formats an instant with a DateTimeFormatter pattern in a zone (English text, US week rules),
// the way util.time.nowFormatted / epochMilliSecondsToFormatted do on AppSync.
import {
  civilFromDays,
  daysFromCivil,
  isoDayOfWeek,
  MONTHS,
  type PatternToken,
  tokenizePattern,
  WEEKDAYS,
} from './timePattern.ts';
import { describeZoneName, type Zone } from './timeZones.ts';

const DAY_MS = 86_400_000;

/** The calendar fields of an instant as seen in a zone. */
interface DateTimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly epochDay: number;
  readonly offsetSeconds: number;
  readonly zone: Zone;
  readonly epochMilliseconds: number;
}

export function formatInstant(epochMilliseconds: number, pattern: string, zone: Zone): string {
  const fields = computeFields(epochMilliseconds, zone);
  return formatTokens(tokenizePattern(pattern), fields);
}

function computeFields(epochMilliseconds: number, zone: Zone): DateTimeFields {
  const offsetSeconds = zone.offsetSecondsAt(epochMilliseconds);
  const local = epochMilliseconds + offsetSeconds * 1000;
  const epochDay = Math.floor(local / DAY_MS);
  const millisOfDay = local - epochDay * DAY_MS;
  const { year, month, day } = civilFromDays(epochDay);
  return {
    year,
    month,
    day,
    hour: Math.floor(millisOfDay / 3_600_000),
    minute: Math.floor((millisOfDay % 3_600_000) / 60_000),
    second: Math.floor((millisOfDay % 60_000) / 1000),
    millisecond: millisOfDay % 1000,
    epochDay,
    offsetSeconds,
    zone,
    epochMilliseconds,
  };
}

function formatTokens(tokens: readonly PatternToken[], fields: DateTimeFields): string {
  let text = '';
  for (const token of tokens) {
    if (token.kind === 'literal') {
      text += token.text;
    } else if (token.kind === 'optional') {
      // every field is available when formatting a zoned instant, so optional parts print
      text += formatTokens(token.tokens, fields);
    } else {
      text += formatField(token.letter, token.count, fields);
    }
  }
  return text;
}

function formatField(letter: string, count: number, fields: DateTimeFields): string {
  switch (letter) {
    case 'G':
      return formatEra(count, fields.year);
    case 'u':
    case 'y':
      return formatYear(letter === 'y' && fields.year <= 0 ? 1 - fields.year : fields.year, count);
    case 'Y':
      return formatYear(computeUsWeekFields(fields).weekBasedYear, count);
    case 'M':
    case 'L':
      return formatMonth(fields.month, count);
    case 'Q':
    case 'q':
      return formatQuarter(Math.ceil(fields.month / 3), count);
    case 'D':
      return padNumber(fields.epochDay - daysFromCivil(fields.year, 1, 1) + 1, count);
    case 'd':
      return padNumber(fields.day, count);
    case 'w':
      return padNumber(computeUsWeekFields(fields).weekOfYear, count);
    case 'W':
      return padNumber(Math.floor((fields.day - 1 + getSundayBasedWeekday(fields.epochDay - fields.day + 1)) / 7) + 1, count);
    case 'F':
      return padNumber(((fields.day - 1) % 7) + 1, count);
    case 'E':
      return formatWeekdayText(isoDayOfWeek(fields.epochDay), Math.max(count, 3));
    case 'e':
    case 'c':
      return count <= 2
        ? padNumber(getSundayBasedWeekday(fields.epochDay) + 1, count)
        : formatWeekdayText(isoDayOfWeek(fields.epochDay), count);
    default:
      return formatTimeField(letter, count, fields);
  }
}

function formatTimeField(letter: string, count: number, fields: DateTimeFields): string {
  const millisOfDay = ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000 + fields.millisecond;
  switch (letter) {
    case 'a':
      return fields.hour < 12 ? 'AM' : 'PM';
    case 'h':
      return padNumber(fields.hour % 12 === 0 ? 12 : fields.hour % 12, count);
    case 'K':
      return padNumber(fields.hour % 12, count);
    case 'k':
      return padNumber(fields.hour === 0 ? 24 : fields.hour, count);
    case 'H':
      return padNumber(fields.hour, count);
    case 'm':
      return padNumber(fields.minute, count);
    case 's':
      return padNumber(fields.second, count);
    case 'S':
      return String(fields.millisecond * 1_000_000)
        .padStart(9, '0')
        .slice(0, count);
    case 'A':
      return padNumber(millisOfDay, count);
    case 'n':
      return padNumber(fields.millisecond * 1_000_000, count);
    case 'N':
      return padNumber(millisOfDay * 1_000_000, count);
    default:
      return formatZoneField(letter, count, fields);
  }
}

function formatZoneField(letter: string, count: number, fields: DateTimeFields): string {
  const offset = fields.offsetSeconds;
  switch (letter) {
    case 'V':
      return fields.zone.id;
    case 'z':
      return describeZoneName(fields.zone, fields.epochMilliseconds, count === 4);
    case 'O':
      return formatLocalizedOffset(offset, count === 4);
    case 'X':
      return offset === 0 ? 'Z' : formatOffset(offset, count);
    case 'x':
      return formatOffset(offset, count);
    case 'Z':
      if (count <= 3) {
        return formatOffset(offset, 2);
      }
      if (count === 4) {
        return formatLocalizedOffset(offset, true);
      }
      return offset === 0 ? 'Z' : formatOffset(offset, 5);
    default:
      throw new Error(`Unsupported pattern letter: ${letter}`);
  }
}

/**
 * Offsets by pattern width: 1 "+HH" (minutes added when non-zero), 2 "+HHMM", 3 "+HH:MM",
 * 4 "+HHMM[ss]", 5 "+HH:MM[:ss]". Widths 1-3 leave the seconds out.
 */
function formatOffset(offsetSeconds: number, width: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const absolute = Math.abs(offsetSeconds);
  const hours = padNumber(Math.floor(absolute / 3600), 2);
  const minutes = padNumber(Math.floor((absolute % 3600) / 60), 2);
  const seconds = absolute % 60;
  switch (width) {
    case 1:
      return minutes === '00' ? `${sign}${hours}` : `${sign}${hours}${minutes}`;
    case 2:
      return `${sign}${hours}${minutes}`;
    case 3:
      return `${sign}${hours}:${minutes}`;
    case 4:
      return `${sign}${hours}${minutes}${seconds === 0 ? '' : padNumber(seconds, 2)}`;
    default:
      return `${sign}${hours}:${minutes}${seconds === 0 ? '' : `:${padNumber(seconds, 2)}`}`;
  }
}

/** "GMT", "GMT+8", "GMT+08:00" (the 'O' and 'ZZZZ' forms). */
function formatLocalizedOffset(offsetSeconds: number, full: boolean): string {
  if (offsetSeconds === 0) {
    return 'GMT';
  }
  const sign = offsetSeconds < 0 ? '-' : '+';
  const absolute = Math.abs(offsetSeconds);
  const hours = Math.floor(absolute / 3600);
  const minutes = Math.floor((absolute % 3600) / 60);
  const seconds = absolute % 60;
  if (full) {
    return `GMT${sign}${padNumber(hours, 2)}:${padNumber(minutes, 2)}${seconds === 0 ? '' : `:${padNumber(seconds, 2)}`}`;
  }
  const tail =
    seconds !== 0 ? `:${padNumber(minutes, 2)}:${padNumber(seconds, 2)}` : minutes !== 0 ? `:${padNumber(minutes, 2)}` : '';
  return `GMT${sign}${hours}${tail}`;
}

function formatEra(count: number, year: number): string {
  const common = year > 0;
  if (count === 4) {
    return common ? 'Anno Domini' : 'Before Christ';
  }
  if (count === 5) {
    return common ? 'A' : 'B';
  }
  return common ? 'AD' : 'BC';
}

/** 'yy' is the two-digit reduced year; otherwise the count is a minimum width. */
function formatYear(year: number, count: number): string {
  if (count === 2) {
    return padNumber(((year % 100) + 100) % 100, 2);
  }
  const digits = padNumber(Math.abs(year), count);
  if (year < 0) {
    return `-${digits}`;
  }
  return count >= 4 && digits.length > count ? `+${digits}` : digits;
}

function formatMonth(month: number, count: number): string {
  const name = MONTHS[month - 1] ?? '';
  if (count <= 2) {
    return padNumber(month, count);
  }
  return count === 3 ? name.slice(0, 3) : count === 4 ? name : name.charAt(0);
}

function formatQuarter(quarter: number, count: number): string {
  if (count <= 2) {
    return padNumber(quarter, count);
  }
  const ordinals = ['1st', '2nd', '3rd', '4th'];
  return count === 3 ? `Q${quarter}` : count === 4 ? `${ordinals[quarter - 1]} quarter` : String(quarter);
}

function formatWeekdayText(isoWeekday: number, count: number): string {
  const name = WEEKDAYS[isoWeekday - 1] ?? '';
  return count === 3 ? name.slice(0, 3) : count === 4 ? name : name.charAt(0);
}

/** 0 for Sunday ... 6 for Saturday. */
function getSundayBasedWeekday(epochDay: number): number {
  return isoDayOfWeek(epochDay) % 7;
}

/** Week-of-year and week-based-year under US rules: weeks start on Sunday, week 1 holds Jan 1. */
function computeUsWeekFields(fields: DateTimeFields): { weekOfYear: number; weekBasedYear: number } {
  const weekStart = fields.epochDay - getSundayBasedWeekday(fields.epochDay);
  const nextYearStart = daysFromCivil(fields.year + 1, 1, 1);
  if (weekStart + 6 >= nextYearStart) {
    return { weekOfYear: 1, weekBasedYear: fields.year + 1 };
  }
  const yearStart = daysFromCivil(fields.year, 1, 1);
  const weekOfYear = Math.floor((fields.epochDay - yearStart + getSundayBasedWeekday(yearStart)) / 7) + 1;
  return { weekOfYear, weekBasedYear: fields.year };
}

function padNumber(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
