// The documents the invoices service stores in its bucket, as other services find them there:
// each object's user metadata (S3's x-amz-meta-*) names its order, its kind and its number, so
// that a reader of the bucket's Object Created events (the notifications service) needs nothing
// but the object.

export type DocumentKind = 'INVOICE' | 'CREDIT_NOTE';

/** The metadata's names, as S3 keeps them (lower case, without `x-amz-meta-`). */
export const DOCUMENT_METADATA = { orderId: 'order-id', kind: 'document-kind', number: 'document-number' } as const;

export interface DocumentFacts {
  readonly orderId: string;
  readonly kind: DocumentKind;
  readonly number: string;
}

export function documentMetadata(facts: DocumentFacts): Record<string, string> {
  return {
    [DOCUMENT_METADATA.orderId]: facts.orderId,
    [DOCUMENT_METADATA.kind]: facts.kind,
    [DOCUMENT_METADATA.number]: facts.number,
  };
}
