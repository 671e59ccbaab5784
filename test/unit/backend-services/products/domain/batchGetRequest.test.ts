import { describe, expect, it } from 'vitest';
import { parseBatchGetRequest } from '../../../../../backend-services/products/domain/batchGetRequest.ts';
import { InvalidInputError } from '../../../../../backend-services/platform/errors.ts';

describe('parseBatchGetRequest', () => {
  it('answers the distinct ids in order of first mention', () => {
    expect(parseBatchGetRequest({ productIds: ['b', 'a', 'b', 'c', 'a'] })).toEqual(['b', 'a', 'c']);
  });

  it('accepts 100 distinct ids however often each is repeated', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `id-${i}`);
    expect(parseBatchGetRequest({ productIds: [...ids, ...ids] })).toEqual(ids);
  });

  it.each([
    ['101 distinct ids', { productIds: Array.from({ length: 101 }, (_, i) => `id-${i}`) }],
    ['no ids', { productIds: [] }],
    ['an id longer than DynamoDB allows', { productIds: ['x'.repeat(2049)] }],
    ['a number', { productIds: [1] }],
    ['null', null],
  ])('refuses %s', (_case, body) => {
    expect(() => parseBatchGetRequest(body)).toThrow(InvalidInputError);
  });
});
