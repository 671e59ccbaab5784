// Which end an order's status gives its payment, and what to do about a payment already at one.
// An order's payment is settled once: a repeated or late event never moves it again.
import { paymentEffectOf } from '../../../domain/orderLifecycle.ts';
import type { PaymentStatus } from './payment.ts';
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

/**
 * `settle` an AUTHORIZED payment; `done` when it is at the target already (a repeated event);
 * `contradicted` when it was settled the other way (a late or impossible event, to be ignored).
 */
export function decideSettlement(current: PaymentStatus, target: SettledStatus): 'settle' | 'done' | 'contradicted' {
  if (current === 'AUTHORIZED') return 'settle';
  return current === target ? 'done' : 'contradicted';
}

/** The provider's status once it has done what `target` asks. */
export function providerStatusFor(target: SettledStatus): ProviderPaymentStatus {
  return target === 'CAPTURED' ? 'CAPTURED' : 'CANCELLED';
}
