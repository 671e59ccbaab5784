// The emails a customer receives, and what sends each. Two kinds are transactional and always
// sent: the order's confirmation and its documents (invoice, credit note). The status emails are
// sent only while the customer's `orderUpdates` preference is on (it is unless they turn it off).
// Each is sent at most once per order and kind (per document, for documents): its ledger key
// says which send it is (store/sentEmails.ts).
import type { OrderStatus } from '../../../generated/graphql.ts';

export type EmailKind =
  | 'ORDER_CONFIRMED'
  | 'ORDER_SHIPPED'
  | 'ORDER_DELIVERED'
  | 'ORDER_CANCELLED'
  | 'PACKAGING_FAILED'
  | 'DELIVERY_FAILED'
  | 'INVOICE'
  | 'CREDIT_NOTE';

/** Whether a kind is always sent, or only with the customer's `orderUpdates` preference on. */
export const EMAIL_PREFERENCE = {
  ORDER_CONFIRMED: 'transactional',
  ORDER_SHIPPED: 'orderUpdates',
  ORDER_DELIVERED: 'orderUpdates',
  ORDER_CANCELLED: 'orderUpdates',
  PACKAGING_FAILED: 'orderUpdates',
  DELIVERY_FAILED: 'orderUpdates',
  INVOICE: 'transactional',
  CREDIT_NOTE: 'transactional',
} as const satisfies Record<EmailKind, 'transactional' | 'orderUpdates'>;

/**
 * The email an order entering a status sends, if any. NEW is the confirmation: an order placed
 * with a card is NEW at once; a gateway order becomes NEW when it is paid (AWAITING_PAYMENT sends
 * nothing: the shopper is still on the gateway's page).
 */
export const STATUS_EMAILS: Readonly<Partial<Record<OrderStatus, EmailKind>>> = {
  NEW: 'ORDER_CONFIRMED',
  IN_DELIVERY: 'ORDER_SHIPPED',
  FULFILLED: 'ORDER_DELIVERED',
  CANCELLED: 'ORDER_CANCELLED',
  PACKAGING_FAILED: 'PACKAGING_FAILED',
  DELIVERY_FAILED: 'DELIVERY_FAILED',
};

/** The documents the invoices service stores, by the `kind` it records on each object. */
export const DOCUMENT_EMAILS = { INVOICE: 'INVOICE', CREDIT_NOTE: 'CREDIT_NOTE' } as const satisfies Record<string, EmailKind>;

/**
 * The ledger key of one email: the order and kind, and for a document its number (an order has
 * one invoice but may have several credit notes).
 */
export function emailKey(orderId: string, kind: EmailKind, documentNumber?: string): string {
  return documentNumber === undefined ? `${orderId}#${kind}` : `${orderId}#${kind}#${documentNumber}`;
}
