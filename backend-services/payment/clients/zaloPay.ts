// Zalo Pay's v2 API as the payment service calls it: create an order, query it, refund a payment,
// query a refund, each signed with key1 (gateway/zaloPayProtocol.ts). The docs accept
// application/x-www-form-urlencoded and JSON alike; this client sends forms, as Zalo Pay's own
// samples do, and reads JSON. One attempt each within `timeoutMs`: the caller retries (the
// checkout, the sweep, the refund's retry). No answer, an HTTP error, a refusal of our own app_id
// or key1, Zalo Pay saying it is busy or failing, or an unusable answer throws
// ServiceUnavailableError, its reason logged; Zalo Pay's answers about the order or refund itself
// come back as results. Keys and macs are never logged.
import { observabilityOf } from '../../platform/observability.ts';
import { ServiceUnavailableError } from '../errors.ts';
import {
  createOrderMac,
  queryOrderMac,
  queryRefundMac,
  refundMac,
  RETURN_CODE,
  SUB_RETURN_CODE,
} from '../gateway/zaloPayProtocol.ts';
import { parseJsonOrUndefined } from '../../platform/json.ts';

export const ZALOPAY_TIMEOUT_MS = 5_000;

export interface ZaloPayClientOptions {
  /** e.g. https://sb-openapi.zalopay.vn (sandbox) or https://openapi.zalopay.vn */
  readonly url: string;
  readonly appId: number;
  readonly key1: string;
  readonly timeoutMs?: number;
}

export interface CreateZaloPayOrder {
  /** appTransIdFor(now, …): yymmdd (GMT+7) of today, unique, at most 40 characters. */
  readonly appTransId: string;
  /** Who pays (a user id); at most 50 characters. */
  readonly appUser: string;
  /** When the order was made, ms since the epoch; within 15 minutes of Zalo Pay's clock. */
  readonly appTime: number;
  /** VND, a whole number, at least 1. */
  readonly amount: number;
  /** The merchant's own item list, sent as `item` (JSON, at most 2048 characters). */
  readonly items: readonly Readonly<Record<string, unknown>>[];
  /** Sent as `embed_data` (JSON); `redirecturl` sends the shopper back after the pay page. */
  readonly embedData: Readonly<Record<string, unknown>>;
  /** Shown to the shopper; at most 256 characters. */
  readonly description: string;
  readonly callbackUrl: string;
  /** From 300 to 2592000. */
  readonly expireDurationSeconds: number;
}

/** Zalo Pay answered, and refused (return_code 2, or another failure code); `subReturnCode` says why. */
export interface ZaloPayRefusal {
  readonly kind: 'refused';
  readonly returnCode: number;
  readonly subReturnCode: number;
  readonly message: string;
}

export type CreateZaloPayOrderResult =
  | {
      readonly kind: 'created';
      /** Where the shopper pays. */
      readonly orderUrl: string;
      readonly zpTransToken: string;
      /** In the docs' example answer (equal to zpTransToken); absent from the official SDK's example. */
      readonly orderToken: string | undefined;
    }
  | ZaloPayRefusal;

export type QueryZaloPayOrderResult =
  | { readonly kind: 'paid'; readonly zpTransId: string; readonly amount: number; readonly discountAmount: number }
  /** Declined, expired, or unknown to Zalo Pay: final. */
  | { readonly kind: 'failed'; readonly returnCode: number; readonly subReturnCode: number; readonly message: string }
  /** Not paid yet, or the payment is being processed: ask again later (until the order expires). */
  | { readonly kind: 'pending' };

export interface RefundZaloPayPayment {
  /** refundIdFor(now, appId, …): yymmdd_appid_…; the same id again is the same refund. */
  readonly mRefundId: string;
  readonly zpTransId: string;
  /** VND, at least 1; all refunds of a payment together at most what was paid. */
  readonly amount: number;
  readonly description: string;
  /** When the refund was asked for, ms since the epoch (part of the mac: keep it for a retry). */
  readonly timestamp: number;
}

/** `refundId` is the refund answer's refund_id; query_refund's documented answer carries none. */
export type ZaloPayRefundResult =
  | { readonly kind: 'refunded'; readonly refundId: string | undefined }
  /** Zalo Pay refunds asynchronously: ask queryRefund until it is refunded or refused. */
  | { readonly kind: 'processing'; readonly refundId: string | undefined }
  | ZaloPayRefusal;

export interface ZaloPayClient {
  createOrder(order: CreateZaloPayOrder): Promise<CreateZaloPayOrderResult>;
  queryOrder(appTransId: string): Promise<QueryZaloPayOrderResult>;
  refund(refund: RefundZaloPayPayment): Promise<ZaloPayRefundResult>;
  queryRefund(mRefundId: string): Promise<ZaloPayRefundResult>;
}

type Answer = Readonly<Record<string, unknown>> & { readonly return_code: number };

/** Codes meaning "the same request may pass later" (LIMIT_REQUEST_REACH, SYSTEM_ERROR, SYSTEM_MAINTENANCE). */
const TRANSIENT: ReadonlySet<number> = new Set([
  SUB_RETURN_CODE.LIMIT_REQUEST_REACH,
  SUB_RETURN_CODE.SYSTEM_ERROR,
  SUB_RETURN_CODE.SYSTEM_MAINTENANCE,
]);
/** Codes refusing our app_id or mac: a misconfiguration, never an answer about the order or refund. */
const CREDENTIALS: ReadonlySet<number> = new Set([
  SUB_RETURN_CODE.ILLEGAL_APP_OR_SIGNATURE,
  SUB_RETURN_CODE.ILLEGAL_SIGNATURE_REQUEST,
  SUB_RETURN_CODE.ILLEGAL_CLIENT_REQUEST,
]);

const { logger } = observabilityOf('payment');

export function createZaloPayClient(options: ZaloPayClientOptions): ZaloPayClient {
  const { appId, key1 } = options;
  const baseUrl = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? ZALOPAY_TIMEOUT_MS;

  async function post(path: string, subject: string, fields: Record<string, string | number>): Promise<Answer> {
    const what = `POST ${path} (${subject})`;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(Object.entries(fields).map(([name, value]): [string, string] => [name, String(value)])),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unavailable(`${what} got no answer: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw unavailable(`${what} answered HTTP ${response.status}`);
    const answer = parseJsonOrUndefined(text);
    if (!isRecord(answer) || !Number.isInteger(answer.return_code)) throw unavailable(`${what} answered without a return_code`);
    return answer as Answer;
  }

  return {
    async createOrder(order) {
      const fields = {
        app_id: appId,
        app_user: order.appUser,
        app_trans_id: order.appTransId,
        app_time: order.appTime,
        amount: order.amount,
        item: JSON.stringify(order.items),
        embed_data: JSON.stringify(order.embedData),
      };
      const answer = await post('/v2/create', order.appTransId, {
        ...fields,
        description: order.description,
        callback_url: order.callbackUrl,
        expire_duration_seconds: order.expireDurationSeconds,
        mac: createOrderMac(fields, key1),
      });
      const what = `POST /v2/create (${order.appTransId})`;
      if (answer.return_code === RETURN_CODE.SUCCESS) {
        const { order_url: orderUrl, zp_trans_token: zpTransToken, order_token: orderToken } = answer;
        if (typeof orderUrl !== 'string' || typeof zpTransToken !== 'string') throw unusable(what);
        return { kind: 'created', orderUrl, zpTransToken, orderToken: typeof orderToken === 'string' ? orderToken : undefined };
      }
      if (answer.return_code === RETURN_CODE.PROCESSING) throw unusable(what);
      return refusal(what, answer);
    },

    async queryOrder(appTransId) {
      const fields = { app_id: appId, app_trans_id: appTransId };
      const answer = await post('/v2/query', appTransId, { ...fields, mac: queryOrderMac(fields, key1) });
      const what = `POST /v2/query (${appTransId})`;
      // 3: "unpaid order or transaction in progress"; 1 while is_processing is true is not final either.
      if (answer.return_code === RETURN_CODE.PROCESSING) return { kind: 'pending' };
      if (answer.return_code === RETURN_CODE.SUCCESS) {
        if (answer.is_processing === true) return { kind: 'pending' };
        const zpTransId = idText(answer.zp_trans_id);
        const { amount, discount_amount: discount } = answer;
        if (zpTransId === undefined || !isWholeNumber(amount)) throw unusable(what);
        // The query docs list discount_amount; the official SDK's example answer has none: absent reads as 0.
        if (discount !== undefined && !isWholeNumber(discount)) throw unusable(what);
        return { kind: 'paid', zpTransId, amount, discountAmount: discount ?? 0 };
      }
      const { returnCode, subReturnCode, message } = refusal(what, answer);
      return { kind: 'failed', returnCode, subReturnCode, message };
    },

    async refund(refund) {
      const fields = {
        app_id: appId,
        zp_trans_id: refund.zpTransId,
        amount: refund.amount,
        description: refund.description,
        timestamp: refund.timestamp,
      };
      const answer = await post('/v2/refund', refund.mRefundId, {
        ...fields,
        m_refund_id: refund.mRefundId,
        mac: refundMac(fields, key1),
      });
      return refundResult(`POST /v2/refund (${refund.mRefundId})`, answer);
    },

    async queryRefund(mRefundId) {
      const fields = { app_id: appId, m_refund_id: mRefundId, timestamp: Date.now() };
      const answer = await post('/v2/query_refund', mRefundId, { ...fields, mac: queryRefundMac(fields, key1) });
      return refundResult(`POST /v2/query_refund (${mRefundId})`, answer);
    },
  };
}

function refundResult(what: string, answer: Answer): ZaloPayRefundResult {
  const refundId = idText(answer.refund_id);
  if (answer.return_code === RETURN_CODE.SUCCESS) return { kind: 'refunded', refundId };
  if (answer.return_code === RETURN_CODE.PROCESSING) return { kind: 'processing', refundId };
  return refusal(what, answer);
}

/** A failure answer: Zalo Pay's refusal, or a throw when it is about our credentials or Zalo Pay itself. */
function refusal(what: string, answer: Answer): ZaloPayRefusal {
  const returnCode = answer.return_code;
  const subReturnCode = Number.isInteger(answer.sub_return_code) ? (answer.sub_return_code as number) : returnCode;
  const message = [answer.sub_return_message, answer.return_message].find((m) => typeof m === 'string' && m !== '');
  const said = `${what} answered ${returnCode}/${subReturnCode}${message ? ` (${String(message)})` : ''}`;
  if (CREDENTIALS.has(returnCode) || CREDENTIALS.has(subReturnCode)) throw unavailable(`${said}: check app_id and key1`);
  if (TRANSIENT.has(returnCode) || TRANSIENT.has(subReturnCode)) throw unavailable(said);
  return { kind: 'refused', returnCode, subReturnCode, message: typeof message === 'string' ? message : 'refused' };
}

/** zp_trans_id and refund_id are 64-bit: kept as text (a JSON number is accepted while it is exact). */
function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^[1-9]\d*$/.test(value)) return value;
  return undefined;
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function unusable(what: string): ServiceUnavailableError {
  return unavailable(`${what} answered without what the API documents`);
}

function unavailable(reason: string, cause?: unknown): ServiceUnavailableError {
  // The reason is for the logs; the caller learns only that Zalo Pay could not be asked.
  logger.error('Zalo Pay is unavailable', { reason });
  return new ServiceUnavailableError(
    'The payment gateway could not be reached; try again shortly.',
    cause === undefined ? undefined : { cause },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
