// @aws-appsync/utils/dynamodb. Cases marked "recorded" reproduce outputs AppSync's EvaluateCode
// returned (published in localstack/appsync-utils' snapshots and in evaluateCode-based tests of
// public AppSync projects); the others follow the documented examples and request shapes.
import { describe, expect, it } from 'vitest';
import {
  batchDelete,
  batchGet,
  batchPut,
  get,
  operations,
  put,
  query,
  remove,
  scan,
  sync,
  toBinarySet,
  toNumberSet,
  toStringSet,
  transactGet,
  transactWrite,
  update,
} from '../../../../../src/appsync/js/util/dynamodbHelpers.ts';

describe('get', () => {
  it('builds a GetItem request with the key in DynamoDB form (recorded)', () => {
    expect(get({ key: { id: 'id' } })).toEqual({ operation: 'GetItem', key: { id: { S: 'id' } } });
  });

  it('adds consistentRead and a projection with name placeholders', () => {
    expect(get({ key: { pk: 'a', sk: 2 }, consistentRead: true, projection: ['id', 'name', 'nested.object[1]'] })).toEqual({
      operation: 'GetItem',
      key: { pk: { S: 'a' }, sk: { N: 2 } },
      consistentRead: true,
      projection: {
        expression: '#projection_1, #projection_2, #projection_3.#projection_4[1]',
        expressionNames: { '#projection_1': 'id', '#projection_2': 'name', '#projection_3': 'nested', '#projection_4': 'object' },
      },
    });
  });

  it('rejects a missing or empty key', () => {
    expect(() => get({})).toThrow(/key/);
    expect(() => get({ key: {} })).toThrow(/key/);
    expect(() => get(null)).toThrow(TypeError);
  });
});

describe('put', () => {
  it('builds a PutItem request with key and attributeValues (recorded)', () => {
    expect(put({ key: { id: 'abc' }, item: { value: 10 } })).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'abc' } },
      attributeValues: { value: { N: 10 } },
    });
  });

  it('renders the condition like util.transform and passes the versioning options on', () => {
    expect(
      put({
        key: { id: 't1' },
        item: { title: 'New Task', owner: 'u1', isComplete: false, tags: toStringSet(['a', 'b']) },
        condition: { owner: { eq: 'u1' } },
        customPartitionKey: 'pk',
        populateIndexFields: true,
        _version: 3,
      }),
    ).toEqual({
      operation: 'PutItem',
      key: { id: { S: 't1' } },
      attributeValues: {
        title: { S: 'New Task' },
        owner: { S: 'u1' },
        isComplete: { BOOL: false },
        tags: { SS: ['a', 'b'] },
      },
      condition: {
        expression: '(#owner = :owner_eq)',
        expressionNames: { '#owner': 'owner' },
        expressionValues: { ':owner_eq': { S: 'u1' } },
      },
      customPartitionKey: 'pk',
      populateIndexFields: true,
      _version: 3,
    });
  });

  it('rejects a condition util.transform cannot render', () => {
    expect(() => put({ key: { id: 1 }, item: {}, condition: { a: 'x' } })).toThrow(/condition/);
  });
});

describe('remove', () => {
  it('builds a DeleteItem request (recorded)', () => {
    expect(remove({ key: { id: 'test' } })).toEqual({ operation: 'DeleteItem', key: { id: { S: 'test' } } });
  });

  it('adds the documented owner condition', () => {
    expect(remove({ key: { id: 'XXXXXXXXXXXXXXXX' }, condition: { owner: { eq: 'XXXXXXXXXXXXXXXX' } } })).toMatchObject({
      condition: { expression: '(#owner = :owner_eq)' },
    });
  });
});

describe('update with operations', () => {
  const key = { id: 'test' };
  const requestFor = (updateObject: Record<string, unknown>) => update({ key, update: updateObject });

  it('sets plain values and null in order, one placeholder pair each (recorded)', () => {
    expect(requestFor({ name: 'Toni Test', imageUrl: null, bio: 'The test bio' })).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'test' } },
      update: {
        expression: 'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3',
        expressionNames: { '#expName_1': 'name', '#expName_2': 'imageUrl', '#expName_3': 'bio' },
        expressionValues: {
          ':expValue_1': { S: 'Toni Test' },
          ':expValue_2': { NULL: null },
          ':expValue_3': { S: 'The test bio' },
        },
      },
    });
  });

  it('sets the value of add (recorded)', () => {
    expect(requestFor({ age: operations.add(10) }).update).toEqual({
      expression: 'SET #expName_1 = :expValue_1',
      expressionNames: { '#expName_1': 'age' },
      expressionValues: { ':expValue_1': { N: 10 } },
    });
  });

  it('appends with list_append (recorded) and prepends with the operands swapped', () => {
    expect(requestFor({ values: operations.append([1, 2, 3]) }).update).toEqual({
      expression: 'SET #expName_1 = list_append(#expName_1, :expValue_1)',
      expressionNames: { '#expName_1': 'values' },
      expressionValues: { ':expValue_1': { L: [{ N: 1 }, { N: 2 }, { N: 3 }] } },
    });
    expect(requestFor({ values: operations.prepend([1]) }).update).toMatchObject({
      expression: 'SET #expName_1 = list_append(:expValue_1, #expName_1)',
    });
  });

  it('decrements with a subtraction (recorded) and increments with an addition, by 1 by default', () => {
    expect(requestFor({ currentView: operations.decrement(1) }).update).toEqual({
      expression: 'SET #expName_1 = #expName_1 - :expValue_1',
      expressionNames: { '#expName_1': 'currentView' },
      expressionValues: { ':expValue_1': { N: 1 } },
    });
    expect(requestFor({ friendsCount: operations.increment() }).update).toEqual({
      expression: 'SET #expName_1 = #expName_1 + :expValue_1',
      expressionNames: { '#expName_1': 'friendsCount' },
      expressionValues: { ':expValue_1': { N: 1 } },
    });
  });

  it('removes attributes in a REMOVE clause after the SET clause', () => {
    expect(requestFor({ oldField: operations.remove(), counter: operations.increment(2) }).update).toEqual({
      expression: 'SET #expName_2 = #expName_2 + :expValue_1 REMOVE #expName_1',
      expressionNames: { '#expName_1': 'oldField', '#expName_2': 'counter' },
      expressionValues: { ':expValue_1': { N: 2 } },
    });
  });

  it('replaces a whole nested map, but sets only the named keys of a plain nested map', () => {
    const address = { street1: '123 Main St', city: 'New York', zip: '10001' };
    expect(requestFor({ info: { address: operations.replace(address) } }).update).toEqual({
      expression: 'SET #expName_1.#expName_2 = :expValue_1',
      expressionNames: { '#expName_1': 'info', '#expName_2': 'address' },
      expressionValues: { ':expValue_1': { M: { street1: { S: '123 Main St' }, city: { S: 'New York' }, zip: { S: '10001' } } } },
    });
    expect(requestFor({ address: { city: 'Boston', zip: '02101' } }).update).toMatchObject({
      expression: 'SET #expName_1.#expName_2 = :expValue_1, #expName_1.#expName_3 = :expValue_2',
    });
  });

  it('updates list items by index with updateListItem', () => {
    expect(requestFor({ friendsIds: [operations.updateListItem('102', 1), operations.updateListItem('112', 2)] }).update).toEqual(
      {
        expression: 'SET #expName_1[1] = :expValue_1, #expName_1[2] = :expValue_2',
        expressionNames: { '#expName_1': 'friendsIds' },
        expressionValues: { ':expValue_1': { S: '102' }, ':expValue_2': { S: '112' } },
      },
    );
  });

  it('sets a plain list, and a set made with toStringSet, as whole values', () => {
    expect(requestFor({ friendsIds: [101, 104] }).update).toMatchObject({
      expressionValues: { ':expValue_1': { L: [{ N: 101 }, { N: 104 }] } },
    });
    expect(requestFor({ segments: toStringSet(['a', 'b']) }).update).toMatchObject({
      expression: 'SET #expName_1 = :expValue_1',
      expressionValues: { ':expValue_1': { SS: ['a', 'b'] } },
    });
  });

  it('adds the condition and skips undefined values', () => {
    expect(update({ key, update: { isVerified: true, skipped: undefined }, condition: { name: { eq: 'x' } } })).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'test' } },
      update: {
        expression: 'SET #expName_1 = :expValue_1',
        expressionNames: { '#expName_1': 'isVerified' },
        expressionValues: { ':expValue_1': { BOOL: true } },
      },
      condition: {
        expression: '(#name = :name_eq)',
        expressionNames: { '#name': 'name' },
        expressionValues: { ':name_eq': { S: 'x' } },
      },
    });
  });

  it('rejects a missing update object and a bad list index', () => {
    expect(() => update({ key })).toThrow(/update object/);
    expect(() => requestFor({ list: [operations.updateListItem('x', -1)] })).toThrow(/index/);
  });
});

describe('operations', () => {
  it('returns the operation objects AppSync returns (recorded)', () => {
    expect(operations.add(10)).toEqual({ type: 'OPERATION_ADD', value: 10 });
    expect(operations.append([1, 2, 3])).toEqual({ type: 'OPERATION_APPEND', items: [1, 2, 3] });
    expect(operations.decrement(10)).toEqual({ type: 'OPERATION_DECREMENT', by: 10 });
    expect(operations.increment(10)).toEqual({ type: 'OPERATION_INCREMENT', by: 10 });
    expect(operations.prepend([1, 2, 3])).toEqual({ type: 'OPERATION_PREPEND', items: [1, 2, 3] });
    expect(operations.replace({ a: 10 })).toEqual({ type: 'OPERATION_REPLACE', value: { a: 10 } });
  });

  it('returns remove and updateListItem operations', () => {
    expect(operations.remove()).toEqual({ type: 'OPERATION_REMOVE' });
    expect(operations.updateListItem('foo', 1)).toEqual({ type: 'OPERATION_UPDATE_LIST_ITEM', value: 'foo', index: 1 });
  });
});

describe('query', () => {
  it('renders the key condition and filter like util.transform, and passes paging options on', () => {
    expect(
      query({
        index: 'byCategory',
        query: { category: { eq: 'books' }, sk: { beginsWith: '2024' } },
        filter: { price: { lt: 20 } },
        limit: 20,
        nextToken: 'token',
        scanIndexForward: false,
        consistentRead: false,
        select: 'ALL_ATTRIBUTES',
        projection: ['title'],
      }),
    ).toEqual({
      operation: 'Query',
      query: {
        expression: '(#category = :category_eq) AND (begins_with(#sk,:sk_beginsWith))',
        expressionNames: { '#category': 'category', '#sk': 'sk' },
        expressionValues: { ':category_eq': { S: 'books' }, ':sk_beginsWith': { S: '2024' } },
      },
      index: 'byCategory',
      limit: 20,
      nextToken: 'token',
      scanIndexForward: false,
      consistentRead: false,
      select: 'ALL_ATTRIBUTES',
      filter: {
        expression: '(#price < :price_lt)',
        expressionNames: { '#price': 'price' },
        expressionValues: { ':price_lt': { N: 20 } },
      },
      projection: { expression: '#projection_1', expressionNames: { '#projection_1': 'title' } },
    });
  });

  it('leaves out options that are null or undefined', () => {
    expect(query({ query: { id: { eq: 1 } }, limit: null, nextToken: undefined, filter: null })).toEqual({
      operation: 'Query',
      query: { expression: '(#id = :id_eq)', expressionNames: { '#id': 'id' }, expressionValues: { ':id_eq': { N: 1 } } },
    });
  });

  it('rejects a missing key condition', () => {
    expect(() => query({})).toThrow(/key condition/);
    expect(() => query({ query: {} })).toThrow(/key condition/);
  });
});

describe('scan and sync', () => {
  it('builds a Scan request with only the options given (recorded)', () => {
    expect(scan({ limit: 10, nextToken: 'abc' })).toEqual({ operation: 'Scan', limit: 10, nextToken: 'abc' });
  });

  it('adds filter, segments and projection to a Scan', () => {
    expect(scan({ filter: { status: { eq: 'ACTIVE' } }, totalSegments: 4, segment: 1, consistentRead: true })).toEqual({
      operation: 'Scan',
      consistentRead: true,
      totalSegments: 4,
      segment: 1,
      filter: {
        expression: '(#status = :status_eq)',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':status_eq': { S: 'ACTIVE' } },
      },
    });
  });

  it('builds a Sync request', () => {
    expect(sync({ limit: 10, nextToken: 'abc', lastSync: 1 })).toEqual({
      operation: 'Sync',
      limit: 10,
      nextToken: 'abc',
      lastSync: 1,
    });
  });
});

describe('batch operations', () => {
  it('builds the documented BatchGetItem example', () => {
    expect(
      batchGet({
        tables: { post: { keys: [{ id: '1' }, { id: '2' }], consistentRead: false, projection: ['id', 'name'] } },
      }),
    ).toEqual({
      operation: 'BatchGetItem',
      tables: {
        post: {
          keys: [{ id: { S: '1' } }, { id: { S: '2' } }],
          consistentRead: false,
          projection: {
            expression: '#projection_1, #projection_2',
            expressionNames: { '#projection_1': 'id', '#projection_2': 'name' },
          },
        },
      },
    });
  });

  it('builds the documented BatchPutItem and BatchDeleteItem examples', () => {
    expect(
      batchPut({ tables: { post: [{ id: 'one', value: 'x' }], comment: [{ id: 'one', comment: 'x', text: 'something' }] } }),
    ).toEqual({
      operation: 'BatchPutItem',
      tables: {
        post: [{ id: { S: 'one' }, value: { S: 'x' } }],
        comment: [{ id: { S: 'one' }, comment: { S: 'x' }, text: { S: 'something' } }],
      },
    });
    expect(batchDelete({ tables: { post: [{ id: 'one' }, { id: 'two' }] } })).toEqual({
      operation: 'BatchDeleteItem',
      tables: { post: [{ id: { S: 'one' } }, { id: { S: 'two' } }] },
    });
  });

  it('rejects input without tables', () => {
    expect(() => batchGet({})).toThrow(/tables/);
    expect(() => batchPut({ tables: { post: 'x' } })).toThrow(/list/);
  });
});

describe('transactions', () => {
  it('builds the documented TransactGetItems example', () => {
    expect(
      transactGet({
        items: [
          { table: 'post', key: { id: '1' }, projection: ['name'] },
          { table: 'post', key: { id: '2' } },
        ],
      }),
    ).toEqual({
      operation: 'TransactGetItems',
      transactItems: [
        {
          table: 'post',
          key: { id: { S: '1' } },
          projection: { expression: '#projection_1', expressionNames: { '#projection_1': 'name' } },
        },
        { table: 'post', key: { id: { S: '2' } } },
      ],
    });
  });

  it('builds the documented TransactWriteItems example with all four kinds of item', () => {
    const result = transactWrite({
      items: [
        { putItem: { table: 'post', key: { id: '1' }, item: { title: 'a' }, condition: { id: { attributeExists: false } } } },
        { deleteItem: { table: 'post', key: { id: '2' } } },
        { updateItem: { table: 'post', key: { id: '2' }, update: { views: operations.increment() } } },
        { conditionCheck: { table: 'post', key: { id: '3' }, condition: { status: { eq: 'OPEN' } } } },
      ],
    });
    expect(result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: 'post',
          operation: 'PutItem',
          key: { id: { S: '1' } },
          attributeValues: { title: { S: 'a' } },
          condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' }, expressionValues: {} },
        },
        { table: 'post', operation: 'DeleteItem', key: { id: { S: '2' } } },
        {
          table: 'post',
          operation: 'UpdateItem',
          key: { id: { S: '2' } },
          update: {
            expression: 'SET #expName_1 = #expName_1 + :expValue_1',
            expressionNames: { '#expName_1': 'views' },
            expressionValues: { ':expValue_1': { N: 1 } },
          },
        },
        {
          table: 'post',
          operation: 'ConditionCheck',
          key: { id: { S: '3' } },
          condition: {
            expression: '(#status = :status_eq)',
            expressionNames: { '#status': 'status' },
            expressionValues: { ':status_eq': { S: 'OPEN' } },
          },
        },
      ],
    });
  });

  it('rejects an item of no known kind and an item without a table', () => {
    expect(() => transactWrite({ items: [{ upsert: {} }] })).toThrow(/putItem, updateItem/);
    expect(() => transactGet({ items: [{ key: { id: '1' } }] })).toThrow(/table/);
  });
});

describe('set helpers', () => {
  it('build the documented set shapes, numbers as strings', () => {
    expect(toStringSet(['a', 'b', 'c'])).toEqual({ SS: ['a', 'b', 'c'] });
    expect(toNumberSet([1, 2, 3])).toEqual({ NS: ['1', '2', '3'] });
    expect(toBinarySet(['SGVsbG8=', 'V29ybGQ='])).toEqual({ BS: ['SGVsbG8=', 'V29ybGQ='] });
  });

  it('reject input that is not a list', () => {
    expect(() => toStringSet('a')).toThrow(/list/);
  });
});
