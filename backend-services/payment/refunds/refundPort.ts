// What refunds need from the providers that hold the money: the card provider (refund a captured
// payment, release an authorised one) and the gateway (refund a paid order, and say how a refund
// stands). refundPayment gets the live ones (liveRefundProviders.ts), tests fakes.
//
// Every call may be repeated with the same arguments (a retry under the same idempotency key): the
// provider must then give back nothing more. A provider that cannot be asked, or whose answer is
// lost, throws ServiceUnavailableError (errors.ts), with what happened as its cause: the refund
// then stays PENDING, and the retry settles it. A refusal is an answer, not a throw.

import type { RefundZaloPayPayment, ZaloPayRefundResult } from '../clients/zaloPay.ts';

/** The card provider's answer: done, or refused (its own code and message). */
export type CardAnswer =
  { readonly kind: 'done' } | { readonly kind: 'refused'; readonly code: string; readonly message: string };

export interface CardRefunds {
  /** Gives back `amount` of the captured payment, under `refundId` (the same id again: nothing more). */
  refund(paymentToken: string, amount: number, refundId: string): Promise<CardAnswer>;
  /** Releases the authorisation (again: done, nothing more). */
  cancel(paymentToken: string): Promise<CardAnswer>;
}

/**
 * A refund as Zalo Pay v2's refund API takes it, and its answer: the client's own shapes, as the
 * gateway side of the port is that client (liveRefundProviders.ts).
 */
export type GatewayRefundRequest = RefundZaloPayPayment;
export type GatewayRefundAnswer = ZaloPayRefundResult;

export interface GatewayRefunds {
  /** Asks for the refund; the same m_refund_id again is the same refund (while it is dated today). */
  refund(request: GatewayRefundRequest): Promise<GatewayRefundAnswer>;
  /** How the refund under the m_refund_id stands; `refused` too when the gateway never received it. */
  queryRefund(mRefundId: string): Promise<GatewayRefundAnswer>;
  /** A fresh m_refund_id for a refund asked at `now` (Zalo Pay's format needs the app id and the date). */
  newRefundId(now: Date): string;
}

export interface RefundProviders {
  readonly card: CardRefunds;
  readonly gateway: GatewayRefunds;
}
