// util.math: rounding, min/max and random numbers, with Java's Math semantics.
import { requireNumber } from './values.ts';

/** Rounds half up to the nearest integer (Math.round in Java and JavaScript agree). */
export function roundNum(input: unknown): number {
  return Math.round(requireNumber(input, 'util.math.roundNum'));
}

export function minVal(first: unknown, second: unknown): number {
  return Math.min(requireNumber(first, 'util.math.minVal'), requireNumber(second, 'util.math.minVal'));
}

export function maxVal(first: unknown, second: unknown): number {
  return Math.max(requireNumber(first, 'util.math.maxVal'), requireNumber(second, 'util.math.maxVal'));
}

/** A random double in [0, 1). */
export function randomDouble(): number {
  return Math.random();
}

/** A random integer between start and end, both included. */
export function randomWithinRange(start: unknown, end: unknown): number {
  const low = Math.ceil(requireNumber(start, 'util.math.randomWithinRange'));
  const high = Math.floor(requireNumber(end, 'util.math.randomWithinRange'));
  if (high < low) {
    throw new RangeError(`util.math.randomWithinRange: the range ${low}..${high} is empty`);
  }
  return low + Math.floor(Math.random() * (high - low + 1));
}
