// Lambda-shaped DynamoDB stream records of the payments table, built from plain items.
import type { Payment, RefundRecord } from '../../../backend-services/payment/domain/payment.ts';
import { streamRecordsOf } from './streamRecords.ts';

export const {
  inserted: paymentInserted,
  modified: paymentModified,
  removed: paymentRemoved,
} = streamRecordsOf<Payment>('payments', 'paymentToken');

export function aPayment(overrides: Partial<Payment> = {}): Payment {
  return {
    paymentToken: 'pt_secret_token_0001',
    orderId: 'order-1',
    userId: 'user-1',
    amount: 4200,
    status: 'AUTHORIZED',
    createdDate: '2026-01-01T00:00:00.000Z',
    modifiedDate: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A refund's record as the payment keeps it under its idempotency key (`refunds.<key>`). */
export function aRefundRecord(amount: number, status: RefundRecord['status']): RefundRecord {
  return {
    refundId: `re_${amount}_${status.toLowerCase()}`,
    amount,
    reason: 'Arrived damaged',
    requestedBy: 'admin-1',
    status,
    createdDate: '2026-01-05T00:00:00.000Z',
    modifiedDate: '2026-01-05T00:00:00.000Z',
  };
}
