// EventBridge's six-field cron (minutes hours day-of-month month day-of-week year, in UTC), read
// as PutRule reads it and stepped forward to the next minute it names. The syntax follows the
// EventBridge user guide's table: each field takes only the wildcards listed for it, and exactly
// one of day-of-month and day-of-week is `?`. `L`, `W` and `#` mean what they mean in Quartz,
// whose cron this is.

export interface CronSchedule {
  minutes: readonly number[];
  hours: readonly number[];
  dayOfMonth: DayOfMonth;
  months: ReadonlySet<number>;
  dayOfWeek: DayOfWeek;
  years: ReadonlySet<number>;
}

type DayOfMonth =
  | { kind: 'any' }
  | { kind: 'days'; days: ReadonlySet<number> }
  | { kind: 'last' }
  | { kind: 'lastWeekday' }
  | { kind: 'nearestWeekday'; day: number };

/** Days of the week run from 1 (SUN) to 7 (SAT), as in Quartz. */
type DayOfWeek =
  | { kind: 'any' }
  | { kind: 'days'; days: ReadonlySet<number> }
  | { kind: 'lastOfMonth'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number };

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Whether `/` steps are allowed: the guide lists them for every field but Day-of-week. */
  steps: boolean;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS = {
  minutes: { name: 'Minutes', min: 0, max: 59, steps: true },
  hours: { name: 'Hours', min: 0, max: 23, steps: true },
  dayOfMonth: { name: 'Day-of-month', min: 1, max: 31, steps: true },
  month: { name: 'Month', min: 1, max: 12, names: MONTH_NAMES, steps: true },
  dayOfWeek: { name: 'Day-of-week', min: 1, max: 7, names: DAY_NAMES, steps: false },
  year: { name: 'Year', min: 1970, max: 2199, steps: true },
} as const satisfies Record<string, FieldSpec>;

/** Why a cron expression is not valid; the caller turns it into AWS's ValidationException. */
export class CronSyntaxError extends Error {
  override readonly name = 'CronSyntaxError';
}

/** Reads the text between `cron(` and `)`. */
export function parseCron(text: string): CronSchedule {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 6) throw new CronSyntaxError(`it has ${fields.length} fields, not 6`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new CronSyntaxError('exactly one of Day-of-month and Day-of-week must be ?');
  }
  return {
    minutes: [...parseList(minutes, FIELDS.minutes)].sort((a, b) => a - b),
    hours: [...parseList(hours, FIELDS.hours)].sort((a, b) => a - b),
    dayOfMonth: parseDayOfMonth(dayOfMonth),
    months: parseList(month, FIELDS.month),
    dayOfWeek: parseDayOfWeek(dayOfWeek),
    years: parseList(year, FIELDS.year),
  };
}

function parseDayOfMonth(text: string): DayOfMonth {
  const upper = text.toUpperCase();
  if (upper === '?') return { kind: 'any' };
  if (upper === 'L') return { kind: 'last' };
  if (upper === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d+)W$/.exec(upper);
  if (weekday) return { kind: 'nearestWeekday', day: parseValue(weekday[1]!, FIELDS.dayOfMonth) };
  return { kind: 'days', days: parseList(text, FIELDS.dayOfMonth) };
}

function parseDayOfWeek(text: string): DayOfWeek {
  const upper = text.toUpperCase();
  if (upper === '?') return { kind: 'any' };
  // `L` alone is the last day of the week, Saturday; `5L` the month's last Thursday.
  const last = /^(\w*)L$/.exec(upper);
  if (last) return { kind: 'lastOfMonth', weekday: last[1] ? parseValue(last[1], FIELDS.dayOfWeek) : 7 };
  const nth = /^(\w+)#(\d+)$/.exec(upper);
  if (nth) {
    const count = Number(nth[2]);
    if (count < 1 || count > 5) throw new CronSyntaxError(`${text}: there is no ${count}th weekday of a month`);
    return { kind: 'nth', weekday: parseValue(nth[1]!, FIELDS.dayOfWeek), nth: count };
  }
  return { kind: 'days', days: parseList(text, FIELDS.dayOfWeek) };
}

/**
 * `*`, `5`, `MON`, `1-5`, `0/15`, `*\/15`, `10-40/5`, and lists of them. A range may wrap around
 * the field's end, as Quartz reads it: the guide's own example runs hours `20-2`.
 */
function parseList(text: string, field: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText, extra] = item.split('/');
    if (extra !== undefined || (stepText !== undefined && !field.steps)) {
      throw new CronSyntaxError(`${field.name} does not take "${item}"`);
    }
    const step = stepText === undefined ? 1 : parseStep(stepText, field);
    const [from, end] = rangeOf(range, field);
    // `5/15` runs from 5 to the field's end, as `5-max/15`.
    const to = stepText !== undefined && !range.includes('-') ? field.max : end;
    const span = field.max - field.min + 1;
    for (let value = from; value <= (to < from ? to + span : to); value += step) {
      values.add(((value - field.min) % span) + field.min);
    }
  }
  return values;
}

function rangeOf(text: string, field: FieldSpec): [number, number] {
  if (text === '*') return [field.min, field.max];
  const bounds = text.split('-');
  if (bounds.length > 2) throw new CronSyntaxError(`${field.name} does not take "${text}"`);
  const from = parseValue(bounds[0]!, field);
  return [from, bounds[1] === undefined ? from : parseValue(bounds[1], field)];
}

function parseStep(text: string, field: FieldSpec): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new CronSyntaxError(`${field.name}: "${text}" is not a step`);
  return Number(text);
}

function parseValue(text: string, field: FieldSpec): number {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= field.min && value <= field.max)) {
    throw new CronSyntaxError(`${field.name} takes ${field.min}-${field.max}${field.names ? ' or a name' : ''}, not "${text}"`);
  }
  return value;
}

/** The first minute after `afterMs` (UTC) that the schedule names, or undefined past its last year. */
export function nextCronTime(cron: CronSchedule, afterMs: number): number | undefined {
  const start = new Date((Math.floor(afterMs / 60_000) + 1) * 60_000);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  let day = start.getUTCDate();
  let fromMinute = start.getUTCHours() * 60 + start.getUTCMinutes();
  while (year <= FIELDS.year.max) {
    if (!cron.years.has(year) || !cron.months.has(month) || day > daysInMonth(year, month)) {
      // On to the first day of the next month (of the next year past December).
      [year, month, day, fromMinute] = month === 12 ? [year + 1, 1, 1, 0] : [year, month + 1, 1, 0];
      continue;
    }
    if (isScheduledDay(cron, year, month, day)) {
      const minuteOfDay = firstMinuteFrom(cron, fromMinute);
      if (minuteOfDay !== undefined) return Date.UTC(year, month - 1, day, 0, minuteOfDay);
    }
    day++;
    fromMinute = 0;
  }
  return undefined;
}

function firstMinuteFrom(cron: CronSchedule, fromMinute: number): number | undefined {
  for (const hour of cron.hours) {
    for (const minute of cron.minutes) {
      if (hour * 60 + minute >= fromMinute) return hour * 60 + minute;
    }
  }
  return undefined;
}

function isScheduledDay(cron: CronSchedule, year: number, month: number, day: number): boolean {
  const lastDay = daysInMonth(year, month);
  const weekday = weekdayOf(year, month, day);
  const dom = cron.dayOfMonth;
  const domMatches =
    dom.kind === 'any' ||
    (dom.kind === 'days' && dom.days.has(day)) ||
    (dom.kind === 'last' && day === lastDay) ||
    (dom.kind === 'lastWeekday' && day === nearestWeekday(year, month, lastDay)) ||
    (dom.kind === 'nearestWeekday' && dom.day <= lastDay && day === nearestWeekday(year, month, dom.day));
  const dow = cron.dayOfWeek;
  const dowMatches =
    dow.kind === 'any' ||
    (dow.kind === 'days' && dow.days.has(weekday)) ||
    (dow.kind === 'lastOfMonth' && weekday === dow.weekday && day + 7 > lastDay) ||
    (dow.kind === 'nth' && weekday === dow.weekday && Math.ceil(day / 7) === dow.nth);
  return domMatches && dowMatches;
}

/** The weekday closest to `day` without leaving its month (Quartz's `W`). */
function nearestWeekday(year: number, month: number, day: number): number {
  const weekday = weekdayOf(year, month, day);
  if (weekday === 7) return day === 1 ? day + 2 : day - 1;
  if (weekday === 1) return day === daysInMonth(year, month) ? day - 2 : day + 1;
  return day;
}

/** 1 (Sunday) to 7 (Saturday). */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
