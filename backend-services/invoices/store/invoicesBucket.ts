// The only code that talks to the invoices bucket: a PDF put at its key, and a short-lived URL to
// download it. Keys are the records' `s3Key` (invoices/<year>/<number>.pdf), the prefix the
// service is granted.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type DocumentFacts, documentMetadata } from '../../../domain/documents.ts';
import { s3Client } from '../../platform/awsClients.ts';
import { config } from '../config.ts';

const client = s3Client({ region: config.region, local: config.localS3 });

/**
 * Puts the PDF at `key`, naming its order, kind and number in its metadata (domain/documents.ts)
 * for the readers of the bucket's events; the same document renders to the same bytes, so a retry
 * overwrites it with itself.
 */
export async function putInvoicePdf(key: string, pdf: Buffer, facts: DocumentFacts): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: config.invoicesBucket,
      Key: key,
      Body: pdf,
      ContentType: 'application/pdf',
      Metadata: documentMetadata(facts),
    }),
  );
}

/** A presigned GET URL of the PDF at `key`, valid `config.urlTtlSeconds`. */
export function invoiceDownloadUrl(key: string): Promise<string> {
  return getSignedUrl(client, new GetObjectCommand({ Bucket: config.invoicesBucket, Key: key }), {
    expiresIn: config.urlTtlSeconds,
  });
}
