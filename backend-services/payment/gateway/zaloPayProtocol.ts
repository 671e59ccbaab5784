// Zalo Pay's v2 API as the payment service speaks it: the MAC of each request, the check of a
// callback, the answers a callback receiver gives, and the ids a merchant makes. Pure (node:crypto
// only): the client, the callback route and the local simulator share it, and its unit tests pin
// it to the worked callback example in Zalo Pay's documentation.
//
// Sources (Zalo Pay's documentation, as stored copies read for this module):
// - create        https://docs.zalopay.vn/docs/specs/order-create
// - query         https://docs.zalopay.vn/docs/specs/order-query
// - refund        https://docs.zalopay.vn/docs/specs/order-refund
// - query refund  https://docs.zalopay.vn/docs/specs/order-query-refund
// - callback      https://docs.zalopay.vn/docs/specs/callback-api,
//                 https://beta-docs.zalopay.vn/docs/developer-tools/knowledge-base/callback
// - status codes  https://docs.zalopay.vn/v2/general/errors.html,
//                 https://beta-docs.zalopay.vn/docs/developer-tools/knowledge-base/status-codes
// - redirect      https://docs.zalopay.vn/docs/webtoapp/api.html
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `return_code` of every API answer (status codes page). */
export const RETURN_CODE = { SUCCESS: 1, FAIL: 2, PROCESSING: 3 } as const;

/** The `sub_return_code`s this service reads or the simulator answers. */
export const SUB_RETURN_CODE = {
  SUCCESS: 1,
  /** Query, return_code 3: "the transaction is still being processed" (v2 errors page, CREATE_ORDER_SUCCESSFUL). */
  CREATE_ORDER_SUCCESSFUL: 3,
  /** Create: the app_trans_id was used before (DUPLICATE_APPS_TRANS_ID). */
  DUPLICATE_APP_TRANS_ID: -68,
  /** A parameter is missing or malformed (ILLEGAL_DATA_REQUEST). */
  ILLEGAL_DATA_REQUEST: -401,
  /** Unknown app_id or wrong mac (ILLEGAL_APP/SIGNATURE_REQUEST). */
  ILLEGAL_APP_OR_SIGNATURE: -402,
  /** Illegal signature; Zalo Pay's Node SDK spec lists it (and -402, -405) as return codes of /v2/query. */
  ILLEGAL_SIGNATURE_REQUEST: -403,
  /** Illegal client (same source). */
  ILLEGAL_CLIENT_REQUEST: -405,
  /** Query: the order expired unpaid (TIME_INVALID). */
  TIME_INVALID: -54,
  /** Query: the user cancelled the payment (the /v2/query spec in Zalo Pay's own Node SDK, zalopay-oss/zalopay-nodejs). */
  USER_CANCELLED: -329,
  /** Too many requests (LIMIT_REQUEST_REACH): the same request may pass later. */
  LIMIT_REQUEST_REACH: -429,
  /** Zalo Pay failed (SYSTEM_ERROR): the same request may pass later. */
  SYSTEM_ERROR: -500,
  /** Zalo Pay is in maintenance (SYSTEM_MAINTENANCE): the same request may pass later. */
  SYSTEM_MAINTENANCE: -999,
} as const;

/**
 * The `return_code` a merchant answers a callback with. 1, -1 and 0 are those of Zalo Pay's own
 * callback sample (zalopay-samples/quickstart-payment-gateway, pages/api/callback): 0 makes
 * "Zalo Pay call back again (at most 3 times)". 2, "this zp_trans_id was processed before", is
 * the v2 overview's callback answer table; the stored copy we could read cut the table off, so it
 * rests on that table as transcribed elsewhere (an open-source Zalo Pay library's IpnAlreadyConfirmed).
 */
export const CALLBACK_RETURN_CODE = { SUCCESS: 1, DUPLICATE: 2, BAD_MAC: -1, RETRY: 0 } as const;

/** How many times Zalo Pay calls back again after an answer asking it to (the callback sample's comment). */
export const CALLBACK_RETRIES = 3;

/** `app_time` may differ from Zalo Pay's clock by at most 15 minutes (create docs). */
export const APP_TIME_WINDOW_MS = 15 * 60 * 1000;

/** `expire_duration_seconds`: at least 300, at most 2592000 (create docs); 15 minutes when omitted (query docs). */
export const EXPIRE_DURATION_SECONDS = { MIN: 300, MAX: 2_592_000, DEFAULT: 900 } as const;

/** The longest `app_trans_id` (create docs: string(40)). */
export const APP_TRANS_ID_MAX_LENGTH = 40;

/** Vietnam time, GMT+7, in which ids start with their yymmdd (create and refund docs). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface ZaloPayCallbackAnswer {
  readonly return_code: number;
  readonly return_message: string;
}

/** The answers a callback receiver gives (see CALLBACK_RETURN_CODE). */
export const callbackAnswer = {
  success: (): ZaloPayCallbackAnswer => ({ return_code: CALLBACK_RETURN_CODE.SUCCESS, return_message: 'success' }),
  /** This payment was recorded before: Zalo Pay stops calling back. */
  duplicate: (): ZaloPayCallbackAnswer => ({
    return_code: CALLBACK_RETURN_CODE.DUPLICATE,
    return_message: 'already processed',
  }),
  badMac: (): ZaloPayCallbackAnswer => ({ return_code: CALLBACK_RETURN_CODE.BAD_MAC, return_message: 'mac not equal' }),
  /** The merchant could not record the payment now: Zalo Pay calls back again. */
  retry: (reason: string): ZaloPayCallbackAnswer => ({ return_code: CALLBACK_RETURN_CODE.RETRY, return_message: reason }),
};

export interface CreateOrderMacFields {
  readonly app_id: number;
  readonly app_trans_id: string;
  readonly app_user: string;
  readonly amount: number;
  readonly app_time: number;
  readonly embed_data: string;
  readonly item: string;
}

/** POST /v2/create: HMAC-SHA256(key1, app_id|app_trans_id|app_user|amount|app_time|embed_data|item). */
export function createOrderMac(fields: CreateOrderMacFields, key1: string): string {
  const { app_id, app_trans_id, app_user, amount, app_time, embed_data, item } = fields;
  return hmacHex(key1, [app_id, app_trans_id, app_user, amount, app_time, embed_data, item].join('|'));
}

/** POST /v2/query: HMAC-SHA256(key1, app_id|app_trans_id|key1) — the key is part of the input too. */
export function queryOrderMac(fields: { readonly app_id: number; readonly app_trans_id: string }, key1: string): string {
  return hmacHex(key1, [fields.app_id, fields.app_trans_id, key1].join('|'));
}

export interface RefundMacFields {
  readonly app_id: number;
  readonly zp_trans_id: string;
  readonly amount: number;
  /** Only when the request carries it: it then sits between amount and description. */
  readonly refund_fee_amount?: number;
  readonly description: string;
  readonly timestamp: number;
}

/** POST /v2/refund: HMAC-SHA256(key1, app_id|zp_trans_id|amount[|refund_fee_amount]|description|timestamp). */
export function refundMac(fields: RefundMacFields, key1: string): string {
  const { app_id, zp_trans_id, amount, refund_fee_amount, description, timestamp } = fields;
  const fee = refund_fee_amount === undefined ? [] : [refund_fee_amount];
  return hmacHex(key1, [app_id, zp_trans_id, amount, ...fee, description, timestamp].join('|'));
}

/** POST /v2/query_refund: HMAC-SHA256(key1, app_id|m_refund_id|timestamp). */
export function queryRefundMac(
  fields: { readonly app_id: number; readonly m_refund_id: string; readonly timestamp: number },
  key1: string,
): string {
  return hmacHex(key1, [fields.app_id, fields.m_refund_id, fields.timestamp].join('|'));
}

/** A callback's mac: HMAC-SHA256(key2, data), over the `data` string exactly as sent. */
export function callbackMac(data: string, key2: string): string {
  return hmacHex(key2, data);
}

export interface RedirectChecksumFields {
  readonly appid: number;
  readonly apptransid: string;
  readonly pmcid: number;
  readonly bankcode: string;
  readonly amount: number;
  readonly discountamount: number;
  readonly status: number;
}

/** The `checksum` of the gateway's redirect back to the merchant: HMAC-SHA256(key2, appid|apptransid|pmcid|bankcode|amount|discountamount|status). */
export function redirectChecksum(fields: RedirectChecksumFields, key2: string): string {
  const { appid, apptransid, pmcid, bankcode, amount, discountamount, status } = fields;
  return hmacHex(key2, [appid, apptransid, pmcid, bankcode, amount, discountamount, status].join('|'));
}

/** Whether `given` is the mac `expected`, compared in constant time (a different length is simply false). */
export function macMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A callback's `data`, parsed: the order as created, and the payment (callback docs). */
export interface ZaloPayCallbackData {
  readonly app_id: number;
  readonly app_trans_id: string;
  readonly app_time: number;
  readonly app_user: string;
  /** What the user paid, VND. */
  readonly amount: number;
  /** The order's embed_data, a JSON string. */
  readonly embed_data: string;
  /** The order's item, a JSON array string. */
  readonly item: string;
  readonly zp_trans_id: number;
  /** When Zalo Pay took the payment, ms since the epoch. */
  readonly server_time: number;
  /** The payment channel (38 in the docs' example). */
  readonly channel: number;
  /** The paying Zalo Pay user, as this app sees them. */
  readonly merchant_user_id: string;
  readonly user_fee_amount: number;
  readonly discount_amount: number;
}

export type CallbackVerification =
  | { readonly kind: 'valid'; readonly data: ZaloPayCallbackData; readonly type: number }
  | { readonly kind: 'badMac' }
  | { readonly kind: 'malformed'; readonly reason: string };

const CALLBACK_INTEGERS = [
  'app_id',
  'app_time',
  'amount',
  'zp_trans_id',
  'server_time',
  'channel',
  'user_fee_amount',
  'discount_amount',
] as const;
const CALLBACK_STRINGS = ['app_trans_id', 'app_user', 'embed_data', 'item', 'merchant_user_id'] as const;

/**
 * Checks a callback body `{ data, mac, type }`: the mac over the raw `data` string first (nothing
 * unauthenticated is parsed), then `data`'s fields. `type` is 1 for an order (2: an agreement);
 * it is returned for the caller to check, since it is outside the mac.
 */
export function verifyCallback(body: unknown, key2: string): CallbackVerification {
  if (!isRecord(body)) return malformed('the body is not a JSON object');
  const { data, mac, type } = body;
  if (typeof data !== 'string') return malformed('data is not a string');
  if (typeof mac !== 'string') return malformed('mac is not a string');
  if (!macMatches(callbackMac(data, key2), mac)) return { kind: 'badMac' };
  if (typeof type !== 'number' || !Number.isInteger(type)) return malformed('type is not an integer');
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return malformed('data is not JSON');
  }
  if (!isRecord(parsed)) return malformed('data is not a JSON object');
  for (const name of CALLBACK_INTEGERS) {
    const value = parsed[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      return malformed(`data.${name} is not a whole number`);
    }
  }
  for (const name of CALLBACK_STRINGS) {
    if (typeof parsed[name] !== 'string') return malformed(`data.${name} is not a string`);
  }
  return { kind: 'valid', data: parsed as unknown as ZaloPayCallbackData, type };
}

/** `yymmdd` of `date` in Vietnam time (GMT+7), with which app_trans_id and m_refund_id start. */
export function vietnamDate(date: Date): string {
  const shifted = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(shifted.getUTCFullYear() % 100)}${two(shifted.getUTCMonth() + 1)}${two(shifted.getUTCDate())}`;
}

/** An `app_trans_id`: `yymmdd_<suffix>` (yymmdd in GMT+7), at most 40 characters. */
export function appTransIdFor(date: Date, suffix: string): string {
  if (suffix === '') throw new RangeError('An app_trans_id needs a non-empty suffix.');
  const id = `${vietnamDate(date)}_${suffix}`;
  if (id.length > APP_TRANS_ID_MAX_LENGTH) {
    throw new RangeError(`An app_trans_id has at most ${APP_TRANS_ID_MAX_LENGTH} characters; ${id} has ${id.length}.`);
  }
  return id;
}

/**
 * An `m_refund_id`: `yymmdd_<appId>_<suffix>` (refund docs: "yymmdd_appid_xxxxxxxxxx", yymmdd of
 * the current date). The docs give no maximum length, so none is checked here.
 */
export function refundIdFor(date: Date, appId: number, suffix: string): string {
  if (suffix === '') throw new RangeError('An m_refund_id needs a non-empty suffix.');
  return `${vietnamDate(date)}_${appId}_${suffix}`;
}

function hmacHex(key: string, input: string): string {
  return createHmac('sha256', key).update(input, 'utf8').digest('hex');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(reason: string): CallbackVerification {
  return { kind: 'malformed', reason };
}
