// The minutes a cron expression names, in UTC, stepped forward from a given time.
import { describe, expect, it } from 'vitest';
import { nextCronTime, parseCron } from '../../../../src/eventbridge/schedule/cron.ts';

/** The next `count` times the expression names after `from`, as `YYYY-MM-DDTHH:MM`. */
function nextTimes(fields: string, from: string, count = 4): string[] {
  const cron = parseCron(fields);
  const times: string[] = [];
  let after = Date.parse(from);
  for (let i = 0; i < count; i++) {
    const next = nextCronTime(cron, after);
    if (next === undefined) break;
    times.push(new Date(next).toISOString().slice(0, 16));
    after = next;
  }
  return times;
}

describe('nextCronTime', () => {
  it('fires strictly after the given time, on whole minutes', () => {
    expect(nextTimes('0 10 * * ? *', '2024-05-01T10:00:00Z', 2)).toEqual(['2024-05-02T10:00', '2024-05-03T10:00']);
    expect(nextTimes('* * * * ? *', '2024-05-01T10:00:59.999Z', 2)).toEqual(['2024-05-01T10:01', '2024-05-01T10:02']);
  });

  it('steps minutes from a start value: 0/15 is 0, 15, 30 and 45', () => {
    expect(nextTimes('0/15 * * * ? *', '2024-05-01T10:07:12Z')).toEqual([
      '2024-05-01T10:15',
      '2024-05-01T10:30',
      '2024-05-01T10:45',
      '2024-05-01T11:00',
    ]);
  });

  it('reads days of the week from 1 (SUN) to 7 (SAT), and names', () => {
    // 2024-05-03 is a Friday.
    expect(nextTimes('0 18 ? * MON-FRI *', '2024-05-03T18:30:00Z', 2)).toEqual(['2024-05-06T18:00', '2024-05-07T18:00']);
    expect(nextTimes('0 18 ? * 1 *', '2024-05-03T00:00:00Z', 1)).toEqual(['2024-05-05T18:00']);
  });

  it('wraps a range past the field end: hours 20-2 run through midnight', () => {
    expect(nextTimes('0 20-2 ? * * *', '2024-05-01T21:30:00Z', 6)).toEqual([
      '2024-05-01T22:00',
      '2024-05-01T23:00',
      '2024-05-02T00:00',
      '2024-05-02T01:00',
      '2024-05-02T02:00',
      '2024-05-02T20:00',
    ]);
  });

  it('finds the last day of each month with L, leap years included', () => {
    expect(nextTimes('0 0 L * ? *', '2024-01-15T00:00:00Z', 3)).toEqual([
      '2024-01-31T00:00',
      '2024-02-29T00:00',
      '2024-03-31T00:00',
    ]);
  });

  it('moves W to the nearest weekday without leaving the month, and LW to the last weekday', () => {
    // 2024-06-01 is a Saturday: 1W is Monday the 3rd, not Friday in May.
    expect(nextTimes('0 0 1W * ? *', '2024-05-31T12:00:00Z', 2)).toEqual(['2024-06-03T00:00', '2024-07-01T00:00']);
    // 2024-03-31 is a Sunday.
    expect(nextTimes('0 0 LW * ? *', '2024-03-01T00:00:00Z', 1)).toEqual(['2024-03-29T00:00']);
  });

  it('reads 6L as the last Friday and 3#2 as the second Tuesday of the month', () => {
    expect(nextTimes('15 10 ? * 6L *', '2024-01-01T00:00:00Z', 2)).toEqual(['2024-01-26T10:15', '2024-02-23T10:15']);
    expect(nextTimes('0 9 ? * 3#2 *', '2024-01-01T00:00:00Z', 2)).toEqual(['2024-01-09T09:00', '2024-02-13T09:00']);
  });

  it('skips months without the day and stops after the last year', () => {
    expect(nextTimes('0 0 29 FEB ? *', '2024-03-01T00:00:00Z', 1)).toEqual(['2028-02-29T00:00']);
    expect(nextTimes('45 13 L * ? 2023-2027', '2027-11-01T00:00:00Z')).toEqual(['2027-11-30T13:45', '2027-12-31T13:45']);
  });
});
