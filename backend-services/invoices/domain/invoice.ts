// The invoice as a document: what is printed on it, from an order as the orders table holds it
// (domain/order.ts), a number and an issue date. Amounts stay in minor units (cents) here; only
// formatMoney turns them into text, with a fixed locale, so that a document reads the same on
// every machine. A credit note has the same shape: it names the invoice it credits and carries
// the refunded amount as its single line.
import type { AddressItem, OrderItem } from '../../../domain/order.ts';

export type InvoiceKind = 'INVOICE' | 'CREDIT_NOTE';

/** Who issues the invoices: from the service's configuration. */
export interface Seller {
  readonly name: string;
  /** The address as printed, one line each. */
  readonly addressLines: readonly string[];
  readonly vatId: string;
}

export interface Buyer {
  readonly name: string;
  /** The delivery address as printed, one line each, the name aside. */
  readonly addressLines: readonly string[];
}

export interface InvoiceLine {
  readonly description: string;
  readonly quantity: number;
  /** Minor units. */
  readonly unitPrice: number;
  /** quantity × unitPrice, in minor units. */
  readonly amount: number;
}

export interface InvoiceDocument {
  readonly kind: InvoiceKind;
  /** INV-<year>-<6 digits> or CN-<year>-<6 digits> (invoiceNumber.ts). */
  readonly number: string;
  /** The issue date, YYYY-MM-DD in UTC. */
  readonly issuedDate: string;
  /** ISO 4217 code, e.g. EUR. */
  readonly currency: string;
  readonly seller: Seller;
  readonly buyer: Buyer;
  readonly orderId: string;
  /** The order's date, YYYY-MM-DD in UTC. */
  readonly orderDate: string;
  /** A credit note's: the number of the invoice it credits. */
  readonly creditedInvoiceNumber?: string;
  readonly lines: readonly InvoiceLine[];
  /** Minor units; 0 on a credit note (its one line is the refund). */
  readonly delivery: number;
  /** Σ line amounts + delivery, in minor units. */
  readonly total: number;
}

/** What every document needs besides the order. */
export interface IssueDetails {
  readonly number: string;
  readonly issuedDate: Date;
  readonly seller: Seller;
  readonly currency: string;
}

/**
 * The order's invoice: one line per product, the delivery, the order's total. Throws when the
 * order's total is not its lines and delivery: such an order must not be invoiced as it is.
 */
export function invoiceFromOrder(order: OrderItem, details: IssueDetails): InvoiceDocument {
  const lines = order.products.map((product) => ({
    description: product.name,
    quantity: product.quantity,
    unitPrice: product.price,
    amount: product.price * product.quantity,
  }));
  const total = lines.reduce((sum, line) => sum + line.amount, 0) + order.deliveryPrice;
  if (total !== order.total)
    throw new Error(
      `Order ${order.orderId} cannot be invoiced: its total ${order.total} is not its lines and delivery (${total}).`,
    );
  return {
    ...header(order, details, 'INVOICE'),
    lines,
    delivery: order.deliveryPrice,
    total,
  };
}

export interface CreditDetails extends IssueDetails {
  /** The number of the order's invoice. */
  readonly invoiceNumber: string;
  /** Minor units, 1 to the order's total. */
  readonly refundedAmount: number;
}

/**
 * Throws unless `amount` can be credited on the order: a whole number of minor units, 1 to the
 * order's total. Checked before a credit note takes its number, so that none is taken in vain.
 */
export function assertCreditNoteAmount(order: OrderItem, amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > order.total)
    throw new RangeError(`A credit note of order ${order.orderId} is 1 to ${order.total}; ${amount} was asked.`);
}

/** A credit note for a refund of the order: one line, the refunded amount, referencing the invoice. */
export function creditNoteFromOrder(order: OrderItem, details: CreditDetails): InvoiceDocument {
  const amount = details.refundedAmount;
  assertCreditNoteAmount(order, amount);
  return {
    ...header(order, details, 'CREDIT_NOTE'),
    creditedInvoiceNumber: details.invoiceNumber,
    lines: [{ description: `Refund for invoice ${details.invoiceNumber}`, quantity: 1, unitPrice: amount, amount }],
    delivery: 0,
    total: amount,
  };
}

export { formatMoney } from '../../platform/money.ts';

function header(
  order: OrderItem,
  details: IssueDetails,
  kind: InvoiceKind,
): Pick<InvoiceDocument, 'kind' | 'number' | 'issuedDate' | 'currency' | 'seller' | 'buyer' | 'orderId' | 'orderDate'> {
  return {
    kind,
    number: details.number,
    issuedDate: utcDay(details.issuedDate),
    currency: details.currency,
    seller: details.seller,
    buyer: { name: order.address.name, addressLines: addressLines(order.address) },
    orderId: order.orderId,
    orderDate: utcDay(new Date(order.createdDate)),
  };
}

function addressLines(address: AddressItem): string[] {
  const cityLine = [address.postCode, address.city].filter(Boolean).join(' ');
  return [address.companyName, address.streetAddress, cityLine, address.state, address.country].filter((line): line is string =>
    Boolean(line),
  );
}

/** The UTC day of `date`, YYYY-MM-DD: how documents are dated. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
