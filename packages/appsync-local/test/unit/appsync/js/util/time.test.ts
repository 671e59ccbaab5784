// util.time. The first cases of each group are the examples of the AppSync documentation
// ("Time helpers in util.time"); the documented "now" examples ran at 2018-02-06T19:01:35.749Z.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as time from '../../../../../src/appsync/js/util/time.ts';

const DOC_NOW = Date.parse('2018-02-06T19:01:35.749Z');
const DOC_EPOCH_MILLIS = 1517943695758;

describe('util.time now functions', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(DOC_NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the documented values for the documented instant', () => {
    expect(time.nowISO8601()).toBe('2018-02-06T19:01:35.749Z');
    expect(time.nowEpochSeconds()).toBe(1517943695);
    expect(time.nowEpochMilliSeconds()).toBe(1517943695749);
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
  });

  it('formats the documented AWSDate and AWSDateTime patterns with optional sections and second offsets', () => {
    vi.setSystemTime(Date.parse('2018-07-11T22:14:45Z'));
    expect(time.nowFormatted('yyyy-MM-dd[XXX]', '-07:00:30')).toBe('2018-07-11-07:00');
    expect(time.nowFormatted("yyyy-MM-dd'T'HH:mm:ss[XXXXX]", '-07:00:30')).toBe('2018-07-11T15:14:15-07:00:30');
  });
});

describe('util.time conversions', () => {
  it('converts the documented epoch milliseconds', () => {
    expect(time.epochMilliSecondsToSeconds(DOC_EPOCH_MILLIS)).toBe(1517943695);
    expect(time.epochMilliSecondsToISO8601(DOC_EPOCH_MILLIS)).toBe('2018-02-06T19:01:35.758Z');
    expect(time.epochMilliSecondsToFormatted(DOC_EPOCH_MILLIS, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.epochMilliSecondsToFormatted(DOC_EPOCH_MILLIS, 'yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe(
      '2018-02-07 03:01:35+0800',
    );
  });

  it('always writes milliseconds in ISO 8601 and truncates seconds toward zero', () => {
    expect(time.epochMilliSecondsToISO8601(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(time.epochMilliSecondsToSeconds(-1500)).toBe(-1);
  });

  it('rejects values that are not numbers', () => {
    expect(() => time.epochMilliSecondsToISO8601('soon')).toThrow(TypeError);
    expect(() => time.epochMilliSecondsToFormatted(0, 42)).toThrow(TypeError);
  });
});

describe('util.time formatting with DateTimeFormatter patterns', () => {
  const at = (iso: string, pattern: string, zone?: string): string =>
    time.epochMilliSecondsToFormatted(Date.parse(iso), pattern, zone);

  it('writes month and day names, 12-hour clocks and quoted text', () => {
    expect(at('2018-02-06T19:01:35.758Z', "EEE, d MMM yyyy hh:mm a 'UTC'")).toBe('Tue, 6 Feb 2018 07:01 PM UTC');
    expect(at('2018-02-06T19:01:35.758Z', 'EEEE MMMM dd yy')).toBe('Tuesday February 06 18');
    expect(at('2018-02-06T19:01:35.758Z', "h 'o''clock' K k H")).toBe("7 o'clock 7 19 19");
    expect(at('2018-02-06T00:01:00Z', 'h K k')).toBe('12 0 24');
  });

  it('writes fractions, day-of-year, quarters and eras', () => {
    expect(at('2018-02-06T19:01:35.758Z', 'ss.S ss.SS ss.SSS ss.SSSSSS')).toBe('35.7 35.75 35.758 35.758000');
    expect(at('2018-12-31T12:00:00Z', 'D DDD Q QQQ QQQQ G')).toBe('365 365 4 Q4 4th quarter AD');
    expect(at('2016-12-31T12:00:00Z', 'D')).toBe('366');
  });

  it('writes US week fields: weeks start on Sunday and week 1 holds January 1', () => {
    expect(at('2018-01-01T12:00:00Z', 'w e')).toBe('1 2');
    expect(at('2018-12-30T12:00:00Z', 'Y-w')).toBe('2019-1');
    expect(at('2018-02-06T12:00:00Z', 'W')).toBe('2');
  });

  it('writes offsets in every documented width', () => {
    const iso = '2018-02-06T19:01:35Z';
    expect(at(iso, 'X XX XXX XXXX XXXXX', '+05:30')).toBe('+0530 +0530 +05:30 +0530 +05:30');
    expect(at(iso, 'x xx xxx', 'UTC')).toBe('+00 +0000 +00:00');
    expect(at(iso, 'X Z ZZZZ ZZZZZ O OOOO', 'UTC')).toBe('Z +0000 GMT Z GMT GMT');
    expect(at(iso, 'O OOOO ZZZZ', '-08:00')).toBe('GMT-8 GMT-08:00 GMT-08:00');
  });

  it('names zones and follows their daylight-saving rules', () => {
    expect(at('2018-02-06T19:01:35Z', 'HH:mm z VV', 'Europe/Berlin')).toBe('20:01 CET Europe/Berlin');
    expect(at('2018-07-06T19:01:35Z', 'HH:mm z XXX', 'Europe/Berlin')).toBe('21:01 CEST +02:00');
    expect(at('2018-07-06T19:01:35Z', 'HH:mm z zzzz', 'America/New_York')).toBe('15:01 EDT Eastern Daylight Time');
    expect(at('2018-02-06T19:01:35Z', 'VV z', '+08:00')).toBe('+08:00 +08:00');
  });

  it('rejects unknown zones and invalid patterns', () => {
    expect(() => time.epochMilliSecondsToFormatted(0, 'yyyy', 'Mars/Olympus')).toThrow(/Unknown time-zone/);
    expect(() => time.epochMilliSecondsToFormatted(0, 'yyyy', 'europe/berlin')).toThrow(/Unknown time-zone/);
    expect(() => time.epochMilliSecondsToFormatted(0, 'yyyy', '+19:00')).toThrow(/out of range/);
    expect(() => time.epochMilliSecondsToFormatted(0, 'ddd')).toThrow(/Too many pattern letters/);
    expect(() => time.epochMilliSecondsToFormatted(0, 'yyyy-bb')).toThrow(/Unknown pattern letter/);
    expect(() => time.epochMilliSecondsToFormatted(0, "yyyy 'open")).toThrow(/incomplete string literal/);
  });
});

describe('util.time parsing', () => {
  it('parses the documented examples', () => {
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ')).toBe(1517505562000);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', '+08:00')).toBe(1517505562000);
  });

  it('reads ISO 8601 with or without offset, fraction or time', () => {
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-06T19:01:35.758Z')).toBe(DOC_EPOCH_MILLIS);
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-06T19:01:35Z')).toBe(1517943695000);
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-06T19:01:35')).toBe(1517943695000);
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-06')).toBe(Date.UTC(2018, 1, 6));
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-06T21:01:35.758+0200')).toBe(DOC_EPOCH_MILLIS);
  });

  it('rejects ISO 8601 text that is malformed or out of range', () => {
    expect(() => time.parseISO8601ToEpochMilliSeconds('yesterday')).toThrow(/could not be parsed/);
    expect(() => time.parseISO8601ToEpochMilliSeconds('2019-02-29T00:00:00Z')).toThrow(/out of range/);
    expect(time.parseISO8601ToEpochMilliSeconds('2020-02-29T00:00:00Z')).toBe(Date.UTC(2020, 1, 29));
  });

  it('reads names, zones and adjacent numeric fields', () => {
    expect(time.parseFormattedToEpochMilliSeconds('Tue, 6 Feb 2018 20:01:35 CET', 'EEE, d MMM yyyy HH:mm:ss z')).toBe(
      1517943695000,
    );
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-06 15:01 America/New_York', 'yyyy-MM-dd HH:mm VV')).toBe(
      Date.UTC(2018, 1, 6, 20, 1),
    );
    expect(time.parseFormattedToEpochMilliSeconds('20180206190135', 'yyyyMMddHHmmss')).toBe(1517943695000);
    expect(time.parseFormattedToEpochMilliSeconds('6/2/18 7:01 PM', 'd/M/yy h:mm a')).toBe(Date.UTC(2018, 1, 6, 19, 1));
  });

  it('lets an offset in the text win over the zone argument and applies the zone otherwise', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-06T19:01:35Z', "yyyy-MM-dd'T'HH:mm:ssXXX", '+08:00')).toBe(
      1517943695000,
    );
    expect(time.parseFormattedToEpochMilliSeconds('2018-07-01 12:00', 'yyyy-MM-dd HH:mm', 'Europe/Berlin')).toBe(
      Date.UTC(2018, 6, 1, 10, 0),
    );
    expect(time.parseFormattedToEpochMilliSeconds('2018-07-01 12:00', 'yyyy-MM-dd HH:mm')).toBe(Date.UTC(2018, 6, 1, 12, 0));
  });

  it('parses optional sections when present and skips them when absent', () => {
    const pattern = "yyyy-MM-dd['T'HH:mm]";
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-06T19:01', pattern)).toBe(Date.UTC(2018, 1, 6, 19, 1));
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-06', pattern)).toBe(Date.UTC(2018, 1, 6));
  });

  it('resolves like the SMART resolver: day-of-month is clamped to the month, leap years included', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2019-02-29', 'yyyy-MM-dd')).toBe(Date.UTC(2019, 1, 28));
    expect(time.parseFormattedToEpochMilliSeconds('2020-02-29', 'yyyy-MM-dd')).toBe(Date.UTC(2020, 1, 29));
    expect(time.parseFormattedToEpochMilliSeconds('2019-04-31', 'yyyy-MM-dd')).toBe(Date.UTC(2019, 3, 30));
    expect(time.parseFormattedToEpochMilliSeconds('2019-12-31 24:00', 'yyyy-MM-dd HH:mm')).toBe(Date.UTC(2020, 0, 1));
  });

  it('resolves local times in daylight-saving gaps and overlaps like ZonedDateTime.ofLocal', () => {
    // 2018-03-25 02:30 does not exist in Berlin: it moves one hour later, to 03:30 CEST
    expect(time.parseFormattedToEpochMilliSeconds('2018-03-25 02:30', 'yyyy-MM-dd HH:mm', 'Europe/Berlin')).toBe(
      Date.UTC(2018, 2, 25, 1, 30),
    );
    // 2018-10-28 02:30 happens twice in Berlin: the earlier offset (+02:00) wins
    expect(time.parseFormattedToEpochMilliSeconds('2018-10-28 02:30', 'yyyy-MM-dd HH:mm', 'Europe/Berlin')).toBe(
      Date.UTC(2018, 9, 28, 0, 30),
    );
  });

  it('rejects text that does not match, out-of-range fields and conflicting day names', () => {
    expect(() => time.parseFormattedToEpochMilliSeconds('2018/02/06', 'yyyy-MM-dd')).toThrow(/could not be parsed/);
    expect(() => time.parseFormattedToEpochMilliSeconds('2018-02-06 extra', 'yyyy-MM-dd')).toThrow(/unparsed text/);
    expect(() => time.parseFormattedToEpochMilliSeconds('2018-13-01', 'yyyy-MM-dd')).toThrow(/MonthOfYear/);
    expect(() => time.parseFormattedToEpochMilliSeconds('2018-02-06 25:00', 'yyyy-MM-dd HH:mm')).toThrow(/HourOfDay/);
    expect(() => time.parseFormattedToEpochMilliSeconds('Mon 2018-02-06', 'EEE yyyy-MM-dd')).toThrow(/Conflict/);
    expect(() => time.parseFormattedToEpochMilliSeconds('19:01', 'HH:mm')).toThrow(/no year/);
  });
});
