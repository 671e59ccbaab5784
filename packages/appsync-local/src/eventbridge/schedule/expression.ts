// A rule's ScheduleExpression, checked as PutRule checks it: `rate(Value Unit)` with a positive
// whole Value and a Unit that is singular for 1 and plural otherwise (`rate(1 hour)`,
// `rate(5 hours)`; `rate(1 hours)` and `rate(5 hour)` are refused), or a six-field `cron(...)`.
import { validationError, type EventBridgeError } from '../errors.ts';
import { CronSyntaxError, parseCron, type CronSchedule } from './cron.ts';

export type Schedule =
  { kind: 'rate'; expression: string; periodMs: number } | { kind: 'cron'; expression: string; cron: CronSchedule };

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseScheduleExpression(expression: string): Schedule {
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) return { kind: 'rate', expression, periodMs: parseRate(expression, rate[1] ?? '') };
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    try {
      return { kind: 'cron', expression, cron: parseCron(cron[1] ?? '') };
    } catch (error) {
      if (error instanceof CronSyntaxError) throw notValid(`${expression}: ${error.message}`);
      throw error;
    }
  }
  throw notValid(`${expression} is neither rate(Value Unit) nor cron(Minutes Hours Day-of-month Month Day-of-week Year)`);
}

/** The period in ms of `Value Unit`. */
function parseRate(expression: string, text: string): number {
  const [value = '', unit = '', ...rest] = text.split(' ');
  if (rest.length > 0 || !/^[1-9]\d*$/.test(value)) {
    throw notValid(`${expression}: rate takes a whole Value of at least 1, a space and a Unit`);
  }
  const singular = unit.replace(/s$/, '');
  const unitMs = UNIT_MS[singular];
  if (unitMs === undefined) throw notValid(`${expression}: the Unit is minute(s), hour(s) or day(s)`);
  if ((value === '1') !== (singular === unit)) {
    throw notValid(`${expression}: a Value of 1 takes a singular Unit, any other Value a plural one`);
  }
  return Number(value) * unitMs;
}

/** AWS's message, then what is wrong with it: AWS says no more, a local rule has no console. */
function notValid(reason: string): EventBridgeError {
  return validationError(`Parameter ScheduleExpression is not valid. (${reason})`);
}
