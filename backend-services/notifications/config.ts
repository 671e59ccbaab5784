// The notifications service's environment, read once when its code loads (system/serviceResources.ts
// says which variables it gets; the CDK app sets them from context, the local stack its own).
import { localS3FromEnv } from '../platform/awsClients.ts';
import { optionalEnv, requireEnv } from '../platform/env.ts';

/**
 * Local only: the local mailbox's SMTP server (SMTP_HOST and SMTP_PORT). On AWS neither is set and
 * the emails go through Amazon SES.
 */
function localSmtp(): { host: string; port: number } | undefined {
  const host = optionalEnv('SMTP_HOST');
  const port = optionalEnv('SMTP_PORT');
  if (!host) return undefined;
  const value = Number(port);
  if (!Number.isInteger(value) || value < 1 || value > 65_535)
    throw new Error(`SMTP_HOST is set, and SMTP_PORT must be its TCP port; it is "${port ?? ''}".`);
  return { host, port: value };
}

export const config = {
  region: requireEnv('AWS_REGION'),
  /** The order each email is about, as the orders table holds it (with the customer's email address). */
  ordersTable: requireEnv('ORDERS_TABLE'),
  /** The ledger of emails sent: each at most once. */
  sentEmailsTable: requireEnv('SENT_EMAILS_TABLE'),
  /** Each customer's choice of status emails. */
  preferencesTable: requireEnv('NOTIFICATION_PREFERENCES_TABLE'),
  /** Where the invoices service keeps the PDFs attached to document emails. */
  invoicesBucket: requireEnv('INVOICES_BUCKET'),
  /** The sender, e.g. `Commerce <orders@shop.example>`: an SES verified identity on AWS. */
  mailFrom: requireEnv('MAIL_FROM'),
  /** The shop's name, signing the emails. */
  shopName: requireEnv('SHOP_NAME'),
  /** The shop's base URL: emails link to `<shopUrl>/orders/<orderId>`. */
  shopUrl: requireEnv('SHOP_URL'),
  /** ISO 4217: the currency the orders' amounts are in. */
  currency: requireEnv('SHOP_CURRENCY'),
  /** Local only: DynamoDB Local. */
  dynamodbEndpoint: optionalEnv('DYNAMODB_ENDPOINT'),
  /** Local only: the local mailbox. */
  smtp: localSmtp(),
  /** Local only: the local S3 and its credentials. */
  localS3: localS3FromEnv(),
  /** The team's alert topics it publishes to, and locally the local SNS (platform/alerts.ts). */
  alerts: {
    region: requireEnv('AWS_REGION'),
    snsEndpoint: optionalEnv('SNS_ENDPOINT'),
    topicArns: { 'order-alerts': optionalEnv('ORDER_ALERTS_TOPIC_ARN'), 'order-errors': optionalEnv('ORDER_ERRORS_TOPIC_ARN') },
  },
} as const;
