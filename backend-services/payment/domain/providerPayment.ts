// A payment as the provider reports it, and whether its check lets the token back an order.

export type ProviderPaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'CANCELLED';

export interface ProviderPayment {
  readonly status: ProviderPaymentStatus;
  /** Minor units authorised. */
  readonly amount: number;
}

/** A refund as the provider made it, under the backend's id. */
export interface ProviderRefund {
  readonly refundId: string;
  readonly amount: number;
}

export interface ProviderCheck {
  readonly authorized: boolean;
  readonly payment: ProviderPayment;
}

/** Why the provider's check refuses `amount`, or undefined when it allows it. */
export function declineReason(check: ProviderCheck, amount: number): string | undefined {
  const { payment } = check;
  if (payment.status === 'CAPTURED') return 'The payment token was already captured.';
  if (payment.status === 'CANCELLED') return 'The payment token was cancelled.';
  if (payment.amount < amount) return `The payment token is authorised for ${payment.amount}, less than the amount ${amount}.`;
  if (!check.authorized) return 'The payment token is not authorised.';
  return undefined;
}
