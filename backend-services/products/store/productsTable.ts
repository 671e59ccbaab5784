// The only code that talks to the products table. Reads are strongly consistent: a price or a
// package just changed by the back office is what the next quote sees.
import { BatchGetItemCommand, type BatchGetItemCommandOutput, type KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';
import type { Product } from '../domain/product.ts';
import { TableBusyError } from '../errors.ts';

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

/** BatchGetItem may leave keys unprocessed under load; they are asked again this many times in all. */
const BATCH_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 50;

/** The products found among `productIds` (at most 100), in no particular order. */
export async function batchGetProducts(productIds: readonly string[]): Promise<Product[]> {
  const found: Product[] = [];
  let pending: KeysAndAttributes | undefined = {
    Keys: productIds.map((productId) => marshall({ productId })),
    ConsistentRead: true,
  };
  for (let attempt = 1; pending?.Keys?.length; attempt += 1) {
    if (attempt > BATCH_ATTEMPTS) throw new TableBusyError();
    if (attempt > 1) await sleep(Math.random() * BACKOFF_BASE_MS * 2 ** (attempt - 1));
    const result: BatchGetItemCommandOutput = await client.send(
      new BatchGetItemCommand({ RequestItems: { [config.productsTable]: pending } }),
    );
    found.push(...(result.Responses?.[config.productsTable] ?? []).map(toProduct));
    pending = result.UnprocessedKeys?.[config.productsTable];
  }
  return found;
}

// The table holds nothing but products, written by putProduct or the seed.
function toProduct(item: Parameters<typeof unmarshall>[0]): Product {
  return unmarshall(item) as Product;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
