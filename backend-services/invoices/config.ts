// The invoices service's environment, read once when its code loads (system/serviceResources.ts
// says which variables it gets; the CDK app sets them from context, the local stack its own).
import { localS3FromEnv } from '../platform/awsClients.ts';
import { optionalEnv, requireEnv } from '../platform/env.ts';
import type { Seller } from './domain/invoice.ts';

/** A whole number of seconds, at least 1. */
function requirePositiveInteger(name: string): number {
  const text = requireEnv(name);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`Environment variable ${name} must be a positive whole number; it is "${text}".`);
  return value;
}

export const config = {
  region: requireEnv('AWS_REGION'),
  /** Physical name of the invoices table. */
  invoicesTable: requireEnv('INVOICES_TABLE'),
  /** Physical name of the orders table: the order invoiced is read there. */
  ordersTable: requireEnv('ORDERS_TABLE'),
  /** The bucket the PDFs are kept in, under invoices/<year>/<number>.pdf. */
  invoicesBucket: requireEnv('INVOICES_BUCKET'),
  seller: {
    name: requireEnv('SELLER_NAME'),
    addressLines: requireEnv('SELLER_ADDRESS')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    vatId: requireEnv('SELLER_VAT_ID'),
  } satisfies Seller,
  /** ISO 4217: the currency the orders' amounts are in. */
  currency: requireEnv('INVOICE_CURRENCY'),
  /** How long a presigned download URL of an invoice is valid. */
  urlTtlSeconds: requirePositiveInteger('INVOICE_URL_TTL_SECONDS'),
  /** Local only: DynamoDB Local. */
  dynamodbEndpoint: optionalEnv('DYNAMODB_ENDPOINT'),
  /** Local only: the local S3 and its credentials. */
  localS3: localS3FromEnv(),
  /** The team's alert topics it publishes to, and locally the local SNS (platform/alerts.ts). */
  alerts: {
    region: requireEnv('AWS_REGION'),
    snsEndpoint: optionalEnv('SNS_ENDPOINT'),
    topicArns: { 'order-errors': optionalEnv('ORDER_ERRORS_TOPIC_ARN') },
  },
} as const;
