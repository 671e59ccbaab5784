// The fields java.time reads from text, and their resolution to an instant the way the SMART
// resolver does it: Feb 30 becomes Feb 28/29, "24:00" the next midnight, a day-of-week must
// agree with the date, and a missing time of day is midnight.
import { civilFromDays, daysFromCivil, isoDayOfWeek, lengthOfMonth } from './timePattern.ts';
import { localToEpochMilliseconds, type Zone } from './timeZones.ts';

const DAY_MS = 86_400_000;

/** Text that does not fit the pattern; reported as "Text '...' could not be parsed". */
export class ParseFailure extends Error {}

/** Raw field values read from the text, before resolution. */
export interface ParsedFields {
  year?: number;
  yearOfEra?: number;
  reducedYear?: number;
  weekBasedYear?: number;
  bc?: boolean;
  month?: number;
  day?: number;
  dayOfYear?: number;
  dayOfWeek?: number;
  hourOfDay?: number;
  clockHourOfDay?: number;
  hourOfAmPm?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  nano?: number;
  offsetSeconds?: number;
  zone?: Zone;
}

export function storeNumber(letter: string, count: number, value: number, digits: number, fields: ParsedFields): void {
  switch (letter) {
    case 'u':
      fields.year = value;
      return;
    case 'y':
      if (count === 2) {
        fields.reducedYear = value;
      } else {
        fields.yearOfEra = value;
      }
      return;
    case 'Y':
      fields.weekBasedYear = count === 2 ? 2000 + value : value;
      return;
    case 'M':
    case 'L':
      fields.month = value;
      return;
    case 'Q':
    case 'q':
    case 'w':
    case 'W':
    case 'F':
      return;
    case 'D':
      fields.dayOfYear = value;
      return;
    case 'd':
      fields.day = value;
      return;
    case 'e':
    case 'c':
      fields.dayOfWeek = ((value + 5) % 7) + 1;
      return;
    default:
      storeTimeNumber(letter, value, digits, fields);
  }
}

function storeTimeNumber(letter: string, value: number, digits: number, fields: ParsedFields): void {
  switch (letter) {
    case 'H':
      fields.hourOfDay = value;
      return;
    case 'k':
      fields.clockHourOfDay = value;
      return;
    case 'h':
      fields.hourOfAmPm = value === 12 ? 0 : value;
      if (value < 1 || value > 12) {
        throw new ParseFailure(`invalid value for ClockHourOfAmPm: ${value}`);
      }
      return;
    case 'K':
      fields.hourOfAmPm = value;
      return;
    case 'm':
      fields.minute = value;
      return;
    case 's':
      fields.second = value;
      return;
    case 'S':
      fields.nano = value * 10 ** (9 - digits);
      return;
    case 'n':
      fields.nano = value;
      return;
    case 'A':
      fields.hourOfDay = Math.floor(value / 3_600_000);
      fields.minute = Math.floor((value % 3_600_000) / 60_000);
      fields.second = Math.floor((value % 60_000) / 1000);
      fields.nano = (value % 1000) * 1_000_000;
      return;
    default:
      return;
  }
}

export function resolveInstant(fields: ParsedFields, defaultZone: Zone, text: string): number {
  const year = resolveYear(fields, text);
  const { month, day } = resolveMonthDay(fields, year, text);
  let epochDay = daysFromCivil(year, month, day);
  if (fields.dayOfWeek !== undefined && fields.dayOfWeek !== isoDayOfWeek(epochDay)) {
    throw new Error(`Text '${text}' could not be parsed: Conflict found: day-of-week does not match the date`);
  }
  const time = resolveTime(fields, text);
  epochDay += time.extraDays;
  const localAsUtc = epochDay * DAY_MS + time.millisOfDay;
  if (fields.offsetSeconds !== undefined) {
    return localAsUtc - fields.offsetSeconds * 1000;
  }
  return localToEpochMilliseconds(localAsUtc, fields.zone ?? defaultZone);
}

function resolveYear(fields: ParsedFields, text: string): number {
  if (fields.year !== undefined) {
    return fields.year;
  }
  if (fields.reducedYear !== undefined) {
    return 2000 + fields.reducedYear;
  }
  if (fields.yearOfEra !== undefined) {
    return fields.bc ? 1 - fields.yearOfEra : fields.yearOfEra;
  }
  if (fields.weekBasedYear !== undefined) {
    return fields.weekBasedYear;
  }
  throw new Error(`Text '${text}' could not be parsed: Unable to obtain a date (no year) from the text`);
}

function resolveMonthDay(fields: ParsedFields, year: number, text: string): { month: number; day: number } {
  if (fields.month === undefined && fields.dayOfYear !== undefined) {
    const maxDay = daysFromCivil(year + 1, 1, 1) - daysFromCivil(year, 1, 1);
    assertRange(fields.dayOfYear, 1, maxDay, 'DayOfYear', text);
    const { month, day } = civilFromDays(daysFromCivil(year, 1, 1) + fields.dayOfYear - 1);
    return { month, day };
  }
  const month = fields.month ?? 1;
  assertRange(month, 1, 12, 'MonthOfYear', text);
  const day = fields.day ?? 1;
  assertRange(day, 1, 31, 'DayOfMonth', text);
  return { month, day: Math.min(day, lengthOfMonth(year, month)) };
}

function resolveTime(fields: ParsedFields, text: string): { millisOfDay: number; extraDays: number } {
  let hour = fields.hourOfDay;
  if (hour === undefined && fields.clockHourOfDay !== undefined) {
    assertRange(fields.clockHourOfDay, 1, 24, 'ClockHourOfDay', text);
    hour = fields.clockHourOfDay % 24;
  }
  if (hour === undefined && fields.hourOfAmPm !== undefined) {
    assertRange(fields.hourOfAmPm, 0, 11, 'HourOfAmPm', text);
    hour = fields.hourOfAmPm + (fields.pm ? 12 : 0);
  }
  const minute = fields.minute ?? 0;
  const second = fields.second ?? 0;
  const nano = fields.nano ?? 0;
  if (hour === 24 && minute === 0 && second === 0 && nano === 0) {
    return { millisOfDay: 0, extraDays: 1 };
  }
  assertRange(hour ?? 0, 0, 23, 'HourOfDay', text);
  assertRange(minute, 0, 59, 'MinuteOfHour', text);
  assertRange(second, 0, 59, 'SecondOfMinute', text);
  const millisOfDay = (((hour ?? 0) * 60 + minute) * 60 + second) * 1000 + Math.floor(nano / 1_000_000);
  return { millisOfDay, extraDays: 0 };
}

function assertRange(value: number, min: number, max: number, field: string, text: string): void {
  if (value < min || value > max) {
    throw new Error(`Text '${text}' could not be parsed: Invalid value for ${field} (valid values ${min} - ${max}): ${value}`);
  }
}
