// The invoices service's environment, read once when its code loads. Only the table so far: the
// seller, the currency and the bucket come with the handlers (README.md).
import { optionalEnv, requireEnv } from '../platform/env.ts';

export const config = {
  region: requireEnv('AWS_REGION'),
  /** Physical name of the invoices table. */
  invoicesTable: requireEnv('INVOICES_TABLE'),
  /** Local only: DynamoDB Local. */
  dynamodbEndpoint: optionalEnv('DYNAMODB_ENDPOINT'),
} as const;
