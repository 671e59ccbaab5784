// What checkout needs from the world: the services it calls and the tables it reads and writes,
// as plain async functions. The checkout route passes the real ones (checkout/checkoutRoute.ts),
// tests fakes. A port that cannot get an answer throws ServiceUnavailableError (errors.ts), with
// what happened as its cause.
import type { CatalogProduct, Package } from '../../../domain/catalog.ts';
import type { Operation, PaymentChoice } from './checkoutRequest.ts';
import type { LineItem } from './lineItems.ts';
import type { AddressItem, OrderItem } from '../../../domain/order.ts';

export type DeliveryQuote =
  | { readonly kind: 'priced'; readonly pricing: number }
  | { readonly kind: 'unknownProduct'; readonly productId: string }
  | { readonly kind: 'invalid'; readonly message: string };

/** A line with its product's package as the catalog holds it: what its delivery is priced from. */
export interface PackagedLine extends LineItem {
  readonly package: Package;
}

export interface PaymentClaim {
  readonly orderId: string;
  readonly userId: string;
  readonly paymentToken: string;
  /** Cents: the order's total. */
  readonly amount: number;
}

/** A gateway payment to start for the order: the gateway shows the items and takes the amount. */
export interface GatewayPaymentStart {
  readonly orderId: string;
  readonly userId: string;
  /** Cents: the order's total. */
  readonly amount: number;
  readonly items: readonly {
    readonly productId: string;
    readonly name: string;
    readonly price: number;
    readonly quantity: number;
  }[];
}

/** `authorized`: the card is claimed for the order, or the gateway payment is started and waits for the shopper. */
export type PaymentAuthorization =
  | { readonly kind: 'authorized' }
  | { readonly kind: 'declined'; readonly message: string }
  | { readonly kind: 'invalid'; readonly message: string };

/** A product whose stock update was refused: `stock` is what is left, absent when the product is gone. */
export interface StockShortage {
  readonly productId: string;
  readonly stock?: number;
}

export type OrderWrite =
  | { readonly kind: 'written' }
  /** An order with this id exists already: an earlier attempt of the same request wrote it. */
  | { readonly kind: 'exists' }
  | { readonly kind: 'stockShort'; readonly shortages: readonly StockShortage[] };

export interface CheckoutPorts {
  /** The caller's cart lines (consistent read). */
  readCartLines(userId: string): Promise<LineItem[]>;
  /** The catalog's products among the ids; an unknown id is absent. */
  fetchProducts(productIds: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct>>;
  /** Priced by the delivery-pricing service from the packages given (read from the catalog just before). */
  quoteDelivery(lines: readonly PackagedLine[], address: AddressItem): Promise<DeliveryQuote>;
  authorizePayment(claim: PaymentClaim): Promise<PaymentAuthorization>;
  startGatewayPayment(start: GatewayPaymentStart): Promise<PaymentAuthorization>;
  /** Gives up the order's payment (the card's claim, or the gateway payment not yet made). Best effort: never throws (a failure is logged). */
  voidPayment(orderId: string, payment: PaymentChoice): Promise<void>;
  findOrder(orderId: string): Promise<OrderItem | undefined>;
  /**
   * Writes the order, reserves its stock and, for placeOrder, removes its lines from the cart,
   * all or nothing, idempotently: a write with no answer is sent again until it is settled.
   * Throws ServiceUnavailableError when it surely wrote nothing; any other error (an
   * OrderOutcomeUnknownError when it never was settled) leaves the outcome unknown.
   */
  writeOrder(order: OrderItem, operation: Operation): Promise<OrderWrite>;
  /**
   * Whether enough of the request's time is left to claim a payment and still write the order, or
   * void the payment, before answering. Without it, checkout stops before the claim.
   */
  hasTimeToPay(): boolean;
  now(): Date;
  newOrderId(): string;
}
