// The provider side of a refund over a fake port: which provider is asked, with what, and what
// each of its answers makes of the refund. The gateway's side is the Zalo Pay v2 refund's shape.
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

function fakeProviders(answers: { card?: CardAnswer; gateway?: GatewayRefundAnswer | Error } = {}) {
  const cardRefund = vi.fn(
    async (_token: string, _amount: number, _refundId: string) => answers.card ?? { kind: 'done' as const },
  );
  const gatewayRefund = vi.fn(async (_request: GatewayRefundRequest): Promise<GatewayRefundAnswer> => {
    const answer = answers.gateway ?? { kind: 'refunded', refundId: 'zp-1' };
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const providers: RefundProviders = {
    card: { refund: cardRefund, cancel: vi.fn(async () => ({ kind: 'done' as const })) },
    gateway: { refund: gatewayRefund, newRefundId: (at) => `${at.toISOString().slice(2, 10).replace(/-/g, '')}_2553_x` },
  };
  return { providers, cardRefund, gatewayRefund };
}

describe('refundAtProvider', () => {
  it('asks the card provider for a card payment, under the record’s refundId', async () => {
    const { providers, cardRefund, gatewayRefund } = fakeProviders();
    expect(await refundAtProvider(card, record, providers, now)).toEqual({ kind: 'succeeded' });
    expect(cardRefund).toHaveBeenCalledWith('pt_card', 1500, '260304_2553_000001');
    expect(gatewayRefund).not.toHaveBeenCalled();
  });

  it('takes a payment written before methods existed for a card one', async () => {
    const { providers, cardRefund } = fakeProviders();
    const { method: _method, ...legacy } = card;
    await refundAtProvider(legacy, record, providers, now);
    expect(cardRefund).toHaveBeenCalledOnce();
  });

  it('makes the card provider’s refusal a failure, with its reason and code', async () => {
    const { providers } = fakeProviders({
      card: { kind: 'refused', code: 'invalid_state', message: 'The payment is AUTHORIZED.' },
    });
    expect(await refundAtProvider(card, record, providers, now)).toEqual({
      kind: 'failed',
      failure: 'The payment is AUTHORIZED. (invalid_state)',
    });
  });

  it('asks the gateway for a gateway payment: m_refund_id the record’s refundId, zp_trans_id the payment’s', async () => {
    const { providers, cardRefund, gatewayRefund } = fakeProviders();
    expect(await refundAtProvider(gateway, record, providers, now)).toEqual({ kind: 'succeeded' });
    expect(gatewayRefund).toHaveBeenCalledWith({
      mRefundId: '260304_2553_000001',
      zpTransId: '240101000000123',
      amount: 1500,
      description: 'Damaged in transit',
      timestamp: now.getTime(),
    });
    expect(cardRefund).not.toHaveBeenCalled();
  });

  it('leaves a refund the gateway is still processing pending', async () => {
    const { providers } = fakeProviders({ gateway: { kind: 'processing', refundId: 'zp-1' } });
    expect(await refundAtProvider(gateway, record, providers, now)).toEqual({ kind: 'pending' });
  });

  it('makes the gateway’s refusal a failure, with its message and codes', async () => {
    const { providers } = fakeProviders({
      gateway: { kind: 'refused', returnCode: 2, subReturnCode: -13, message: 'Refund amount exceeds the transaction' },
    });
    expect(await refundAtProvider(gateway, record, providers, now)).toEqual({
      kind: 'failed',
      failure: 'Refund amount exceeds the transaction (return_code 2, sub_return_code -13)',
    });
  });

  it('passes on the port’s ServiceUnavailableError: the gateway could not be asked', async () => {
    const { providers } = fakeProviders({ gateway: new ServiceUnavailableError('Zalo Pay did not answer.') });
    await expect(refundAtProvider(gateway, record, providers, now)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('throws, asking nothing, on a gateway payment without the gateway’s transaction id', async () => {
    const { providers, gatewayRefund } = fakeProviders();
    const { gatewayTransId: _id, ...unpaid } = gateway;
    await expect(refundAtProvider(unpaid, record, providers, now)).rejects.toThrow(/without the gateway's transaction id/);
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
