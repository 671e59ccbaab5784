// util.dynamodb. Expected values are the documented examples, with numbers kept as JSON numbers
// as AppSync's EvaluateCode returns them ({ "N": 12345 }).
import { describe, expect, it } from 'vitest';
import * as dynamodb from '../../../../../src/appsync/js/util/dynamodb.ts';

describe('util.dynamodb.toDynamoDB', () => {
  it('converts strings, numbers and booleans to S, N and BOOL', () => {
    expect(dynamodb.toDynamoDB('foo')).toEqual({ S: 'foo' });
    expect(dynamodb.toDynamoDB(12345)).toEqual({ N: 12345 });
    expect(dynamodb.toDynamoDB(4.56)).toEqual({ N: 4.56 });
    expect(dynamodb.toDynamoDB(true)).toEqual({ BOOL: true });
  });

  it('converts null and undefined to NULL', () => {
    expect(dynamodb.toDynamoDB(null)).toEqual({ NULL: null });
    expect(dynamodb.toDynamoDB(undefined)).toEqual({ NULL: null });
  });

  it('converts the documented object example to M, with lists as L rather than sets', () => {
    expect(dynamodb.toDynamoDB({ foo: 'bar', baz: 1234, beep: ['boop'] })).toEqual({
      M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
    });
  });

  it('converts nested lists and maps recursively, leaving out undefined map entries', () => {
    expect(dynamodb.toDynamoDB({ a: [[1, null], { b: { c: false } }], skipped: undefined })).toEqual({
      M: { a: { L: [{ L: [{ N: 1 }, { NULL: null }] }, { M: { b: { M: { c: { BOOL: false } } } } }] } },
    });
  });

  it('refuses values DynamoDB cannot hold', () => {
    expect(() => dynamodb.toDynamoDB(Number.NaN)).toThrow(TypeError);
    expect(() => dynamodb.toDynamoDB(() => 1)).toThrow(TypeError);
  });
});

describe('util.dynamodb scalar and set converters', () => {
  it('wraps values in the documented shapes', () => {
    expect(dynamodb.toString('foo')).toEqual({ S: 'foo' });
    expect(dynamodb.toStringSet(['foo', 'bar', 'baz'])).toEqual({ SS: ['foo', 'bar', 'baz'] });
    expect(dynamodb.toNumber(12345)).toEqual({ N: 12345 });
    expect(dynamodb.toNumberSet([1, 23, 4.56])).toEqual({ NS: [1, 23, 4.56] });
    expect(dynamodb.toBinary('foo')).toEqual({ B: 'foo' });
    expect(dynamodb.toBinarySet(['foo', 'bar', 'baz'])).toEqual({ BS: ['foo', 'bar', 'baz'] });
    expect(dynamodb.toBoolean(true)).toEqual({ BOOL: true });
    expect(dynamodb.toNull()).toEqual({ NULL: null });
  });

  it('answers null for null or undefined input', () => {
    for (const convert of [
      dynamodb.toString,
      dynamodb.toStringSet,
      dynamodb.toNumber,
      dynamodb.toNumberSet,
      dynamodb.toBinary,
      dynamodb.toBinarySet,
      dynamodb.toBoolean,
    ]) {
      expect(convert(null)).toBeNull();
      expect(convert(undefined)).toBeNull();
    }
  });

  it('accepts numeric strings as numbers and rejects anything else', () => {
    expect(dynamodb.toNumber('42')).toEqual({ N: 42 });
    expect(() => dynamodb.toNumber('forty-two')).toThrow(TypeError);
    expect(() => dynamodb.toNumberSet(['1', 'x'])).toThrow(TypeError);
    expect(() => dynamodb.toBoolean('true')).toThrow(TypeError);
    expect(() => dynamodb.toStringSet('a')).toThrow(TypeError);
  });
});

describe('util.dynamodb.toList, toMap and toMapValues', () => {
  it('converts the documented list example', () => {
    expect(dynamodb.toList(['foo', 123, { bar: 'baz' }])).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
  });

  it('converts the documented map example, and toMapValues equals toMap(obj).M', () => {
    const input = { foo: 'bar', baz: 1234, beep: ['boop'] };
    const expected = { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } };
    expect(dynamodb.toMap(input)).toEqual({ M: expected });
    expect(dynamodb.toMapValues(input)).toEqual(expected);
  });

  it('answers null when given the wrong kind of value', () => {
    expect(dynamodb.toList({ a: 1 })).toBeNull();
    expect(dynamodb.toMap(['a'])).toBeNull();
    expect(dynamodb.toMapValues('a')).toBeNull();
    expect(dynamodb.toMapValues(null)).toBeNull();
  });
});

describe('util.dynamodb.toS3Object and fromS3ObjectJson', () => {
  it('stores key, bucket and region, and the version when given, as a compact JSON string', () => {
    expect(dynamodb.toS3Object('foo', 'bar', 'baz')).toEqual({ S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' });
    expect(dynamodb.toS3Object('foo', 'bar', 'baz', 'beep')).toEqual({
      S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}',
    });
  });

  it('reads back the map of a stored reference, from the string or its S attribute', () => {
    const stored = dynamodb.toS3Object('foo', 'bar', 'baz', 'beep');
    expect(dynamodb.fromS3ObjectJson(stored.S)).toEqual({ key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' });
    expect(dynamodb.fromS3ObjectJson(stored)).toEqual({ key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' });
  });

  it('rejects strings that are not S3 object references', () => {
    expect(() => dynamodb.fromS3ObjectJson('not json')).toThrow(/S3 object/);
    expect(() => dynamodb.fromS3ObjectJson('{"key":"foo"}')).toThrow(/"s3"/);
    expect(() => dynamodb.fromS3ObjectJson(42)).toThrow(TypeError);
  });
});
