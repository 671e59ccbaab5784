import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEE,
  feeFor,
  FEES_BY_COUNTRY,
  normalizeCountry,
} from '../../../../../backend-services/delivery-pricing/domain/fees.ts';

const TABLE: [country: string, fee: number][] = [
  ...(['DK', 'FI', 'NO', 'SE'] as const).map((country): [string, number] => [country, 0]),
  ...(
    [
      'AT',
      'BE',
      'BG',
      'CY',
      'CZ',
      'DE',
      'EE',
      'ES',
      'FR',
      'GR',
      'HR',
      'HU',
      'IE',
      'IT',
      'LT',
      'LU',
      'LV',
      'MT',
      'NL',
      'PL',
      'PT',
      'RO',
      'SI',
      'SK',
    ] as const
  ).map((country): [string, number] => [country, 1000]),
  ['CA', 1500],
  ['US', 1500],
];

describe('feeFor', () => {
  it.each(TABLE)('charges %s %i per box', (country, fee) => {
    expect(feeFor(country)).toBe(fee);
  });

  it('covers exactly the countries of the contract', () => {
    const declared = Object.values(FEES_BY_COUNTRY).flat().sort();
    expect(declared).toEqual(TABLE.map(([country]) => country).sort());
  });

  it.each([
    ['se', 0],
    ['Fr', 1000],
    ['us', 1500],
    [' DE ', 1000],
    ['\tno\n', 0],
  ])('compares %j case-insensitively, ignoring surrounding spaces', (country, fee) => {
    expect(feeFor(country)).toBe(fee);
  });

  it.each(['GB', 'CH', 'JP', 'AU', 'gb', 'XX', 'Sweden', 'S E', ''])(
    'charges %j, not in the table, the default 2500',
    (country) => {
      expect(feeFor(country)).toBe(DEFAULT_FEE);
      expect(DEFAULT_FEE).toBe(2500);
    },
  );
});

describe('normalizeCountry', () => {
  it('trims and upper-cases a country code', () => {
    expect(normalizeCountry('  fr ')).toBe('FR');
  });
});
