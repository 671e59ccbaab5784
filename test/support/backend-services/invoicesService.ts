// The invoices service's handlers in the test's process, on tables of their own in DynamoDB Local
// and a local S3: each call of loadInvoicesService is a fresh service (fresh tables, so numbering
// starts at 1; its modules loaded again with the new environment).
import { vi } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LOCAL_ACCOUNT_ID } from 'appsync-local/iam/principals.ts';
import { LOCAL_S3_CREDENTIALS, type ObjectCreatedEvent, startLocalS3, type LocalS3 } from 'appsync-local/s3/index.ts';
import type { EventBridgeEvent } from '../../../backend-services/platform/lambdaTypes.ts';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  LambdaContext,
} from '../../../backend-services/platform/lambdaTypes.ts';
import { INVOICES_TABLE, ORDERS_TABLE } from '../../../system/tables.ts';
import { createTestTable, type TestTable } from './testTables.ts';

export const TEST_BUCKET = 'test-invoices';

export const TEST_SELLER = {
  name: 'Commerce Test Ltd',
  addressLines: ['1 Market Street', 'London EC1A 1AA'],
  vatId: 'GB123456789',
} as const;

/** What the service's config.ts requires besides its tables and the S3 endpoint. */
export const INVOICING_ENVIRONMENT = {
  INVOICES_BUCKET: TEST_BUCKET,
  SELLER_NAME: TEST_SELLER.name,
  SELLER_ADDRESS: TEST_SELLER.addressLines.join('\n'),
  SELLER_VAT_ID: TEST_SELLER.vatId,
  INVOICE_CURRENCY: 'EUR',
  INVOICE_URL_TTL_SECONDS: '300',
} as const;

export interface TestS3 extends LocalS3 {
  /** Every Object Created event so far, in order. */
  readonly created: ObjectCreatedEvent[];
}

export async function startTestS3(): Promise<TestS3> {
  const created: ObjectCreatedEvent[] = [];
  const s3 = await startLocalS3({
    buckets: [TEST_BUCKET],
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    onObjectCreated: (event) => created.push(event),
  });
  return Object.assign(s3, { created });
}

export interface InvoicesService {
  readonly invoices: TestTable;
  readonly orders: TestTable;
  issueInvoice(event: EventBridgeEvent): Promise<void>;
  issueCreditNote(event: EventBridgeEvent): Promise<void>;
  batchGetInvoices(event: APIGatewayProxyEvent, context: LambdaContext): Promise<APIGatewayProxyResult>;
}

export async function loadInvoicesService(s3: LocalS3, options: { urlTtlSeconds?: number } = {}): Promise<InvoicesService> {
  const [invoices, orders] = await Promise.all([createTestTable(INVOICES_TABLE), createTestTable(ORDERS_TABLE)]);
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    DYNAMODB_ENDPOINT: invoices.dynamodbEndpoint,
    INVOICES_TABLE: invoices.tableName,
    ORDERS_TABLE: orders.tableName,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    ...INVOICING_ENVIRONMENT,
    INVOICE_URL_TTL_SECONDS: String(options.urlTtlSeconds ?? 300),
  });
  vi.resetModules();
  const [issue, credit, batchGet] = await Promise.all([
    import('../../../backend-services/invoices/handlers/issueInvoice.ts'),
    import('../../../backend-services/invoices/handlers/issueCreditNote.ts'),
    import('../../../backend-services/invoices/handlers/batchGetInvoices.ts'),
  ]);
  return { invoices, orders, issueInvoice: issue.handler, issueCreditNote: credit.handler, batchGetInvoices: batchGet.handler };
}
