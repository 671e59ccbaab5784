// The refund port on the live providers: the card provider's API (clients/paymentProvider.ts) and
// Zalo Pay's (clients/zaloPay.ts, signed with key1 from the payment secret, gateway/gatewayClient.ts).
import { randomBytes } from 'node:crypto';
import { cancelPayment, createRefund, getPayment, ProviderRefusedError } from '../clients/paymentProvider.ts';
import { config } from '../config.ts';
import { gatewayClient } from '../gateway/gatewayClient.ts';
import { refundIdFor } from '../gateway/zaloPayProtocol.ts';
import type { CardAnswer, RefundProviders } from './refundPort.ts';

export const liveRefundProviders: RefundProviders = {
  card: {
    refund: (paymentToken, amount, refundId) => answerOf(createRefund(paymentToken, amount, refundId)),
    async cancel(paymentToken) {
      const answer = await answerOf(cancelPayment(paymentToken));
      // A provider stricter than the simulator refuses to cancel twice: cancelled already is done.
      if (
        answer.kind === 'refused' &&
        answer.code === 'invalid_state' &&
        (await getPayment(paymentToken)).status === 'CANCELLED'
      ) {
        return { kind: 'done' };
      }
      return answer;
    },
  },
  gateway: {
    refund: async (request) => (await gatewayClient()).refund(request),
    queryRefund: async (mRefundId) => (await gatewayClient()).queryRefund(mRefundId),
    // yymmdd_appid_ and 16 random hex digits: unique, dated as Zalo Pay wants it.
    newRefundId: (now) => refundIdFor(now, config.gateway.appId, randomBytes(8).toString('hex')),
  },
};

/** The provider's refusal as an answer; not being able to ask it (ServiceUnavailableError) stays a throw. */
async function answerOf(call: Promise<unknown>): Promise<CardAnswer> {
  try {
    await call;
    return { kind: 'done' };
  } catch (error) {
    if (error instanceof ProviderRefusedError) return { kind: 'refused', code: error.code, message: error.reason };
    throw error;
  }
}
