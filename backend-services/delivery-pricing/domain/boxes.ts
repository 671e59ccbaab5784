// How many boxes a delivery takes: enough for the volume (a 500 mm cube per box) and for the
// weight (12 kg per box), whichever needs more, and at least one, since even a product of no
// size or weight ships in a box. Exact integer arithmetic: sums can pass 2^53.
import type { Package } from '../../../domain/catalog.ts';

export interface PackageLine {
  readonly package: Package;
  readonly quantity: number;
}

export const BOX_VOLUME_MM3 = 125_000_000n;
export const BOX_WEIGHT_G = 12_000n;

export function countBoxes(lines: readonly PackageLine[]): number {
  if (lines.length === 0) return 0;
  let volume = 0n;
  let weight = 0n;
  for (const { package: box, quantity } of lines) {
    const count = BigInt(quantity);
    volume += BigInt(box.width) * BigInt(box.length) * BigInt(box.height) * count;
    weight += BigInt(box.weight) * count;
  }
  const boxes = [ceilDivide(volume, BOX_VOLUME_MM3), ceilDivide(weight, BOX_WEIGHT_G), 1n].reduce((a, b) => (b > a ? b : a));
  return Number(boxes);
}

function ceilDivide(dividend: bigint, divisor: bigint): bigint {
  return (dividend + divisor - 1n) / divisor;
}
