// The only code that talks to the invoices table. It hands out the numbers of invoices and credit
// notes, gapless per year and kind, and at most one document per order (per refund, for credit
// notes) however often and however concurrently it is asked.
//
// A number is taken in one transaction with the document's record: the year's counter
// (`counter#<kind>#<year>`, SET last = current + 1, conditional on last still being current, or
// absent for the year's first) and the record (`invoice#<orderId>` or
// `creditNote#<orderId>#<refundKey>`, conditional on its absence). Both are written or neither, so
// a number is never skipped (the counter moves only with a record) nor given twice (the counter's
// condition). When the transaction is cancelled: the record is there → it is the answer (the same
// order asked again gets the same number); the counter moved, or another transaction held an item
// → the counter is read again and the transaction retried, a bounded number of times, after a
// jittered backoff.
//
// An order's documents are listed through the byOrder index (system/tables.ts), by number: its
// invoice and its credit notes in one Query. The index is eventually consistent: a document marked
// STORED a moment ago may still show NUMBERED there (and so be left out) for that moment.
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';
import type { InvoiceKind } from '../domain/invoice.ts';
import { formatInvoiceNumber, invoiceKey, numberingYear } from '../domain/invoiceNumber.ts';
import { InvoiceNumberContentionError } from '../errors.ts';

/** A numbered document: NUMBERED when its number is taken, STORED once its PDF is at `s3Key`. */
export interface InvoiceRecord {
  readonly orderId: string;
  readonly kind: InvoiceKind;
  /** The document's number, INV-… or CN-… (invoiceNumber.ts). */
  readonly invoiceNumber: string;
  readonly year: number;
  readonly sequence: number;
  /** ISO 8601. */
  readonly issuedDate: string;
  /** Minor units: the order's total, or a credit note's refunded amount. */
  readonly total: number;
  /** Where its PDF is to be kept (invoiceKey). */
  readonly s3Key: string;
  readonly status: 'NUMBERED' | 'STORED';
  /** A credit note's: the refund it documents. */
  readonly refundKey?: string;
  /** A credit note's: the number of the order's invoice it credits. */
  readonly creditedInvoiceNumber?: string;
}

export interface InvoiceRequest {
  readonly orderId: string;
  readonly issuedDate: Date;
  /** Minor units. */
  readonly total: number;
}

export interface CreditNoteRequest extends InvoiceRequest {
  /** The refund's idempotency key: one credit note per refund. */
  readonly refundKey: string;
  /** The number of the order's invoice, printed on the credit note. */
  readonly creditedInvoiceNumber: string;
}

/** An order's documents: its invoice, if numbered, and its credit notes, by number. */
export interface OrderDocuments {
  readonly invoice: InvoiceRecord | undefined;
  readonly creditNotes: readonly InvoiceRecord[];
}

/** The byOrder index of the table (system/tables.ts INVOICES_TABLE). */
const BY_ORDER_INDEX = 'byOrder';

/** Attempts at the transaction before giving up (InvoiceNumberContentionError). */
export const MAX_ATTEMPTS = 30;
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 300;

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

/** The order's invoice record: numbered now, or the one numbered before. */
export function numberInvoice(request: InvoiceRequest): Promise<InvoiceRecord> {
  return numberDocument('INVOICE', invoiceRecordKey(request.orderId), request);
}

/** The refund's credit note record: numbered now, or the one numbered before. */
export function numberCreditNote(request: CreditNoteRequest): Promise<InvoiceRecord> {
  return numberDocument('CREDIT_NOTE', creditNoteRecordKey(request.orderId, request.refundKey), request);
}

/** The order's invoice and credit notes, NUMBERED or STORED, through the byOrder index. */
export async function findOrderDocuments(orderId: string): Promise<OrderDocuments> {
  const records: InvoiceRecord[] = [];
  let exclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: config.invoicesTable,
        IndexName: BY_ORDER_INDEX,
        KeyConditionExpression: 'orderId = :orderId',
        ExpressionAttributeValues: marshall({ ':orderId': orderId }),
        ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
      }),
    );
    records.push(...(page.Items ?? []).map(toRecord));
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
  return {
    invoice: records.find((record) => record.kind === 'INVOICE'),
    creditNotes: records.filter((record) => record.kind === 'CREDIT_NOTE'),
  };
}

/**
 * Records that the order's invoice PDF is stored: NUMBERED → STORED. Answers false when it was
 * STORED already (a redelivered event uploaded the same bytes again). Throws when there is no record.
 */
export function markInvoiceStored(orderId: string): Promise<boolean> {
  return markStored(invoiceRecordKey(orderId));
}

/** As markInvoiceStored, for the credit note of the order's refund `refundKey`. */
export function markCreditNoteStored(orderId: string, refundKey: string): Promise<boolean> {
  return markStored(creditNoteRecordKey(orderId, refundKey));
}

function invoiceRecordKey(orderId: string): string {
  return `invoice#${orderId}`;
}

function creditNoteRecordKey(orderId: string, refundKey: string): string {
  return `creditNote#${orderId}#${refundKey}`;
}

async function markStored(recordKey: string): Promise<boolean> {
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: config.invoicesTable,
        Key: marshall({ recordKey }),
        UpdateExpression: 'SET #status = :stored',
        ConditionExpression: '#status = :numbered',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':stored': 'STORED', ':numbered': 'NUMBERED' }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const status = error.Item ? (unmarshall(error.Item) as { status?: unknown }).status : undefined;
    if (status === 'STORED') return false;
    throw new Error(`${recordKey} has no record to mark stored (status ${String(status)}).`, { cause: error });
  }
}

async function numberDocument(
  kind: InvoiceKind,
  recordKey: string,
  request: InvoiceRequest & Partial<Pick<CreditNoteRequest, 'refundKey' | 'creditedInvoiceNumber'>>,
): Promise<InvoiceRecord> {
  const year = numberingYear(request.issuedDate);
  const counterKey = `counter#${kind}#${year}`;
  let lastCancellation: unknown;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
    const [existing, current] = await Promise.all([readRecord(recordKey), readCounter(counterKey)]);
    if (existing) return existing;
    const sequence = current + 1;
    const invoiceNumber = formatInvoiceNumber(kind, year, sequence);
    const record: InvoiceRecord = {
      orderId: request.orderId,
      kind,
      invoiceNumber,
      year,
      sequence,
      issuedDate: request.issuedDate.toISOString(),
      total: request.total,
      s3Key: invoiceKey(invoiceNumber),
      status: 'NUMBERED',
      ...(request.refundKey === undefined ? {} : { refundKey: request.refundKey }),
      ...(request.creditedInvoiceNumber === undefined ? {} : { creditedInvoiceNumber: request.creditedInvoiceNumber }),
    };
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: config.invoicesTable,
                Key: marshall({ recordKey: counterKey }),
                UpdateExpression: 'SET #last = :next',
                ConditionExpression: current === 0 ? 'attribute_not_exists(#last)' : '#last = :current',
                ExpressionAttributeNames: { '#last': 'last' },
                ExpressionAttributeValues: marshall(
                  current === 0 ? { ':next': sequence } : { ':next': sequence, ':current': current },
                ),
              },
            },
            {
              Put: {
                TableName: config.invoicesTable,
                Item: marshall({ recordKey, ...record }),
                ConditionExpression: 'attribute_not_exists(recordKey)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      );
      return record;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [, recordReason] = error.CancellationReasons ?? [];
      if (recordReason?.Code === 'ConditionalCheckFailed') {
        // Another request for the same document won: its record is the answer.
        const found = recordReason.Item ? toRecord(recordReason.Item) : await readRecord(recordKey);
        if (found) return found;
      }
      // The counter moved, or a concurrent transaction held one of the items: read and try again.
      lastCancellation = error;
    }
  }
  throw new InvoiceNumberContentionError(counterKey, MAX_ATTEMPTS, { cause: lastCancellation });
}

/** The counter's last number given; 0 before the year's first. */
async function readCounter(counterKey: string): Promise<number> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: config.invoicesTable, Key: marshall({ recordKey: counterKey }), ConsistentRead: true }),
  );
  if (!Item) return 0;
  const { last } = unmarshall(Item) as { last?: unknown };
  if (typeof last !== 'number') throw new Error(`The invoices table's ${counterKey} has no number in last.`);
  return last;
}

async function readRecord(recordKey: string): Promise<InvoiceRecord | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: config.invoicesTable, Key: marshall({ recordKey }), ConsistentRead: true }),
  );
  return Item ? toRecord(Item) : undefined;
}

// Records are only written by numberDocument; the key is the table's, not the record's.
function toRecord(item: Record<string, AttributeValue>): InvoiceRecord {
  const { recordKey: _key, ...record } = unmarshall(item) as InvoiceRecord & { recordKey: string };
  return record;
}
