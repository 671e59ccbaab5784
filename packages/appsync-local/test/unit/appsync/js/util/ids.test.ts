// util.autoId, util.autoUlid and util.autoKsuid.
import { describe, expect, it } from 'vitest';
import { autoId, autoKsuid, autoUlid } from '../../../../../src/appsync/js/util/ids.ts';

describe('util.autoId', () => {
  it('returns a lower-case version 4 UUID', () => {
    expect(autoId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('returns a different id every time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => autoId()));
    expect(ids.size).toBe(1000);
  });
});

describe('util.autoUlid', () => {
  it('returns 26 Crockford base32 characters', () => {
    expect(autoUlid()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('encodes the millisecond timestamp in the first 10 characters', () => {
    expect(autoUlid(0).slice(0, 10)).toBe('0000000000');
    // the example timestamp of the ULID specification
    expect(autoUlid(1469918176385).slice(0, 10)).toBe('01ARYZ6S41');
  });

  it('sorts by creation time', () => {
    const earlier = autoUlid(Date.parse('2020-01-01T00:00:00Z'));
    const later = autoUlid(Date.parse('2020-01-01T00:00:00.001Z'));
    expect(earlier < later).toBe(true);
  });
});

describe('util.autoKsuid', () => {
  it('returns 27 base62 characters', () => {
    expect(autoKsuid()).toMatch(/^[0-9A-Za-z]{27}$/);
  });

  it('sorts by creation second', () => {
    const earlier = autoKsuid(Date.parse('2021-01-01T00:00:00Z'));
    const later = autoKsuid(Date.parse('2021-01-01T00:00:02Z'));
    expect(earlier < later).toBe(true);
  });

  it('starts at the KSUID epoch with a zero timestamp', () => {
    // 2014-05-13T16:53:20Z is second 0; its smallest KSUID is all zeros
    expect(autoKsuid(1_400_000_000_000) <= autoKsuid(1_400_000_001_000)).toBe(true);
    expect(autoKsuid(1_400_000_000_000)).toHaveLength(27);
  });
});
