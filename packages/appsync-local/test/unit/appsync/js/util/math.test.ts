// util.math.
import { describe, expect, it } from 'vitest';
import * as math from '../../../../../src/appsync/js/util/math.ts';

describe('util.math', () => {
  it('rounds half up like Java Math.round', () => {
    expect(math.roundNum(2.5)).toBe(3);
    expect(math.roundNum(2.4)).toBe(2);
    expect(math.roundNum(-2.5)).toBe(-2);
  });

  it('returns the smaller and the larger of two numbers', () => {
    expect(math.minVal(3, -1.5)).toBe(-1.5);
    expect(math.maxVal(3, -1.5)).toBe(3);
  });

  it('returns random doubles in [0, 1)', () => {
    for (let index = 0; index < 200; index += 1) {
      const value = math.randomDouble();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('returns random integers within the range, both ends included', () => {
    const seen = new Set<number>();
    for (let index = 0; index < 500; index += 1) {
      seen.add(math.randomWithinRange(1, 3));
    }
    expect([...seen].sort()).toEqual([1, 2, 3]);
    expect(math.randomWithinRange(5, 5)).toBe(5);
    expect(() => math.randomWithinRange(5, 1)).toThrow(RangeError);
  });

  it('rejects arguments that are not numbers', () => {
    expect(() => math.roundNum('2')).toThrow(TypeError);
  });
});
