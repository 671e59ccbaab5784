// The gateway simulator's refunds: POST /v2/refund and /v2/query_refund. A refund is asked for a
// paid zp_trans_id; together the refunds that were not refused never exceed what was paid. The
// docs call the refund API asynchronous (the merchant asks query_refund for the outcome): with
// `refundDelayMs` a refund answers 3 (processing) until that time has passed, then 1.
// Simulator's choices, where the docs we could read are silent: the refund sub codes were not in
// them, so every refusal is -401 with a message saying why; the request's timestamp is held to no
// window; a repeated m_refund_id is answered as its first request stands now, whatever else the
// repeat carries.
import {
  queryRefundMac,
  refundMac,
  RETURN_CODE,
  SUB_RETURN_CODE,
} from '../../backend-services/payment/gateway/zaloPayProtocol.ts';
import {
  answer,
  answering,
  assertApp,
  assertDatedId,
  assertMac,
  type GatewayAnswer,
  illegal,
  Refusal,
  type RequestFields,
  requireFields,
  success,
  wholeNumber,
} from './gatewayRequests.ts';

export interface GatewayRefund {
  readonly mRefundId: string;
  readonly zpTransId: string;
  readonly amount: number;
  readonly description: string;
  readonly refundId: number;
  /** Refused requests are kept too, to answer a repeat alike. */
  readonly status: 'PROCESSING' | 'SUCCESS' | 'FAILED';
  /** Why it was refused. */
  readonly reason: string | undefined;
}

export interface GatewayRefundsOptions {
  readonly appId: number;
  readonly key1: string;
  readonly refundDelayMs: number;
  readonly now: () => number;
  /** A fresh refund_id. */
  readonly nextId: () => number;
  /** What was paid for a zp_trans_id; undefined when it is no paid transaction. */
  readonly paidAmount: (zpTransId: string) => number | undefined;
}

interface StoredRefund {
  readonly mRefundId: string;
  readonly zpTransId: string;
  readonly amount: number;
  readonly description: string;
  readonly refundId: number;
  readonly settlesAt: number;
  readonly failure: string | undefined;
}

const REFUND_FIELDS = ['app_id', 'm_refund_id', 'zp_trans_id', 'amount', 'timestamp', 'description', 'mac'] as const;

export class GatewayRefunds {
  private readonly byId = new Map<string, StoredRefund>();
  private readonly options: GatewayRefundsOptions;

  constructor(options: GatewayRefundsOptions) {
    this.options = options;
  }

  /** POST /v2/refund: idempotent per m_refund_id (the same id again refunds once). */
  refund(request: RequestFields): GatewayAnswer {
    return answering(() => {
      const fields = requireFields(request, REFUND_FIELDS);
      const signed = {
        app_id: wholeNumber(fields, 'app_id'),
        zp_trans_id: fields.zp_trans_id,
        amount: wholeNumber(fields, 'amount'),
        refund_fee_amount: request.refund_fee_amount ? wholeNumber(request, 'refund_fee_amount') : undefined,
        description: fields.description,
        timestamp: wholeNumber(fields, 'timestamp'),
      };
      assertApp(signed.app_id, this.options.appId);
      const input = 'app_id|zp_trans_id|amount[|refund_fee_amount]|description|timestamp';
      assertMac(refundMac(signed, this.options.key1), fields.mac, input);
      assertDatedId('m_refund_id', fields.m_refund_id, this.options.now(), `_${signed.app_id}_`);
      if (signed.amount < 1) illegal('amount must be at least 1 VND');
      const known = this.byId.get(fields.m_refund_id);
      if (known) return this.answer(known, true);
      const stored: StoredRefund = {
        mRefundId: fields.m_refund_id,
        zpTransId: signed.zp_trans_id,
        amount: signed.amount,
        description: signed.description,
        refundId: this.options.nextId(),
        settlesAt: this.options.now() + this.options.refundDelayMs,
        failure: this.problemWith(signed.zp_trans_id, signed.amount),
      };
      this.byId.set(stored.mRefundId, stored);
      return this.answer(stored, true);
    });
  }

  /** POST /v2/query_refund. Its documented answer has the status fields only (no refund_id). */
  queryRefund(request: RequestFields): GatewayAnswer {
    return answering(() => {
      const fields = requireFields(request, ['app_id', 'm_refund_id', 'timestamp', 'mac']);
      const signed = {
        app_id: wholeNumber(fields, 'app_id'),
        m_refund_id: fields.m_refund_id,
        timestamp: wholeNumber(fields, 'timestamp'),
      };
      assertApp(signed.app_id, this.options.appId);
      assertMac(queryRefundMac(signed, this.options.key1), fields.mac, 'app_id|m_refund_id|timestamp');
      const stored = this.byId.get(signed.m_refund_id);
      // Simulator's choice: the docs give no answer for an unknown m_refund_id; this one says FAIL.
      if (!stored) throw new Refusal(SUB_RETURN_CODE.ILLEGAL_DATA_REQUEST, 'No refund has this m_refund_id.');
      return this.answer(stored, false);
    });
  }

  /** The refunds asked for a payment (refused ones included), oldest first. */
  list(zpTransId: string): GatewayRefund[] {
    return [...this.byId.values()]
      .filter((refund) => refund.zpTransId === zpTransId)
      .map((refund) => ({
        mRefundId: refund.mRefundId,
        zpTransId: refund.zpTransId,
        amount: refund.amount,
        description: refund.description,
        refundId: refund.refundId,
        status: this.statusOf(refund),
        reason: refund.failure,
      }));
  }

  private problemWith(zpTransId: string, amount: number): string | undefined {
    const paid = this.options.paidAmount(zpTransId);
    if (paid === undefined) return 'No paid transaction has this zp_trans_id.';
    const refunded = [...this.byId.values()]
      .filter((refund) => refund.zpTransId === zpTransId && refund.failure === undefined)
      .reduce((sum, refund) => sum + refund.amount, 0);
    if (refunded + amount > paid) {
      return `Refunding ${amount} would bring refunds to ${refunded + amount}, above the ${paid} paid.`;
    }
    return undefined;
  }

  private statusOf(refund: StoredRefund): GatewayRefund['status'] {
    if (refund.failure !== undefined) return 'FAILED';
    return this.options.now() < refund.settlesAt ? 'PROCESSING' : 'SUCCESS';
  }

  private answer(refund: StoredRefund, withRefundId: boolean): GatewayAnswer {
    const extra = withRefundId ? { refund_id: refund.refundId } : {};
    switch (this.statusOf(refund)) {
      case 'FAILED':
        return answer(RETURN_CODE.FAIL, SUB_RETURN_CODE.ILLEGAL_DATA_REQUEST, refund.failure ?? 'Refused.', extra);
      case 'PROCESSING':
        return answer(RETURN_CODE.PROCESSING, RETURN_CODE.PROCESSING, 'The refund is being processed.', extra);
      case 'SUCCESS':
        return success(extra);
    }
  }
}
