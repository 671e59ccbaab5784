// Which end an order's status gives its payment, and what to do about a payment already at one.
// An order's payment is settled once: a repeated or late event never moves it again.
import { paymentEffectOf } from '../../../domain/orderLifecycle.ts';
import { methodOf, type Payment } from './payment.ts';
import type { ProviderPaymentStatus } from './providerPayment.ts';

/** Where an order's end settles its payment. */
export type SettledStatus = 'CAPTURED' | 'RELEASED';

/**
 * CAPTURED for a status that captures the payment (FULFILLED), RELEASED for one that releases it
 * (an order ended without delivery), else undefined: domain/orderLifecycle.ts decides which.
 */
export function settlementFor(orderStatus: string): SettledStatus | undefined {
  const effect = paymentEffectOf(orderStatus);
  if (effect === 'CAPTURE') return 'CAPTURED';
  if (effect === 'RELEASE') return 'RELEASED';
  return undefined;
}

export type SettlementDecision = 'settle' | 'refund' | 'done' | 'contradicted';

/**
 * What an order's end does to its payment as it stands:
 * - `settle` a card's AUTHORIZED payment (capture or cancel it at the provider);
 * - `refund` a gateway payment, captured when paid, in full when the order ends undelivered;
 * - `done` when it is where the order's end leaves it already (a repeated event; a gateway
 *   payment captured when paid; one that failed or expired, so its order was cancelled; one
 *   refunded since);
 * - `contradicted` when it was settled the other way (a late or impossible event, to be ignored).
 */
export function decideSettlement(payment: Pick<Payment, 'status' | 'method'>, target: SettledStatus): SettlementDecision {
  const { status } = payment;
  if (status === 'AUTHORIZED') return 'settle';
  if (target === 'CAPTURED') return ['CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(status) ? 'done' : 'contradicted';
  if (['RELEASED', 'FAILED', 'EXPIRED', 'REFUNDED'].includes(status)) return 'done';
  if (methodOf(payment) === 'GATEWAY' && (status === 'CAPTURED' || status === 'PARTIALLY_REFUNDED')) return 'refund';
  return 'contradicted';
}

/** The provider's status once it has done what `target` asks. */
export function providerStatusFor(target: SettledStatus): ProviderPaymentStatus {
  return target === 'CAPTURED' ? 'CAPTURED' : 'CANCELLED';
}
