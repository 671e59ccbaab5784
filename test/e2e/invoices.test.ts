// Invoices and credit notes through the running stack, as clients see them: a card order fulfilled
// (its payment CAPTURED, PaymentCaptured on the bus) gets its invoice numbered, its PDF in the
// local S3's invoices bucket (whose Object Created event the bus accepts: globalSetup checks it
// against system/aws-events/aws.s3.schema.json), and Order.invoice answers its number, total and
// a download URL that the bucket refuses once its (test-short) lifetime is over. A refund gets one
// credit note however often its event is delivered. Only the owner and admin see them. And a page
// of getOrders costs the invoices backend one call, on an API of its own whose invoices backend is
// a recording stub.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { createLocalDynamoDbClient } from 'appsync-local/dynamodb/tables.ts';
import { LOCAL_S3_CREDENTIALS } from 'appsync-local/s3/index.ts';
import { formatMoney } from '../../backend-services/invoices/domain/invoice.ts';
import type { CreateOrderResponse, Invoice, Order, Product } from '../../generated/graphql.ts';
import { LOCAL_BUCKETS } from '../../local/stack.ts';
import { EVENT_BUS_NAME } from '../../system/events.ts';
import { INVOICES_TABLE, ORDERS_TABLE } from '../../system/tables.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { ADDRESS, type BusEvent, deliveryPricing, eventsOfOrder, fulfilOrder, preauthorize } from '../support/checkout.ts';
import { type LocalApi, startLocalApi } from '../support/localApi.ts';
import { orderRecord } from '../support/orders.ts';
import { pdfText } from '../support/pdfText.ts';
import { json, type ServiceStub, startServiceStub } from '../support/serviceStub.ts';
import { localStack } from '../support/stack.ts';
import { productInput, putProduct, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';
import { INVOICE_TEST_URL_TTL_SECONDS } from './globalSetup.ts';

const { local, dynamodbEndpoint, testCredentials } = localStack();
const ISSUED = { timeout: 20_000, interval: 200 };
const INVOICE = 'invoiceNumber issuedDate total url';
const DOCUMENTS = `invoice { ${INVOICE} } creditNotes { ${INVOICE} }`;
const INVOICE_NUMBER = /^INV-\d{4}-\d{6}$/;
const CREDIT_NOTE_NUMBER = /^CN-\d{4}-\d{6}$/;

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

interface PlacedOrder {
  shopper: Headers;
  order: Order;
  total: number;
}

async function aCardOrder(): Promise<PlacedOrder> {
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
  return { shopper, order: response.body.data!.createOrder.order!, total };
}

/** The back office takes the order to FULFILLED: its card payment is captured, and its invoice follows. */
async function fulfil(order: Order): Promise<void> {
  await fulfilOrder(local, { warehouse, delivery }, order.orderId);
}

async function aFulfilledCardOrder(): Promise<PlacedOrder> {
  const placed = await aCardOrder();
  await fulfil(placed.order);
  return placed;
}

/** A gateway order the shopper paid on the gateway's page: NEW, its payment captured, its invoice to follow. */
async function aPaidGatewayOrder(): Promise<PlacedOrder> {
  const shopper = (await createStoreUser(local, 'invoice-gateway-shopper')).headers;
  const products = [{ productId: product.productId, quantity: 2 }];
  const deliveryPrice = await deliveryPricing(local, shopper, products);
  const response = await postGraphQL<{ createOrder: CreateOrderResponse }>(
    local.graphqlUrl,
    `mutation ($order: CreateOrderRequest!, $key: String) {
      createOrder(order: $order, idempotencyKey: $key) { success errors { code message } order { orderId userId status total payment { payUrl } } }
    }`,
    {
      variables: { order: { products, address: ADDRESS, deliveryPrice, paymentMethod: 'GATEWAY' }, key: uniqueId('k') },
      headers: shopper,
    },
  );
  expect(response.body.data!.createOrder.errors).toEqual([]);
  const order = response.body.data!.createOrder.order!;
  // What the gateway's page's Pay button posts, as the shopper's browser does.
  const paid = await fetch(order.payment!.payUrl!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'pay' }).toString(),
  });
  expect(paid.status).toBe(200);
  return { shopper, order, total: order.total };
}

interface OrderDocuments {
  orderId: string;
  invoice: Invoice | null;
  creditNotes: Invoice[];
}

/** The order's invoice and credit notes as `caller` reads them with getOrder; null when the order is not theirs. */
async function documentsOf(caller: Headers, orderId: string): Promise<OrderDocuments | null> {
  const response = await postGraphQL<{ getOrder: OrderDocuments | null }>(
    local.graphqlUrl,
    `query ($id: ID!) { getOrder(orderId: $id) { orderId ${DOCUMENTS} } }`,
    { variables: { id: orderId }, headers: caller },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.getOrder;
}

async function recordOf(recordKey: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: INVOICES_TABLE.name, Key: marshall({ recordKey }), ConsistentRead: true }),
  );
  return Item ? unmarshall(Item) : undefined;
}

async function storedPdf(key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: LOCAL_BUCKETS.invoices, Key: key }));
  expect(object.ContentType).toBe('application/pdf');
  return Buffer.from(await object.Body!.transformToByteArray());
}

async function download(url: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

const today = () => new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe('invoices', () => {
  it('issues a fulfilled card order’s invoice: numbered, its PDF in the invoices bucket', async () => {
    const { order, total } = await aCardOrder();
    expect(await recordOf(`invoice#${order.orderId}`)).toBeUndefined();
    await fulfil(order);
    await expect.poll(async () => (await recordOf(`invoice#${order.orderId}`))?.status, ISSUED).toBe('STORED');
    const record = (await recordOf(`invoice#${order.orderId}`))!;
    expect(record).toMatchObject({ orderId: order.orderId, kind: 'INVOICE', total });
    expect(record.invoiceNumber).toMatch(INVOICE_NUMBER);

    const pdf = await storedPdf(String(record.s3Key));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toEqual(expect.arrayContaining([`Number: ${String(record.invoiceNumber)}`, 'Commerce Local Ltd']));
    expect(text.join('|')).toContain(`${product.name}|1|`);
  });

  it('answers the owner’s Order.invoice once issued, whose URL downloads the stored PDF until it expires', async () => {
    const { shopper, order, total } = await aFulfilledCardOrder();
    await expect.poll(async () => (await documentsOf(shopper, order.orderId))?.invoice, ISSUED).not.toBeNull();

    const answered = await documentsOf(shopper, order.orderId);
    const answeredAt = Date.now();
    const record = (await recordOf(`invoice#${order.orderId}`))!;
    const invoice = answered!.invoice!;
    expect(invoice).toEqual({ invoiceNumber: record.invoiceNumber, issuedDate: today(), total, url: expect.any(String) });
    expect(invoice.invoiceNumber).toMatch(INVOICE_NUMBER);
    expect(answered!.creditNotes).toEqual([]);

    const url = new URL(invoice.url);
    expect(url.pathname).toBe(`/${LOCAL_BUCKETS.invoices}/${String(record.s3Key)}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(INVOICE_TEST_URL_TTL_SECONDS));
    const fresh = await download(invoice.url);
    expect(fresh.status).toBe(200);
    expect(fresh.bytes.equals(await storedPdf(String(record.s3Key)))).toBe(true);
    const text = pdfText(fresh.bytes).join('|');
    expect(text).toContain(`Number: ${invoice.invoiceNumber}`);
    expect(text).toContain(`${product.name}|1|${formatMoney(product.price, 'EUR')}|${formatMoney(product.price, 'EUR')}`);
    expect(text).toContain(`Total|${formatMoney(total, 'EUR')}`);

    // Past its lifetime (counted from the second it was signed in), the bucket refuses it.
    await sleep(answeredAt + (INVOICE_TEST_URL_TTL_SECONDS + 1.5) * 1000 - Date.now());
    const expired = await download(invoice.url);
    expect(expired.status).toBe(403);
    expect(expired.bytes.toString('utf8')).toMatch(/AccessDenied|expired/i);
    // Asking again gives a fresh one.
    expect((await download((await documentsOf(shopper, order.orderId))!.invoice!.url)).status).toBe(200);
  });

  it('shows the invoice to the owner and admin only: null to the back office, the order itself null to another customer', async () => {
    const { shopper, order } = await aPaidGatewayOrder();
    // A gateway payment is captured when paid: the order is NEW and invoiced before any delivery.
    await expect.poll(async () => (await documentsOf(shopper, order.orderId))?.invoice, ISSUED).not.toBeNull();
    const owners = (await documentsOf(shopper, order.orderId))!;
    expect(owners.invoice!.total).toBe(order.total);
    expect((await documentsOf(admin, order.orderId))!.invoice).toMatchObject({ invoiceNumber: owners.invoice!.invoiceNumber });

    const stranger = (await createStoreUser(local, 'invoice-stranger')).headers;
    expect(await documentsOf(stranger, order.orderId)).toBeNull();

    // The warehouse's own answer of the order it moves: whole, its status moved, no invoice, no error.
    const packaging = await postGraphQL<{ startPackaging: OrderDocuments & { status: string } }>(
      local.graphqlUrl,
      `mutation ($id: ID!) { startPackaging(orderId: $id) { orderId status ${DOCUMENTS} } }`,
      { variables: { id: order.orderId }, headers: warehouse },
    );
    expect(packaging.body.errors).toBeUndefined();
    expect(packaging.body.data!.startPackaging).toEqual({
      orderId: order.orderId,
      status: 'PACKAGING',
      invoice: null,
      creditNotes: [],
    });
  });

  it('issues one credit note per refund, of that refund’s amount, even when the refund’s event is delivered again', async () => {
    const { shopper, order, total } = await aFulfilledCardOrder();
    await expect.poll(async () => (await documentsOf(shopper, order.orderId))?.invoice, ISSUED).not.toBeNull();
    const invoiceNumber = (await documentsOf(shopper, order.orderId))!.invoice!.invoiceNumber;

    const refunded = await refundOrder(order.orderId, 'refund-part', 1000);
    expect(refunded.body.errors).toBeUndefined();
    await expect.poll(async () => (await documentsOf(shopper, order.orderId))?.creditNotes.length, ISSUED).toBe(1);
    const [note] = (await documentsOf(shopper, order.orderId))!.creditNotes;
    expect(note).toEqual({
      invoiceNumber: expect.stringMatching(CREDIT_NOTE_NUMBER),
      issuedDate: today(),
      total: 1000,
      url: expect.any(String),
    });
    const pdf = await download(note!.url);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.bytes);
    expect(text).toEqual(
      expect.arrayContaining(['Credit note', `Number: ${note!.invoiceNumber}`, `Credits invoice: ${invoiceNumber}`]),
    );
    expect(text.join('|')).toContain(`Total credited|${formatMoney(1000, 'EUR')}`);
    const record = (await recordOf(`creditNote#${order.orderId}#refund-part`))!;
    expect(record).toMatchObject({ invoiceNumber: note!.invoiceNumber, status: 'STORED' });
    expect(String(record.s3Key)).toMatch(new RegExp(`^invoices/\\d{4}/${note!.invoiceNumber}\\.pdf$`));
    expect(pdf.bytes.equals(await storedPdf(String(record.s3Key)))).toBe(true);

    // The refund's event again, as EventBridge may deliver it: handled, and still one credit note.
    const [event] = (await eventsOfOrder(local, order.orderId)).filter((e) => e['detail-type'] === 'PaymentRefunded');
    expect(event!.detail).toMatchObject({ amount: 1000, refundKey: 'refund-part' });
    const redelivered = await putOnBus(event!);
    await expect.poll(async () => (await deliveriesOf(redelivered)).includes('invoices-issue-credit-note'), ISSUED).toBe(true);
    expect((await documentsOf(shopper, order.orderId))!.creditNotes).toEqual([{ ...note, url: expect.any(String) }]);

    // The rest refunded: a second credit note, of what was left, numbered after the first.
    expect((await refundOrder(order.orderId, 'refund-rest')).body.errors).toBeUndefined();
    await expect.poll(async () => (await documentsOf(shopper, order.orderId))?.creditNotes.length, ISSUED).toBe(2);
    const notes = (await documentsOf(admin, order.orderId))!.creditNotes;
    expect(notes.map((each) => each.total)).toEqual([1000, total - 1000]);
    expect(notes[1]!.invoiceNumber > notes[0]!.invoiceNumber).toBe(true);
  });
});

describe('a page of getOrders', () => {
  let stub: ServiceStub;
  let api: LocalApi;
  let shopper: Headers;
  const userId = 'sub-invoice-pages';
  const line = {
    productId: 'demo-books-01',
    name: 'A book',
    price: 3999,
    quantity: 1,
    package: { width: 1, length: 1, height: 1, weight: 1 },
  };
  const orders = [1, 2, 3].map((day) => orderRecord(userId, [line], { createdDate: `2026-01-0${day}T00:00:00.000Z` }));
  const invoiceOf = (orderId: string, invoiceNumber: string, total: number) => ({
    orderId,
    invoiceNumber,
    issuedDate: '2026-01-05',
    total,
    url: `https://invoices.example/${invoiceNumber}.pdf`,
  });

  beforeAll(async () => {
    stub = await startServiceStub();
    api = await startLocalApi({ serviceUrls: { invoices: stub.origin } });
    shopper = { authorization: await api.issuer.idToken({ username: 'invoice-pages', sub: userId }) };
    const client = createLocalDynamoDbClient(api.dynamodbEndpoint);
    for (const order of orders) {
      await client.send(new PutItemCommand({ TableName: `${api.tablePrefix}${ORDERS_TABLE.name}`, Item: marshall(order) }));
    }
    client.destroy();
  });
  afterAll(async () => {
    await api?.close();
    await stub?.close();
  });

  async function page(selection: string) {
    const response = await postGraphQL<{ getOrders: { orders: Record<string, unknown>[] } }>(
      api.graphqlUrl,
      `query { getOrders(limit: 10) { orders { ${selection} } nextToken } }`,
      { headers: shopper },
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.getOrders.orders;
  }

  it('asks the invoices backend once, signed, for the whole page’s invoices and credit notes', async () => {
    const [third, second, first] = [...orders].reverse();
    stub.answerWith(
      json(200, {
        invoices: [
          invoiceOf(first!.orderId, 'INV-2026-000001', first!.total),
          invoiceOf(third!.orderId, 'INV-2026-000003', third!.total),
        ],
        creditNotes: [invoiceOf(first!.orderId, 'CN-2026-000001', 500), invoiceOf(first!.orderId, 'CN-2026-000002', 700)],
        missing: [second!.orderId],
      }),
    );
    const before = stub.requests.length;
    const answered = await page(`orderId ${DOCUMENTS} again: invoice { invoiceNumber }`);

    const requests = stub.requests.slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toEqual(expect.objectContaining({ method: 'POST', path: '/prod/invoices/batch-get' }));
    expect(requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=\S+\/execute-api\/aws4_request/);
    expect(JSON.parse(requests[0]!.body)).toEqual({ orderIds: [third!.orderId, second!.orderId, first!.orderId] });
    const shown = ({ orderId: _id, ...invoice }: ReturnType<typeof invoiceOf>) => invoice;
    expect(answered).toEqual([
      {
        orderId: third!.orderId,
        invoice: shown(invoiceOf(third!.orderId, 'INV-2026-000003', third!.total)),
        creditNotes: [],
        again: { invoiceNumber: 'INV-2026-000003' },
      },
      { orderId: second!.orderId, invoice: null, creditNotes: [], again: null },
      {
        orderId: first!.orderId,
        invoice: shown(invoiceOf(first!.orderId, 'INV-2026-000001', first!.total)),
        creditNotes: [
          shown(invoiceOf(first!.orderId, 'CN-2026-000001', 500)),
          shown(invoiceOf(first!.orderId, 'CN-2026-000002', 700)),
        ],
        again: { invoiceNumber: 'INV-2026-000001' },
      },
    ]);
  });

  it('asks once when only an aliased field selects them, and not at all when nothing does', async () => {
    stub.answerWith(json(200, { invoices: [], creditNotes: [], missing: orders.map((order) => order.orderId) }));
    let before = stub.requests.length;
    expect(await page('orderId notes: creditNotes { total }')).toEqual(orders.map(() => expect.objectContaining({ notes: [] })));
    expect(stub.requests.length - before).toBe(1);

    before = stub.requests.length;
    await page('orderId status total');
    expect(stub.requests.length - before).toBe(0);
  });

  it('still answers the page when the invoices backend fails: invoice null and creditNotes [], each with ServiceUnavailable', async () => {
    stub.answerWith(json(503, { message: 'Service Unavailable' }));
    const response = await postGraphQL<{ getOrders: { orders: OrderDocuments[] } }>(
      api.graphqlUrl,
      `query { getOrders(limit: 10) { orders { orderId ${DOCUMENTS} } } }`,
      { headers: shopper },
    );
    expect(response.body.data!.getOrders.orders).toEqual(
      [...orders].reverse().map((order) => ({ orderId: order.orderId, invoice: null, creditNotes: [] })),
    );
    const errors = response.body.errors ?? [];
    expect(errors).toHaveLength(6);
    for (const error of errors)
      expect(error).toMatchObject({ errorType: 'ServiceUnavailable', message: expect.stringContaining('HTTP 503') });
    expect(errors.map((error) => (error.path as unknown[]).slice(-1)[0]).sort()).toEqual([
      'creditNotes',
      'creditNotes',
      'creditNotes',
      'invoice',
      'invoice',
      'invoice',
    ]);
  });
});

function refundOrder(orderId: string, key: string, amount?: number) {
  return postGraphQL<{ refundOrder: { status: string } | null }>(
    local.graphqlUrl,
    `mutation ($orderId: ID!, $amount: Int, $key: String!) {
      refundOrder(orderId: $orderId, amount: $amount, reason: "Arrived damaged", idempotencyKey: $key) { status }
    }`,
    { variables: { orderId, amount: amount ?? null, key }, headers: admin },
  );
}

/** Puts an event on the bus again, as a redelivery; the new event's id. */
async function putOnBus(event: BusEvent): Promise<string> {
  const client = new EventBridgeClient({ region: local.region, endpoint: local.eventBusEndpoint, credentials: testCredentials });
  try {
    const sent = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: EVENT_BUS_NAME,
            Source: event.source,
            DetailType: event['detail-type'],
            Detail: JSON.stringify(event.detail),
          },
        ],
      }),
    );
    expect(sent.FailedEntryCount).toBe(0);
    return sent.Entries![0]!.EventId!;
  } finally {
    client.destroy();
  }
}

/** The targets the bus delivered an event to, successfully. */
async function deliveriesOf(eventId: string): Promise<string[]> {
  const deliveries = (await (await fetch(new URL('/deliveries', local.eventBusEndpoint))).json()) as {
    eventId: string;
    target: { id: string };
  }[];
  return deliveries.filter((each) => each.eventId === eventId).map((each) => each.target.id);
}
