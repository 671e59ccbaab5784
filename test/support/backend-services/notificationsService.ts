// The notifications service's handlers in the test's process, on tables of their own in DynamoDB
// Local, a local S3 holding the invoices bucket and a local mailbox: each call of
// loadNotificationsService is a fresh service (fresh tables and ledger; modules loaded again with
// the new environment). The events are built as the bus delivers them.
import { vi } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { EventBridgeEvent } from 'appsync-local/eventbridge/index.ts';
import { LOCAL_S3_CREDENTIALS, type LocalS3 } from 'appsync-local/s3/index.ts';
import { NOTIFICATION_PREFERENCES_TABLE, ORDERS_TABLE, SENT_EMAILS_TABLE } from '../../../system/tables.ts';
import type { OrderStatus } from '../../../generated/graphql.ts';
import { TEST_BUCKET } from './invoicesService.ts';
import { createTestTable, type TestTable } from './testTables.ts';

export const TEST_MAIL = {
  MAIL_FROM: 'Commerce Test <orders@shop.test>',
  SHOP_NAME: 'Commerce Test',
  SHOP_URL: 'https://shop.test',
  SHOP_CURRENCY: 'EUR',
} as const;

export interface NotificationsService {
  readonly orders: TestTable;
  readonly sentEmails: TestTable;
  readonly preferences: TestTable;
  orderStatusEmail(event: EventBridgeEvent): Promise<void>;
  documentEmail(event: EventBridgeEvent): Promise<void>;
}

/** A fresh service; or, given `tablesOf`, the service again on that one's tables (another mail server, say). */
export async function loadNotificationsService(
  s3: LocalS3,
  smtp: { host: string; port: number },
  tablesOf?: NotificationsService,
): Promise<NotificationsService> {
  const [orders, sentEmails, preferences] = tablesOf
    ? [tablesOf.orders, tablesOf.sentEmails, tablesOf.preferences]
    : await Promise.all([
        createTestTable(ORDERS_TABLE),
        createTestTable(SENT_EMAILS_TABLE),
        createTestTable(NOTIFICATION_PREFERENCES_TABLE),
      ]);
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    DYNAMODB_ENDPOINT: orders.dynamodbEndpoint,
    ORDERS_TABLE: orders.tableName,
    SENT_EMAILS_TABLE: sentEmails.tableName,
    NOTIFICATION_PREFERENCES_TABLE: preferences.tableName,
    INVOICES_BUCKET: TEST_BUCKET,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    ...TEST_MAIL,
  });
  vi.resetModules();
  const [status, document] = await Promise.all([
    import('../../../backend-services/notifications/handlers/orderStatusEmail.ts'),
    import('../../../backend-services/notifications/handlers/documentEmail.ts'),
  ]);
  return { orders, sentEmails, preferences, orderStatusEmail: status.handler, documentEmail: document.handler };
}

let sequence = 0;

function busEvent(source: string, detailType: string, detail: Record<string, unknown>): EventBridgeEvent {
  sequence += 1;
  return {
    version: '0',
    id: `notifications-test-event-${sequence}`,
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: '2026-01-02T03:04:05Z',
    region: LOCAL_REGION,
    resources: [],
    detail,
  };
}

/** The orders service's OrderCreated or OrderStatusChanged for an order entering `status`. */
export function anOrderEvent(
  detailType: 'OrderCreated' | 'OrderStatusChanged',
  detail: { orderId: string; status: OrderStatus; statusReason?: string | null; userId?: string },
): EventBridgeEvent {
  return busEvent('ecommerce.orders', detailType, { userId: 'user-1', statusReason: null, ...detail });
}
