import { describe, expect, it } from 'vitest';
import { indexesQueriedBy, operationsOf, tableAccessOf } from '../../../infra/constructs/resolverAccess.ts';
import { mutationFieldsOf } from '../../../system/events.ts';

describe('tableAccessOf', () => {
  it('grants the cart read of requireProduct on the carts table, and only BatchGetItem there', () => {
    expect(tableAccessOf('productsTable').carts).toEqual(['dynamodb:BatchGetItem']);
  });

  it('grants the orders table only reads and the status update', () => {
    expect(tableAccessOf('ordersTable')).toEqual({ orders: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'] });
  });

  it('reads the operations of imported dynamodb helpers', () => {
    expect(
      operationsOf('import { query as q, get } from "@aws-appsync/utils/dynamodb";\nreturn { operation: "BatchGetItem" };'),
    ).toEqual(['BatchGetItem', 'GetItem', 'Query']);
  });
});

describe('mutationFieldsOf', () => {
  it('names the top-level fields of a mutation document only', () => {
    expect(mutationFieldsOf('mutation P($input: In!) { publishOrderStatus(input: $input) { orderId status } }')).toEqual([
      'publishOrderStatus',
    ]);
  });

  it('names a field under an alias by its own name, once', () => {
    expect(
      mutationFieldsOf('mutation { a: publishOrderStatus(input: $a) { orderId } b: publishOrderStatus(input: $b) { orderId } }'),
    ).toEqual(['publishOrderStatus']);
  });

  it('refuses a query, and a document of more than one operation', () => {
    expect(() => mutationFieldsOf('query { getProduct(productId: "p") { name } }')).toThrow(/Not one mutation/);
    expect(() => mutationFieldsOf('mutation A { a } mutation B { b }')).toThrow(/Not one mutation/);
  });
});

describe('indexesQueriedBy', () => {
  it('names the indexes each data source queries, so its role may use no other', () => {
    expect(indexesQueriedBy('ordersTable')).toEqual(['byStatus', 'byUser']);
    expect(indexesQueriedBy('productsTable')).toEqual(['byCategory']);
    expect(indexesQueriedBy('cartsTable')).toEqual([]);
  });

  it('refuses an index the table does not declare', () => {
    expect(() => indexesQueriedBy('ordersTable', () => 'return { operation: "Query", index: "byColour" };')).toThrow(/byColour/);
  });
});
