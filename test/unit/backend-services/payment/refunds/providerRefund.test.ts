// The provider side of a refund over a fake port: which provider is asked, with what, and what
// each of its answers makes of the refund. The gateway's side is the Zalo Pay v2 refund's shape:
// a refund asked again is first queried, and asked for again only when the gateway holds none.
import { describe, expect, it, vi } from 'vitest';
import type { Payment, RefundRecord } from '../../../../../backend-services/payment/domain/payment.ts';
import { ServiceUnavailableError } from '../../../../../backend-services/payment/errors.ts';
import { newRefundId, refundAtProvider } from '../../../../../backend-services/payment/refunds/providerRefund.ts';
import type {
  CardAnswer,
  GatewayRefundAnswer,
  GatewayRefundRequest,
  RefundProviders,
} from '../../../../../backend-services/payment/refunds/refundPort.ts';
import { aPayment } from '../../../../support/backend-services/paymentStreamRecords.ts';

const now = new Date('2026-03-04T05:06:07.000Z');
const later = new Date('2026-03-05T09:00:00.000Z');
const record: RefundRecord = {
  refundId: '260304_2553_000001',
  amount: 1500,
  reason: 'Damaged in transit',
  requestedBy: 'admin-1',
  status: 'PENDING',
  createdDate: now.toISOString(),
  modifiedDate: now.toISOString(),
};
const card = aPayment({ paymentToken: 'pt_card', orderId: 'order-1', status: 'CAPTURED', method: 'CARD' });
const gateway: Payment = aPayment({
  paymentToken: 'gateway:order-2',
  orderId: 'order-2',
  status: 'CAPTURED',
  method: 'GATEWAY',
  gatewayTransId: '240101000000123',
});

function fakeProviders(answers: { card?: CardAnswer; gateway?: GatewayRefundAnswer | Error; query?: GatewayRefundAnswer } = {}) {
  const cardRefund = vi.fn(
    async (_token: string, _amount: number, _refundId: string) => answers.card ?? { kind: 'done' as const },
  );
  const gatewayRefund = vi.fn(async (_request: GatewayRefundRequest): Promise<GatewayRefundAnswer> => {
    const answer = answers.gateway ?? { kind: 'refunded', refundId: 'zp-1' };
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const queryRefund = vi.fn(
    async (_mRefundId: string): Promise<GatewayRefundAnswer> =>
      answers.query ?? { kind: 'refused', returnCode: 2, subReturnCode: -401, message: 'No refund has this m_refund_id.' },
  );
  const providers: RefundProviders = {
    card: { refund: cardRefund, cancel: vi.fn(async () => ({ kind: 'done' as const })) },
    gateway: {
      refund: gatewayRefund,
      queryRefund,
      newRefundId: (at) => `${at.toISOString().slice(2, 10).replace(/-/g, '')}_2553_x`,
    },
  };
  return { providers, cardRefund, gatewayRefund, queryRefund };
}

describe('refundAtProvider', () => {
  it('asks the card provider for a card payment, under the record’s refundId', async () => {
    const { providers, cardRefund, gatewayRefund } = fakeProviders();
    expect(await refundAtProvider(card, record, providers, 'first')).toEqual({ kind: 'succeeded' });
    expect(cardRefund).toHaveBeenCalledWith('pt_card', 1500, '260304_2553_000001');
    expect(gatewayRefund).not.toHaveBeenCalled();
  });

  it('takes a payment written before methods existed for a card one', async () => {
    const { providers, cardRefund } = fakeProviders();
    const { method: _method, ...legacy } = card;
    await refundAtProvider(legacy, record, providers, 'first');
    expect(cardRefund).toHaveBeenCalledOnce();
  });

  it('makes the card provider’s refusal a failure, with its reason and code', async () => {
    const { providers } = fakeProviders({
      card: { kind: 'refused', code: 'invalid_state', message: 'The payment is AUTHORIZED.' },
    });
    expect(await refundAtProvider(card, record, providers, 'first')).toEqual({
      kind: 'failed',
      failure: 'The payment is AUTHORIZED. (invalid_state)',
    });
  });

  it('asks the gateway for a gateway payment: m_refund_id the record’s refundId, zp_trans_id the payment’s, timestamp when reserved', async () => {
    const { providers, cardRefund, gatewayRefund, queryRefund } = fakeProviders();
    expect(await refundAtProvider(gateway, record, providers, 'first')).toEqual({ kind: 'succeeded' });
    expect(gatewayRefund).toHaveBeenCalledWith({
      mRefundId: '260304_2553_000001',
      zpTransId: '240101000000123',
      amount: 1500,
      description: 'Damaged in transit',
      timestamp: now.getTime(),
    });
    expect(queryRefund).not.toHaveBeenCalled();
    expect(cardRefund).not.toHaveBeenCalled();
  });

  it('asks the card provider again under the same refundId for a refund asked again', async () => {
    const { providers, cardRefund } = fakeProviders();
    expect(await refundAtProvider(card, record, providers, 'again')).toEqual({ kind: 'succeeded' });
    expect(cardRefund).toHaveBeenCalledWith('pt_card', 1500, '260304_2553_000001');
  });

  it.each([
    [{ kind: 'refunded', refundId: 'zp-1' }, { kind: 'succeeded' }],
    [{ kind: 'processing', refundId: 'zp-1' }, { kind: 'pending' }],
  ] as const)('takes how the gateway holds a refund asked again (%j), asking for it no more', async (query, outcome) => {
    const { providers, gatewayRefund, queryRefund } = fakeProviders({ query });
    expect(await refundAtProvider(gateway, record, providers, 'again')).toEqual(outcome);
    expect(queryRefund).toHaveBeenCalledWith('260304_2553_000001');
    expect(gatewayRefund).not.toHaveBeenCalled();
  });

  it('asks the gateway again, with the first timestamp, for a refund asked again that it does not hold', async () => {
    const { providers, gatewayRefund, queryRefund } = fakeProviders({ gateway: { kind: 'processing', refundId: 'zp-1' } });
    vi.setSystemTime(later);
    try {
      expect(await refundAtProvider(gateway, record, providers, 'again')).toEqual({ kind: 'pending' });
    } finally {
      vi.useRealTimers();
    }
    expect(queryRefund).toHaveBeenCalledOnce();
    expect(gatewayRefund).toHaveBeenCalledWith(
      expect.objectContaining({ mRefundId: '260304_2553_000001', timestamp: now.getTime() }),
    );
  });

  it('leaves a refund the gateway is still processing pending', async () => {
    const { providers } = fakeProviders({ gateway: { kind: 'processing', refundId: 'zp-1' } });
    expect(await refundAtProvider(gateway, record, providers, 'first')).toEqual({ kind: 'pending' });
  });

  it('makes the gateway’s refusal a failure, with its message and codes', async () => {
    const { providers } = fakeProviders({
      gateway: { kind: 'refused', returnCode: 2, subReturnCode: -13, message: 'Refund amount exceeds the transaction' },
    });
    expect(await refundAtProvider(gateway, record, providers, 'first')).toEqual({
      kind: 'failed',
      failure: 'Refund amount exceeds the transaction (return_code 2, sub_return_code -13)',
    });
  });

  it('passes on the port’s ServiceUnavailableError: the gateway could not be asked', async () => {
    const { providers } = fakeProviders({ gateway: new ServiceUnavailableError('Zalo Pay did not answer.') });
    await expect(refundAtProvider(gateway, record, providers, 'first')).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('throws, asking nothing, on a gateway payment without the gateway’s transaction id', async () => {
    const { providers, gatewayRefund } = fakeProviders();
    const { gatewayTransId: _id, ...unpaid } = gateway;
    await expect(refundAtProvider(unpaid, record, providers, 'first')).rejects.toThrow(/without the gateway's transaction id/);
    expect(gatewayRefund).not.toHaveBeenCalled();
  });
});

describe('newRefundId', () => {
  it('makes a card refund’s id of its own, new each time', () => {
    const { providers } = fakeProviders();
    const first = newRefundId(card, providers, now);
    expect(first).toMatch(/^rf_[0-9a-f]{24}$/);
    expect(newRefundId(card, providers, now)).not.toBe(first);
  });

  it('has the gateway make a gateway refund’s m_refund_id, for the date asked', () => {
    const { providers } = fakeProviders();
    expect(newRefundId(gateway, providers, now)).toBe('260304_2553_x');
  });
});
