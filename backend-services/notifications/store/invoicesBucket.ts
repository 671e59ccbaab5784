// The PDF a document email attaches, read from the invoices bucket under the prefix the service
// may read (`invoices/`), with what the invoices service recorded on the object: the order, the
// document's kind and number (x-amz-meta-*, store/invoicesBucket.ts of the invoices service).
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../../platform/awsClients.ts';
import { config } from '../config.ts';

const client = s3Client({ region: config.region, local: config.localS3 });

export interface StoredDocument {
  readonly pdf: Buffer;
  /** The object's user metadata, lower-cased names without `x-amz-meta-`. */
  readonly metadata: Readonly<Record<string, string>>;
}

export async function readDocument(key: string): Promise<StoredDocument> {
  const { Body, Metadata } = await client.send(new GetObjectCommand({ Bucket: config.invoicesBucket, Key: key }));
  if (!Body) throw new Error(`The invoices bucket answered no body for ${key}.`);
  return { pdf: Buffer.from(await Body.transformToByteArray()), metadata: Metadata ?? {} };
}
