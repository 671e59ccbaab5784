import { describe, expect, it } from 'vitest';
import { changedFields } from '../../../../../backend-services/products/domain/changedFields.ts';

describe('changedFields', () => {
  it('lists the top-level fields whose values differ, sorted', () => {
    expect(changedFields({ a: 1, b: 'x', c: [1, 2] }, { a: 2, b: 'x', c: [2, 1] })).toEqual(['a', 'c']);
  });

  it('counts a field added or removed as changed', () => {
    expect(changedFields({ a: 1, gone: true }, { a: 1, added: 'yes' })).toEqual(['added', 'gone']);
  });

  it('compares nested values by content, ignoring the order of map keys', () => {
    expect(changedFields({ p: { w: 1, h: 2 } }, { p: { h: 2, w: 1 } })).toEqual([]);
    expect(changedFields({ p: { w: 1, h: 2 } }, { p: { h: 2, w: 3 } })).toEqual(['p']);
  });

  it('tells null from a missing field and from an empty list', () => {
    expect(changedFields({ a: null }, {})).toEqual(['a']);
    expect(changedFields({ a: [] }, { a: null })).toEqual(['a']);
  });
});
