// createAppSyncModules: everything @aws-appsync/utils declares (but util.rds) is there, the
// objects cannot be changed by resolver code, and the functions work on values created in
// another realm, as sandboxed resolver code creates them.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createTestModules } from './testHost.ts';

const DECLARED_UTIL = [
  'escapeJavaScript',
  'urlEncode',
  'urlDecode',
  'base64Encode',
  'base64Decode',
  'autoId',
  'autoUlid',
  'autoKsuid',
  'unauthorized',
  'error',
  'appendError',
  'matches',
  'authType',
];
const DECLARED_GROUPS: Record<string, string[]> = {
  time: [
    'nowISO8601',
    'nowEpochSeconds',
    'nowEpochMilliSeconds',
    'nowFormatted',
    'parseFormattedToEpochMilliSeconds',
    'parseISO8601ToEpochMilliSeconds',
    'epochMilliSecondsToSeconds',
    'epochMilliSecondsToISO8601',
    'epochMilliSecondsToFormatted',
  ],
  dynamodb: [
    'toDynamoDB',
    'toString',
    'toStringSet',
    'toNumber',
    'toNumberSet',
    'toBinary',
    'toBinarySet',
    'toBoolean',
    'toNull',
    'toList',
    'toMap',
    'toMapValues',
    'toS3Object',
    'fromS3ObjectJson',
  ],
  http: ['copyHeaders', 'addResponseHeader', 'addResponseHeaders'],
  xml: ['toMap', 'toJsonString'],
  transform: ['toDynamoDBFilterExpression', 'toDynamoDBConditionExpression', 'toElasticsearchQueryDSL', 'toSubscriptionFilter'],
  math: ['roundNum', 'minVal', 'maxVal', 'randomDouble', 'randomWithinRange'],
  str: ['normalize'],
};
const DECLARED_DYNAMODB_MODULE = [
  'get',
  'put',
  'update',
  'remove',
  'query',
  'scan',
  'sync',
  'batchGet',
  'batchPut',
  'batchDelete',
  'transactGet',
  'transactWrite',
  'toStringSet',
  'toNumberSet',
  'toBinarySet',
];
const DECLARED_OPERATIONS = ['add', 'remove', 'replace', 'increment', 'decrement', 'append', 'prepend', 'updateListItem'];

describe('createAppSyncModules', () => {
  it('provides every function @aws-appsync/utils declares for util, except util.rds', () => {
    const { util } = createTestModules();
    const utilRecord = util as unknown as Record<string, Record<string, unknown>>;
    for (const name of DECLARED_UTIL) {
      expect(typeof utilRecord[name], `util.${name}`).toBe('function');
    }
    for (const [group, names] of Object.entries(DECLARED_GROUPS)) {
      for (const name of names) {
        expect(typeof utilRecord[group]?.[name], `util.${group}.${name}`).toBe('function');
      }
    }
    expect(utilRecord.rds).toBeUndefined();
  });

  it('provides runtime.earlyReturn, the four extensions and the dynamodb module with its operations', () => {
    const { runtime, extensions, ddb } = createTestModules();
    expect(typeof runtime.earlyReturn).toBe('function');
    for (const name of [
      'evictFromApiCache',
      'setSubscriptionFilter',
      'setSubscriptionInvalidationFilter',
      'invalidateSubscriptions',
    ]) {
      expect(typeof (extensions as unknown as Record<string, unknown>)[name], `extensions.${name}`).toBe('function');
    }
    for (const name of DECLARED_DYNAMODB_MODULE) {
      expect(typeof ddb[name], `dynamodb.${name}`).toBe('function');
    }
    const operations = ddb.operations as Record<string, unknown>;
    for (const name of DECLARED_OPERATIONS) {
      expect(typeof operations[name], `operations.${name}`).toBe('function');
    }
  });

  it('freezes the objects so that one evaluation cannot change what the next sees', () => {
    const { util, ddb } = createTestModules();
    expect(Object.isFrozen(util)).toBe(true);
    expect(Object.isFrozen(util.dynamodb)).toBe(true);
    expect(Object.isFrozen(ddb.operations)).toBe(true);
    expect(() => {
      (util as unknown as Record<string, unknown>).autoId = () => 'fixed';
    }).toThrow(TypeError);
  });

  it('works with detached functions, as destructuring imports use them', () => {
    const { util, ddb } = createTestModules();
    const { toMapValues } = util.dynamodb;
    const { toDynamoDBFilterExpression } = util.transform;
    const get = ddb.get as (input: unknown) => unknown;
    expect(toMapValues({ id: 'a' })).toEqual({ id: { S: 'a' } });
    expect(toDynamoDBFilterExpression({ a: { eq: 1 } })).toContain('#a = :a_eq');
    expect(get({ key: { id: 'a' } })).toEqual({ operation: 'GetItem', key: { id: { S: 'a' } } });
  });

  it('accepts maps and lists created in another realm, like sandboxed resolver code', () => {
    const { util, runtime, extensions, ddb, host } = createTestModules('AMAZON_COGNITO_USER_POOLS');
    const sandbox = { util, runtime, extensions, ddb };
    const result = runInNewContext(
      `({
        map: util.dynamodb.toMapValues({ id: 'p1', tags: ['a'], meta: { n: 1 } }),
        filter: JSON.parse(util.transform.toDynamoDBFilterExpression({ or: [{ a: { eq: 1 } }, { b: { in: [1, 2] } }] })),
        subscription: util.transform.toSubscriptionFilter({ a: { eq: 1 } }),
        request: ddb.update({ key: { id: 'p1' }, update: { views: ddb.operations.increment(), meta: { n: 2 } } }),
        auth: util.authType(),
      })`,
      sandbox,
    ) as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      map: { id: { S: 'p1' }, tags: { L: [{ S: 'a' }] }, meta: { M: { n: { N: 1 } } } },
      filter: {
        expression: '((#a = :or_0_a_eq) OR (#b IN (:or_1_b_in_0, :or_1_b_in_1)))',
        expressionNames: { '#a': 'a', '#b': 'b' },
        expressionValues: { ':or_0_a_eq': { N: 1 }, ':or_1_b_in_0': { N: 1 }, ':or_1_b_in_1': { N: 2 } },
      },
      subscription: { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: 1 }] }] },
      request: {
        operation: 'UpdateItem',
        key: { id: { S: 'p1' } },
        update: {
          expression: 'SET #expName_1 = #expName_1 + :expValue_1, #expName_2.#expName_3 = :expValue_2',
          expressionNames: { '#expName_1': 'views', '#expName_2': 'meta', '#expName_3': 'n' },
          expressionValues: { ':expValue_1': { N: 1 }, ':expValue_2': { N: 2 } },
        },
      },
      auth: 'User Pool Authorization',
    });
    runInNewContext(`util.appendError('from the sandbox', 'Custom', { list: [1] })`, sandbox);
    expect(host.invocation.appendedErrors).toEqual([
      { message: 'from the sandbox', errorType: 'Custom', data: { list: [1] }, errorInfo: null },
    ]);
  });
});
