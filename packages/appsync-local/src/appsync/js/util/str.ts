// util.str: Unicode normalization, like java.text.Normalizer.
import { requireString } from './values.ts';

const FORMS: Readonly<Record<string, 'NFC' | 'NFD' | 'NFKC' | 'NFKD'>> = {
  nfc: 'NFC',
  nfd: 'NFD',
  nfkc: 'NFKC',
  nfkd: 'NFKD',
};

/** Normalizes to "nfc", "nfd", "nfkc" or "nfkd" (any case); another form is an error. */
export function normalize(value: unknown, normalizationType: unknown): string {
  const text = requireString(value, 'util.str.normalize');
  const type = requireString(normalizationType, 'util.str.normalize');
  const form = FORMS[type.toLowerCase()];
  if (form === undefined) {
    throw new Error(`util.str.normalize: unknown normalization type "${type}" (use nfc, nfd, nfkc or nfkd)`);
  }
  return text.normalize(form);
}
