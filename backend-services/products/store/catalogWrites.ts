// The catalog's writes: putProduct, deleteProduct and adjustStock, each one conditional write
// (or one transaction with its ledger movement) on the products table.
//
// putProduct on an existing product is one UpdateItem that writes every field but stock, on the
// condition that the stored stock is the one given (a stale edit form cannot write reserved
// units back) and, with expectedVersion, that the version is the one given; `version` goes up by
// one. On a product that does not exist it is a transaction: the product (version 1) and its
// INITIAL movement. Stock is only ever moved with `SET stock = :new` on `stock = :old`
// (stockLedger.ts), together with its movement.
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import { STOCK_REASONS, versionOf } from '../../../domain/stockMovement.ts';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';
import type { ProductDraft, PutProductRequest, StockAdjustmentRequest } from '../domain/catalogRequests.ts';
import type { Product } from '../domain/product.ts';
import { CatalogConflictError, ProductNotFoundError, TableBusyError } from '../errors.ts';
import { backoff, isRetryable, movementPut, refusalOf, STOCK_WRITE_ATTEMPTS, stockSet } from './stockLedger.ts';

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

/** Creates the product, or replaces an existing one's fields (stock excepted); answers it as written. */
export async function putProduct(request: PutProductRequest, now: Date): Promise<Product> {
  const { product, expectedVersion } = request;
  const productId = product.productId ?? randomUUID();
  // A product created or deleted between the two writes sends the put to the other one.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    if (product.productId !== undefined) {
      const replaced = await replaceProduct(productId, product, expectedVersion, now);
      if (replaced) return replaced;
      if (expectedVersion !== undefined) {
        throw new CatalogConflictError(
          `Product ${productId} does not exist (deleted since it was read?); expected version ${expectedVersion}.`,
        );
      }
    }
    const created = await createProduct(productId, product, request.actor, now);
    if (created) return created;
  }
  throw new TableBusyError();
}

/** The product as written; undefined when there is none to replace. */
async function replaceProduct(
  productId: string,
  draft: ProductDraft,
  expectedVersion: number | undefined,
  now: Date,
): Promise<Product | undefined> {
  const names: Record<string, string> = {
    '#name': 'name',
    '#category': 'category',
    '#tags': 'tags',
    '#pictures': 'pictures',
    '#price': 'price',
    '#package': 'package',
    '#lowStockThreshold': 'lowStockThreshold',
    '#version': 'version',
    '#modifiedDate': 'modifiedDate',
    '#stock': 'stock',
    '#description': 'description',
  };
  const values: Record<string, unknown> = {
    ':name': draft.name,
    ':category': draft.category,
    ':tags': draft.tags,
    ':pictures': draft.pictures,
    ':price': draft.price,
    ':package': draft.package,
    ':lowStockThreshold': draft.lowStockThreshold,
    ':zero': 0,
    ':one': 1,
    ':now': now.toISOString(),
    ':stock': draft.stock,
  };
  const set = [
    '#name = :name',
    '#category = :category',
    '#tags = :tags',
    '#pictures = :pictures',
    '#price = :price',
    '#package = :package',
    '#lowStockThreshold = :lowStockThreshold',
    '#version = if_not_exists(#version, :zero) + :one',
    '#modifiedDate = :now',
  ];
  if (draft.description !== undefined) {
    set.push('#description = :description');
    values[':description'] = draft.description;
  }
  const conditions = ['attribute_exists(productId)', '#stock = :stock'];
  if (expectedVersion !== undefined) {
    // A product written before versions has none: version 0.
    if (expectedVersion === 0) {
      conditions.push('(attribute_not_exists(#version) OR #version = :zero)');
    } else {
      values[':expectedVersion'] = expectedVersion;
      conditions.push('#version = :expectedVersion');
    }
  }
  try {
    const { Attributes } = await client.send(
      new UpdateItemCommand({
        TableName: config.productsTable,
        Key: marshall({ productId }),
        UpdateExpression: `SET ${set.join(', ')}${draft.description === undefined ? ' REMOVE #description' : ''}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values),
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return unmarshall(Attributes!) as Product;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!error.Item) return undefined;
    throw putRefusal(unmarshall(error.Item) as Product, draft.stock, expectedVersion);
  }
}

function putRefusal(stored: Product, stock: number, expectedVersion: number | undefined): CatalogConflictError {
  const version = versionOf(stored);
  if (expectedVersion !== undefined && version !== expectedVersion) {
    return new CatalogConflictError(
      `Product ${stored.productId} is at version ${version}, not the expected version ${expectedVersion}: it was changed since it was read. Read it again.`,
    );
  }
  return new CatalogConflictError(
    `Product ${stored.productId} has ${stored.stock} in stock, not ${stock}: putProduct never changes the stock of an existing product. Send the stored stock, and use adjustStock to change it.`,
  );
}

/** The product as created; undefined when one with the id exists already. */
async function createProduct(productId: string, draft: ProductDraft, actor: string, now: Date): Promise<Product | undefined> {
  const date = now.toISOString();
  const { productId: _given, ...fields } = draft;
  const product: Product = { productId, ...fields, version: 1, createdDate: date, modifiedDate: date };
  const items: TransactWriteItem[] = [
    {
      Put: {
        TableName: config.productsTable,
        Item: marshall(product, { removeUndefinedValues: true }),
        ConditionExpression: 'attribute_not_exists(productId)',
      },
    },
    movementPut(
      { productId, delta: draft.stock, reason: STOCK_REASONS.initial, actor, at: date, stockAfter: draft.stock },
      `initial-${randomUUID()}`,
    ),
  ];
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    return product;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      return undefined;
    }
    throw error;
  }
}

/** Deletes the product and records its stock leaving; answers it as it was, undefined when there was none. */
export async function deleteProduct(productId: string, actor: string, now: Date): Promise<Product | undefined> {
  let stored = await readProduct(productId);
  for (let attempt = 1; attempt <= STOCK_WRITE_ATTEMPTS; attempt += 1) {
    if (!stored) return undefined;
    const items: TransactWriteItem[] = [
      {
        Delete: {
          TableName: config.productsTable,
          Key: marshall({ productId }),
          ConditionExpression: 'stock = :old',
          ExpressionAttributeValues: marshall({ ':old': stored.stock }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ];
    if (stored.stock !== 0) {
      // Taken after the stock was read: a movement written later never has an earlier time.
      const at = new Date(Math.max(now.getTime(), Date.now())).toISOString();
      items.push(
        movementPut(
          { productId, delta: -stored.stock, reason: STOCK_REASONS.productDeleted, actor, at, stockAfter: 0 },
          `deleted-${randomUUID()}`,
        ),
      );
    }
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return stored;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const refusal = refusalOf(reasons[0]);
      if (refusal.kind === 'gone') return undefined;
      if (refusal.kind === 'moved') stored = refusal.item;
      else if (!isRetryable(reasons)) throw error;
      await backoff(attempt);
    }
  }
  throw new TableBusyError();
}

/** What an idempotency key of adjustStock stands for, and the answer it gave. */
interface AdjustmentKeyRecord {
  readonly idempotencyKey: string;
  readonly productId: string;
  readonly delta: number;
  readonly reason: string;
  readonly actor: string;
  readonly createdDate: string;
  /** The product right after the adjustment: what a repeat answers. */
  readonly product: Product;
}

/** Adds `delta` to the product's stock (never below 0) with its movement; answers the product after it. */
export async function adjustStock(request: StockAdjustmentRequest, now: Date): Promise<Product> {
  const { productId, delta, reason, idempotencyKey, actor } = request;
  if (idempotencyKey) {
    const earlier = await readAdjustmentKey(idempotencyKey);
    if (earlier) return replayOf(earlier, request);
  }
  let stored = await readProduct(productId);
  for (let attempt = 1; attempt <= STOCK_WRITE_ATTEMPTS; attempt += 1) {
    if (!stored) throw new ProductNotFoundError(productId);
    const stockAfter = stored.stock + delta;
    if (stockAfter < 0) {
      throw new CatalogConflictError(
        `Product ${productId} has ${stored.stock} in stock: removing ${-delta} would take it below 0.`,
      );
    }
    // Taken after the stock was read: a movement written later never has an earlier time.
    const at = new Date(Math.max(now.getTime(), Date.now())).toISOString();
    const after: Product = { ...stored, stock: stockAfter };
    const items: TransactWriteItem[] = [
      withVersionCondition(stockSet(productId, stored.stock, stockAfter), stored),
      movementPut({ productId, delta, reason, actor, at, stockAfter }, randomUUID()),
    ];
    if (idempotencyKey) {
      const record: AdjustmentKeyRecord = { idempotencyKey, productId, delta, reason, actor, createdDate: at, product: after };
      items.push({
        Put: {
          TableName: config.stockAdjustmentsTable,
          Item: marshall(record, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(idempotencyKey)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return after;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const keyReason = reasons[2];
      if (keyReason?.Code === 'ConditionalCheckFailed' && keyReason.Item) {
        return replayOf(unmarshall(keyReason.Item) as AdjustmentKeyRecord, request);
      }
      const refusal = refusalOf(reasons[0]);
      if (refusal.kind === 'gone') throw new ProductNotFoundError(productId);
      if (refusal.kind === 'moved') stored = refusal.item;
      else if (!isRetryable(reasons)) throw error;
      await backoff(attempt);
    }
  }
  throw new TableBusyError();
}

/**
 * The stock write also holds the version read, so that the product answered (and kept for the
 * key) is exactly the one written: a putProduct meanwhile sends the adjustment round again.
 */
function withVersionCondition(item: TransactWriteItem, stored: Product): TransactWriteItem {
  const update = item.Update!;
  const version = versionOf(stored);
  return {
    Update: {
      ...update,
      ConditionExpression:
        version === 0
          ? `${update.ConditionExpression} AND attribute_not_exists(version)`
          : `${update.ConditionExpression} AND version = :version`,
      ExpressionAttributeValues: {
        ...update.ExpressionAttributeValues,
        ...(version === 0 ? {} : marshall({ ':version': version })),
      },
    },
  };
}

function replayOf(record: AdjustmentKeyRecord, request: StockAdjustmentRequest): Product {
  if (record.productId !== request.productId || record.delta !== request.delta) {
    throw new CatalogConflictError(
      `The idempotency key ${record.idempotencyKey} was used to adjust product ${record.productId} by ${record.delta}, not product ${request.productId} by ${request.delta}.`,
    );
  }
  return record.product;
}

async function readProduct(productId: string): Promise<Product | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: config.productsTable, Key: marshall({ productId }), ConsistentRead: true }),
  );
  return Item ? (unmarshall(Item) as Product) : undefined;
}

async function readAdjustmentKey(idempotencyKey: string): Promise<AdjustmentKeyRecord | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: config.stockAdjustmentsTable,
      Key: marshall({ idempotencyKey }),
      ConsistentRead: true,
    }),
  );
  return Item ? (unmarshall(Item) as AdjustmentKeyRecord) : undefined;
}
