// A products table of a test's own in the stack's DynamoDB Local (uniquely prefixed, so test
// files running side by side never share one), seeded with the given products.
import { randomBytes } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import type { Product } from '../../../backend-services/products/domain/product.ts';
import { createLocalDynamoDbClient, createTables } from 'appsync-local/dynamodb/tables.ts';
import { PRODUCTS_TABLE } from '../../../system/tables.ts';

export interface CatalogTable {
  readonly tableName: string;
  readonly dynamodbEndpoint: string;
}

export async function createCatalogTable(products: readonly Product[]): Promise<CatalogTable> {
  const dynamodbEndpoint = inject('dynamodbEndpoint');
  const prefix = `bs-${randomBytes(4).toString('hex')}-`;
  const client = createLocalDynamoDbClient(dynamodbEndpoint);
  try {
    await createTables(client, [PRODUCTS_TABLE], prefix);
    const tableName = `${prefix}${PRODUCTS_TABLE.name}`;
    await Promise.all(
      products.map((product) => client.send(new PutItemCommand({ TableName: tableName, Item: marshall(product) }))),
    );
    return { tableName, dynamodbEndpoint };
  } finally {
    client.destroy();
  }
}
