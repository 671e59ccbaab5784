import { describe, expect, it } from 'vitest';
import { countBoxes } from '../../../../../backend-services/delivery-pricing/domain/boxes.ts';
import { aPackage } from '../../../../support/backend-services/products.ts';

describe('countBoxes', () => {
  it('packs one 100×200×300 mm, 400 g item in one box', () => {
    expect(countBoxes([{ package: aPackage(100, 200, 300, 400), quantity: 1 }])).toBe(1);
  });

  it('packs 4 of a 1000×900×800 mm item in 24 boxes (ceil(2.88e9 / 1.25e8))', () => {
    expect(countBoxes([{ package: aPackage(1000, 900, 800, 1000), quantity: 4 }])).toBe(24);
  });

  it('counts by volume when the volume needs more boxes than the weight', () => {
    // 3 × 500 mm cubes of 1 kg: exactly 3 boxes by volume, 1 by weight.
    expect(countBoxes([{ package: aPackage(500, 500, 500, 1000), quantity: 3 }])).toBe(3);
    expect(
      countBoxes([
        { package: aPackage(500, 500, 500, 1000), quantity: 3 },
        { package: aPackage(1, 1, 1, 0), quantity: 1 },
      ]),
    ).toBe(4);
  });

  it('counts by weight when the weight needs more boxes than the volume', () => {
    // 25 kg in a small volume: 3 boxes of 12 kg.
    expect(countBoxes([{ package: aPackage(100, 100, 100, 5000), quantity: 5 }])).toBe(3);
    expect(countBoxes([{ package: aPackage(100, 100, 100, 12_000), quantity: 1 }])).toBe(1);
    expect(countBoxes([{ package: aPackage(100, 100, 100, 12_001), quantity: 1 }])).toBe(2);
  });

  it('sums every line before rounding up', () => {
    const halfBox = aPackage(250, 500, 500, 100);
    expect(
      countBoxes([
        { package: halfBox, quantity: 1 },
        { package: halfBox, quantity: 1 },
      ]),
    ).toBe(1);
    expect(countBoxes([{ package: halfBox, quantity: 3 }])).toBe(2);
  });

  it('ships products of no size and no weight in one box', () => {
    expect(countBoxes([{ package: aPackage(0, 0, 0, 0), quantity: 999 }])).toBe(1);
  });

  it('needs no box for no products', () => {
    expect(countBoxes([])).toBe(0);
  });

  it('counts sums past 2^53 exactly', () => {
    // Σ volume = 100 × 999 × 10^12 mm³, past 2^53.
    const lines = Array.from({ length: 100 }, () => ({ package: aPackage(10_000, 10_000, 10_000, 0), quantity: 999 }));
    expect(countBoxes(lines)).toBe(799_200_000);
  });
});
