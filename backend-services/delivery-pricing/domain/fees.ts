// The delivery fee per box, in cents, by destination country (ISO 3166-1 alpha-2).

export const FEES_BY_COUNTRY = {
  0: ['DK', 'FI', 'NO', 'SE'],
  1000: [
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
  ],
  1500: ['CA', 'US'],
} as const;

/** Every country not in the table, and anything that is not a country code we know. */
export const DEFAULT_FEE = 2500;

const FEES = new Map<string, number>(
  Object.entries(FEES_BY_COUNTRY).flatMap(([fee, countries]) => countries.map((country) => [country, Number(fee)] as const)),
);

/** Country codes are compared case-insensitively, ignoring surrounding spaces. */
export function normalizeCountry(country: string): string {
  return country.trim().toUpperCase();
}

export function feeFor(country: string): number {
  return FEES.get(normalizeCountry(country)) ?? DEFAULT_FEE;
}
