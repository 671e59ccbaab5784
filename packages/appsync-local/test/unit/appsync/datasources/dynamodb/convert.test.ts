// Conversions and tokens on their own, without DynamoDB.
import { describe, expect, it } from 'vitest';
import { itemsEqual } from '../../../../../src/appsync/datasources/dynamodb/compare.ts';
import { fromAttributeMap, toAttributeMap, toAttributeValue } from '../../../../../src/appsync/datasources/dynamodb/convert.ts';
import { DataSourceFailure } from '../../../../../src/appsync/datasources/dynamodb/errors.ts';
import { type PageScope, decodeNextToken, encodeNextToken } from '../../../../../src/appsync/datasources/dynamodb/nextToken.ts';

describe('toAttributeValue', () => {
  it('turns JSON numbers into the decimal strings DynamoDB takes', () => {
    expect(toAttributeValue({ N: 12.5 }, '$')).toEqual({ N: '12.5' });
    expect(toAttributeValue({ NS: [1, '2'] }, '$')).toEqual({ NS: ['1', '2'] });
  });

  it('decodes base64 binary, ignoring characters outside the alphabet as RFC 2045 does', () => {
    expect(toAttributeValue({ B: 'SGVs\nbG8=' }, '$')).toEqual({ B: new Uint8Array(Buffer.from('Hello')) });
  });

  it('accepts NULL as null or true', () => {
    expect(toAttributeValue({ NULL: null }, '$')).toEqual({ NULL: true });
    expect(toAttributeValue({ NULL: true }, '$')).toEqual({ NULL: true });
  });

  it('refuses an object with more than one type, naming the field', () => {
    expect(() => toAttributeValue({ S: 'a', N: 1 }, '$[key][id]')).toThrow(/'\$\[key\]\[id\]'/);
  });

  it('refuses a value of the wrong shape for its type, naming nested fields', () => {
    expect(() => toAttributeMap({ tags: { M: { inner: { N: 'abc' } } } }, '$[attributeValues]')).toThrow(
      /'\$\[attributeValues\]\[tags\]\[M\]\[inner\]'/,
    );
    expect(() => toAttributeValue({ SS: ['a', 1] }, '$')).toThrow(DataSourceFailure);
  });
});

describe('fromAttributeMap', () => {
  it('gives the plain JSON AppSync puts in ctx.result', () => {
    expect(
      fromAttributeMap({
        n: { N: '-0.25' },
        b: { B: new Uint8Array([104, 105]) },
        bs: { BS: [new Uint8Array([1])] },
        l: { L: [{ NULL: true }, { M: { x: { BOOL: false } } }] },
      }),
    ).toEqual({ n: -0.25, b: 'aGk=', bs: ['AQ=='], l: [null, { x: false }] });
  });
});

describe('itemsEqual', () => {
  it('compares numbers by value, sets without order and ignores the listed attributes', () => {
    expect(itemsEqual({ n: { N: '10' } }, { n: { N: '1E1' } })).toBe(true);
    expect(itemsEqual({ n: { N: '0.10' } }, { n: { N: '.1' } })).toBe(true);
    expect(itemsEqual({ n: { N: '10' } }, { n: { N: '100' } })).toBe(false);
    expect(itemsEqual({ s: { NS: ['1', '2'] } }, { s: { NS: ['2.0', '1'] } })).toBe(true);
    expect(itemsEqual({ a: { S: 'x' }, v: { N: '1' } }, { a: { S: 'x' }, v: { N: '2' } }, ['v'])).toBe(true);
    expect(itemsEqual({ a: { S: 'x' } }, { a: { S: 'x' }, extra: { S: 'y' } })).toBe(false);
    expect(itemsEqual({ l: { L: [{ S: 'a' }, { S: 'b' }] } }, { l: { L: [{ S: 'b' }, { S: 'a' }] } })).toBe(false);
  });
});

describe('nextToken', () => {
  const scope: PageScope = { operation: 'Query', tableName: 'orders', index: 'byStatus' };
  const key = { pk: { S: 'c1' }, sk: { N: '7' }, bin: { B: new Uint8Array([0, 255]) } };

  it('round-trips the LastEvaluatedKey', () => {
    expect(decodeNextToken(encodeNextToken(key, scope), scope)).toEqual(key);
  });

  it('is refused for another scope', () => {
    const token = encodeNextToken(key, scope);
    expect(() => decodeNextToken(token, { ...scope, index: undefined })).toThrow(/Invalid pagination token given/);
  });

  it('is refused when it is not base64 JSON', () => {
    expect(() => decodeNextToken('%%%', scope)).toThrow(DataSourceFailure);
    expect(() => decodeNextToken(Buffer.from('{"version":1}').toString('base64'), scope)).toThrow(DataSourceFailure);
  });
});
