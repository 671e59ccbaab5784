// One refund asked of the provider that holds the payment's money, through the port: the card
// provider for a card payment, the gateway for a gateway one; and what came of it.
//
// A refund asked `again` (its record found PENDING: the first ask got no answer, or the gateway
// was processing it) goes out under the same id, which both providers dedupe. The gateway is
// first asked how it stands, as Zalo Pay's refunds are asynchronous: only a refund it does not
// hold done or under way (refused, or never received) is asked for again. Asking again alone
// would not do: Zalo Pay takes an m_refund_id dated today only, so a refund resumed another day
// would be refused while it may have been made.
import { randomBytes } from 'node:crypto';
import { methodOf, type Payment, type RefundRecord } from '../domain/payment.ts';
import type { GatewayRefundAnswer, RefundProviders } from './refundPort.ts';

/** Done, refused (the record FAILED, with why), or still under way at the gateway (the record stays PENDING). */
export type ProviderOutcome =
  { readonly kind: 'succeeded' } | { readonly kind: 'failed'; readonly failure: string } | { readonly kind: 'pending' };

/** Throws what the port throws: ServiceUnavailableError when the provider could not be asked. */
export async function refundAtProvider(
  payment: Payment,
  record: RefundRecord,
  providers: RefundProviders,
  asked: 'first' | 'again',
): Promise<ProviderOutcome> {
  if (methodOf(payment) === 'CARD') {
    const answer = await providers.card.refund(payment.paymentToken, record.amount, record.refundId);
    return answer.kind === 'done' ? { kind: 'succeeded' } : { kind: 'failed', failure: `${answer.message} (${answer.code})` };
  }
  if (!payment.gatewayTransId) {
    // Captured gateway payments carry the gateway's id from the callback that paid them.
    throw new Error(`Order ${payment.orderId}'s gateway payment is ${payment.status} without the gateway's transaction id.`);
  }
  if (asked === 'again') {
    const standing = await providers.gateway.queryRefund(record.refundId);
    if (standing.kind !== 'refused') return outcomeOf(standing);
  }
  return outcomeOf(
    await providers.gateway.refund({
      mRefundId: record.refundId,
      zpTransId: payment.gatewayTransId,
      amount: record.amount,
      description: record.reason,
      timestamp: Date.parse(record.createdDate),
    }),
  );
}

function outcomeOf(answer: GatewayRefundAnswer): ProviderOutcome {
  switch (answer.kind) {
    case 'refunded':
      return { kind: 'succeeded' };
    case 'processing':
      return { kind: 'pending' };
    case 'refused':
      return {
        kind: 'failed',
        failure: `${answer.message} (return_code ${answer.returnCode}, sub_return_code ${answer.subReturnCode})`,
      };
  }
}

/** The id a new refund of the payment goes to its provider under: ours for a card, the gateway's format for a gateway. */
export function newRefundId(payment: Payment, providers: RefundProviders, now: Date): string {
  return methodOf(payment) === 'CARD' ? `rf_${randomBytes(12).toString('hex')}` : providers.gateway.newRefundId(now);
}
