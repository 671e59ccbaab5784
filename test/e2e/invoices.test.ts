// An invoice for every paid order, through the running stack: a card order fulfilled (its payment
// CAPTURED, PaymentCaptured on the bus) gets its invoice numbered in the invoices table and its PDF
// in the local S3's invoices bucket, whose Object Created event the bus accepts (globalSetup checks
// it against system/aws-events/aws.s3.schema.json). Order.invoice in the API is not built yet.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { createLocalDynamoDbClient } from 'appsync-local/dynamodb/tables.ts';
import { LOCAL_S3_CREDENTIALS } from 'appsync-local/s3/index.ts';
import type { CreateOrderResponse, Order, Product } from '../../generated/graphql.ts';
import { LOCAL_BUCKETS } from '../../local/stack.ts';
import { INVOICES_TABLE } from '../../system/tables.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { ADDRESS, deliveryPricing, moveOrder, preauthorize } from '../support/checkout.ts';
import { pdfText } from '../support/pdfText.ts';
import { localStack } from '../support/stack.ts';
import { productInput, putProduct, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local, dynamodbEndpoint } = localStack();
const ISSUED = { timeout: 20_000, interval: 200 };

let admin: Headers;
let warehouse: Headers;
let delivery: Headers;
let product: Product;
const dynamodb = createLocalDynamoDbClient(dynamodbEndpoint);
const s3 = new S3Client({
  endpoint: local.s3Endpoint,
  region: local.region,
  forcePathStyle: true,
  credentials: LOCAL_S3_CREDENTIALS,
});

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
  warehouse = (await createStoreUser(local, 'invoice-warehouse', ['warehouse'])).headers;
  delivery = (await createStoreUser(local, 'invoice-delivery', ['delivery'])).headers;
  product = await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('invoice'), price: 2500, stock: 100 }));
});
afterAll(() => {
  dynamodb.destroy();
  s3.destroy();
});

async function aCardOrder(): Promise<{ order: Order; total: number }> {
  const shopper = (await createStoreUser(local, 'invoice-shopper')).headers;
  const products = [{ productId: product.productId, quantity: 1 }];
  const deliveryPrice = await deliveryPricing(local, shopper, products);
  const total = product.price + deliveryPrice;
  const paymentToken = await preauthorize(local, total);
  const response = await postGraphQL<{ createOrder: CreateOrderResponse }>(
    local.graphqlUrl,
    'mutation ($order: CreateOrderRequest!) { createOrder(order: $order) { success errors { code message } order { orderId userId status total } } }',
    { variables: { order: { products, address: ADDRESS, deliveryPrice, paymentToken } }, headers: shopper },
  );
  expect(response.body.data!.createOrder.errors).toEqual([]);
  return { order: response.body.data!.createOrder.order!, total };
}

async function invoiceRecordOf(orderId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: INVOICES_TABLE.name,
      Key: marshall({ recordKey: `invoice#${orderId}` }),
      ConsistentRead: true,
    }),
  );
  return Item ? unmarshall(Item) : undefined;
}

describe('invoices', () => {
  it('issues a fulfilled card order’s invoice: numbered, its PDF in the invoices bucket', async () => {
    const { order, total } = await aCardOrder();
    expect(await invoiceRecordOf(order.orderId)).toBeUndefined();
    for (const [caller, mutation] of [
      [warehouse, 'startPackaging'],
      [warehouse, 'completePackaging'],
      [delivery, 'startDelivery'],
      [delivery, 'completeDelivery'],
    ] as const) {
      expect((await moveOrder(local, caller, mutation, order.orderId)).body.errors, mutation).toBeUndefined();
    }
    await expect.poll(async () => (await invoiceRecordOf(order.orderId))?.status, ISSUED).toBe('STORED');
    const record = (await invoiceRecordOf(order.orderId))!;
    expect(record).toMatchObject({ orderId: order.orderId, kind: 'INVOICE', total });
    expect(record.invoiceNumber).toMatch(/^INV-\d{4}-\d{6}$/);

    const object = await s3.send(new GetObjectCommand({ Bucket: LOCAL_BUCKETS.invoices, Key: String(record.s3Key) }));
    expect(object.ContentType).toBe('application/pdf');
    const pdf = Buffer.from(await object.Body!.transformToByteArray());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toEqual(expect.arrayContaining([`Number: ${String(record.invoiceNumber)}`, 'Commerce Local Ltd']));
    expect(text.join('|')).toContain(`${product.name}|1|`);
  });
});
