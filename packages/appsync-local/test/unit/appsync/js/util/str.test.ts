// util.str.normalize.
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../../../src/appsync/js/util/str.ts';

describe('util.str.normalize', () => {
  it('composes and decomposes with nfc and nfd', () => {
    expect(normalize('Ame\u0301lie', 'nfc')).toBe('Amélie');
    expect(normalize('\u00F1', 'nfd')).toBe('n\u0303');
    expect(normalize('n\u0303', 'nfc')).toBe('\u00F1');
  });

  it('folds compatibility characters with nfkc and nfkd, whatever the case of the form', () => {
    expect(normalize('\uFB01', 'nfkc')).toBe('fi');
    expect(normalize('\u2460', 'NFKD')).toBe('1');
  });

  it('rejects an unknown normalization type', () => {
    expect(() => normalize('x', 'nfx')).toThrow(/unknown normalization type/);
  });
});
