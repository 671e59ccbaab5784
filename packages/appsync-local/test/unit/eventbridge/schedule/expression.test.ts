// ScheduleExpression as PutRule checks it: the rate grammar of the EventBridge user guide's rate
// reference, and the six-field cron of its cron table.
import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../../src/eventbridge/schedule/expression.ts';

const NOT_VALID = 'Parameter ScheduleExpression is not valid.';

describe('parseScheduleExpression: rate', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(12 hours)', 43_200_000],
    ['rate(1 day)', 86_400_000],
    ['rate(7 days)', 604_800_000],
  ])('reads %s as a period of %i ms', (expression, periodMs) => {
    expect(parseScheduleExpression(expression)).toEqual({ kind: 'rate', expression, periodMs });
  });

  it.each(['rate(1 minutes)', 'rate(1 hours)', 'rate(5 minute)', 'rate(5 hour)', 'rate(2 day)'])(
    'refuses %s: a Value of 1 takes the singular Unit and any other the plural',
    (expression) => {
      expect(() => parseScheduleExpression(expression)).toThrow(NOT_VALID);
    },
  );

  it.each([
    'rate(0 minutes)',
    'rate(-1 minutes)',
    'rate(1.5 hours)',
    'rate(1 second)',
    'rate(2 weeks)',
    'rate(5  minutes)',
    'rate(5minutes)',
    'rate( 5 minutes)',
    'rate 5 minutes',
    'every(5 minutes)',
    '',
  ])('refuses %j with ValidationException', (expression) => {
    let thrown: unknown;
    try {
      parseScheduleExpression(expression);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'ValidationException', message: expect.stringContaining(NOT_VALID) });
  });
});

describe('parseScheduleExpression: cron', () => {
  // The examples of the EventBridge user guide, and Quartz's L, W and # forms.
  it.each([
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0/30 20-2 ? * MON-FRI *)',
    'cron(5,35 14 * * ? *)',
    'cron(*/5 * * jan,Feb ? 2024-2030)',
    'cron(0 0 L * ? *)',
    'cron(0 0 LW * ? *)',
    'cron(0 0 15W * ? *)',
    'cron(15 10 ? * 6L *)',
    'cron(0 9 ? * 3#2 *)',
    'cron(0 9 ? * L *)',
  ])('accepts %s', (expression) => {
    expect(parseScheduleExpression(expression)).toMatchObject({ kind: 'cron', expression });
  });

  it.each([
    ['cron(0 9 * * ? )', 'it has 5 fields, not 6'],
    ['cron(0 0 9 * * ? *)', 'it has 7 fields, not 6'],
    ['cron(0 9 * * MON *)', 'exactly one of Day-of-month and Day-of-week must be ?'],
    ['cron(7 20 * * 1-7 *)', 'exactly one of Day-of-month and Day-of-week must be ?'],
    ['cron(0 9 ? * ? *)', 'exactly one of Day-of-month and Day-of-week must be ?'],
    ['cron(60 9 * * ? *)', 'Minutes takes 0-59, not "60"'],
    ['cron(0 24 * * ? *)', 'Hours takes 0-23, not "24"'],
    ['cron(0 9 0 * ? *)', 'Day-of-month takes 1-31, not "0"'],
    ['cron(0 9 * 13 ? *)', 'Month takes 1-12 or a name, not "13"'],
    ['cron(0 9 ? * 0 *)', 'Day-of-week takes 1-7 or a name, not "0"'],
    ['cron(0 9 * * ? 1969)', 'Year takes 1970-2199, not "1969"'],
    ['cron(0 9 ? * 2/2 *)', 'Day-of-week does not take "2/2"'],
    ['cron(0 9 ? * 2W *)', 'Day-of-week takes 1-7 or a name, not "2W"'],
    ['cron(0 9 3#1 * ? *)', 'Day-of-month takes 1-31, not "3#1"'],
    ['cron(0 9 L,1 * ? *)', 'Day-of-month takes 1-31, not "L"'],
    ['cron(0 9 ? * 3#6 *)', '3#6: there is no 6th weekday of a month'],
    ['cron(0/0 9 * * ? *)', 'Minutes: "0" is not a step'],
    ['cron(? 9 * * ? *)', 'Minutes takes 0-59, not "?"'],
  ])('refuses %s (%s)', (expression, reason) => {
    expect(() => parseScheduleExpression(expression)).toThrow(`${NOT_VALID} (${expression}: ${reason})`);
  });
});
