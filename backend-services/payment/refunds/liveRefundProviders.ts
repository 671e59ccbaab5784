// The refund port on the live providers. The card side is the card provider's API
// (clients/paymentProvider.ts). The gateway side waits for the Zalo Pay client (clients/zaloPay.ts
// and gateway/zaloPayProtocol.ts' refundIdFor, being built on branch zalopay-gateway): until it is
// wired here no payment is a gateway's, and a refund of one fails before anything is reserved.
import { cancelPayment, createRefund, getPayment, ProviderRefusedError } from '../clients/paymentProvider.ts';
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
    refund: () => Promise.reject(gatewayNotWired()),
    newRefundId: () => {
      throw gatewayNotWired();
    },
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

function gatewayNotWired(): Error {
  return new Error('Gateway refunds are not wired yet: the Zalo Pay client is not part of this service.');
}
