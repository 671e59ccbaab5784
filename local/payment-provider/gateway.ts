// The Zalo Pay v2 gateway simulator's rules, without HTTP: orders created by the merchant, paid or
// declined on the hosted page (which calls the merchant back), queried, refunded (gatewayRefunds.ts).
// In memory, like the card provider beside it. Requests are checked as the docs say and answered
// in Zalo Pay's shape (gatewayRequests.ts). Where the docs we could read say nothing, the choice
// made here is marked "simulator's choice".
import { randomBytes } from 'node:crypto';
import {
  APP_TIME_WINDOW_MS,
  APP_TRANS_ID_MAX_LENGTH,
  CALLBACK_RETRIES,
  createOrderMac,
  EXPIRE_DURATION_SECONDS,
  queryOrderMac,
  redirectChecksum,
  RETURN_CODE,
  SUB_RETURN_CODE,
  vietnamDate,
} from '../../backend-services/payment/gateway/zaloPayProtocol.ts';
import { type CallbackAttempt, type CallbackFault, CallbackSender } from './gatewayCallbacks.ts';
import { type GatewayRefund, GatewayRefunds } from './gatewayRefunds.ts';
import {
  answer,
  answering,
  assertApp,
  assertDatedId,
  assertMac,
  type GatewayAnswer,
  illegal,
  isPlainObject,
  parseJson,
  Refusal,
  type RequestFields,
  requireFields,
  success,
  wholeNumber,
} from './gatewayRequests.ts';

export type { GatewayAnswer } from './gatewayRequests.ts';
export type { GatewayRefund } from './gatewayRefunds.ts';

export interface GatewayOptions {
  readonly appId: number;
  readonly key1: string;
  readonly key2: string;
  /** Calls back again at most this many times after a failed callback (Zalo Pay: 3). */
  readonly callbackRetries?: number;
  /** Between two attempts of a callback. The docs give no spacing: a second by default, less in tests. */
  readonly callbackRetryDelayMs?: number;
  /** One callback attempt's deadline. */
  readonly callbackTimeoutMs?: number;
  /** A refund answers 3 (processing) for this long, then succeeds; 0 (the default): it succeeds at once. */
  readonly refundDelayMs?: number;
  /** The simulator's clock, ms since the epoch; tests move it to expire orders. */
  readonly now?: () => number;
  /**
   * The shortest expire_duration_seconds accepted: Zalo Pay's 300 by default. Lower only where a
   * test must see a payment expire without waiting five minutes.
   */
  readonly minExpireDurationSeconds?: number;
}

export type GatewayOrderState = 'PENDING' | 'PAID' | 'DECLINED' | 'EXPIRED';

export interface GatewayOrder {
  readonly appTransId: string;
  readonly appUser: string;
  readonly appTime: number;
  readonly amount: number;
  /** The order's `item` and `embed_data`, JSON text as the merchant sent them. */
  readonly item: string;
  readonly embedData: string;
  readonly description: string;
  readonly callbackUrl: string | undefined;
  readonly bankCode: string;
  readonly zpTransToken: string;
  readonly expiresAt: number;
  status: 'PENDING' | 'PAID' | 'DECLINED';
  zpTransId: number | undefined;
  serverTime: number | undefined;
  readonly merchantUserId: string;
  /** Every callback POST made for it, in order. */
  readonly callbacks: CallbackAttempt[];
}

/** The hosted page or the admin endpoint asked for something the order's state forbids. */
export class GatewayStateError extends Error {
  override name = 'GatewayStateError';
  readonly state: GatewayOrderState | 'UNKNOWN';
  constructor(state: GatewayOrderState | 'UNKNOWN', message: string) {
    super(message);
    this.state = state;
  }
}

/** The payment channel the simulator reports: 38, the docs' example (Zalo Pay wallet). */
const CHANNEL = 38;
const LIMITS = { app_user: 50, description: 256, item: 2048, embed_data: 1024 } as const;
const CREATE_FIELDS = [
  'app_id',
  'app_user',
  'app_trans_id',
  'app_time',
  'amount',
  'description',
  'item',
  'embed_data',
  'mac',
] as const;

export class PaymentGateway {
  private readonly orders = new Map<string, GatewayOrder>();
  private readonly byToken = new Map<string, GatewayOrder>();
  private readonly refundBook: GatewayRefunds;
  private readonly sender: CallbackSender;
  private readonly now: () => number;
  private readonly options: GatewayOptions;
  private readonly payPageUrl: (token: string) => string;
  private globalFault: CallbackFault | undefined;
  private sequence = 0;

  /** `payPageUrl` makes an order's `order_url` from its token (the server's own address). */
  constructor(options: GatewayOptions, payPageUrl: (token: string) => string) {
    this.options = options;
    this.payPageUrl = payPageUrl;
    this.now = options.now ?? Date.now;
    this.sender = new CallbackSender({
      key2: options.key2,
      retries: options.callbackRetries ?? CALLBACK_RETRIES,
      retryDelayMs: options.callbackRetryDelayMs ?? 1_000,
      timeoutMs: options.callbackTimeoutMs ?? 5_000,
      now: this.now,
    });
    this.refundBook = new GatewayRefunds({
      appId: options.appId,
      key1: options.key1,
      refundDelayMs: options.refundDelayMs ?? 0,
      now: this.now,
      nextId: () => this.nextId(),
      paidAmount: (zpTransId) =>
        [...this.orders.values()].find((order) => order.status === 'PAID' && String(order.zpTransId) === zpTransId)?.amount,
    });
  }

  get appId(): number {
    return this.options.appId;
  }

  /** POST /v2/create. */
  create(request: RequestFields): GatewayAnswer {
    return answering(() => {
      const fields = requireFields(request, CREATE_FIELDS);
      const signed = {
        app_id: wholeNumber(fields, 'app_id'),
        app_trans_id: fields.app_trans_id,
        app_user: fields.app_user,
        amount: wholeNumber(fields, 'amount'),
        app_time: wholeNumber(fields, 'app_time'),
        embed_data: fields.embed_data,
        item: fields.item,
      };
      assertApp(signed.app_id, this.options.appId);
      assertMac(
        createOrderMac(signed, this.options.key1),
        fields.mac,
        'app_id|app_trans_id|app_user|amount|app_time|embed_data|item',
      );
      assertDatedId('app_trans_id', signed.app_trans_id, this.now());
      if (signed.app_trans_id.length > APP_TRANS_ID_MAX_LENGTH) {
        illegal(`app_trans_id has more than ${APP_TRANS_ID_MAX_LENGTH} characters`);
      }
      for (const [name, limit] of Object.entries(LIMITS)) {
        if ((request[name] ?? '').length > limit) illegal(`${name} has more than ${limit} characters`);
      }
      if (!Array.isArray(parseJson(signed.item))) illegal('item must be a JSON array ("[]" if empty)');
      if (!isPlainObject(parseJson(signed.embed_data))) illegal('embed_data must be a JSON object ("{}" if empty)');
      if (signed.amount < 1) illegal('amount must be at least 1 VND');
      // Simulator's choice of sub code: the docs name the 15-minute limit, not its code; TIME_INVALID is the nearest.
      if (Math.abs(this.now() - signed.app_time) > APP_TIME_WINDOW_MS) {
        throw new Refusal(SUB_RETURN_CODE.TIME_INVALID, 'app_time is more than 15 minutes from now.');
      }
      const expireSeconds = request.expire_duration_seconds
        ? wholeNumber(request, 'expire_duration_seconds')
        : EXPIRE_DURATION_SECONDS.DEFAULT;
      const minimum = this.options.minExpireDurationSeconds ?? EXPIRE_DURATION_SECONDS.MIN;
      if (expireSeconds < minimum || expireSeconds > EXPIRE_DURATION_SECONDS.MAX) {
        illegal(`expire_duration_seconds must be from ${minimum} to ${EXPIRE_DURATION_SECONDS.MAX}`);
      }
      const callbackUrl = request.callback_url || undefined;
      if (callbackUrl !== undefined && !/^https?:\/\//.test(callbackUrl)) illegal('callback_url must be an http(s) URL');
      if (this.orders.has(signed.app_trans_id)) {
        throw new Refusal(SUB_RETURN_CODE.DUPLICATE_APP_TRANS_ID, 'This app_trans_id was used before.');
      }
      const order: GatewayOrder = {
        appTransId: signed.app_trans_id,
        appUser: signed.app_user,
        appTime: signed.app_time,
        amount: signed.amount,
        item: signed.item,
        embedData: signed.embed_data,
        description: fields.description,
        callbackUrl,
        bankCode: request.bank_code ?? '',
        zpTransToken: randomBytes(16).toString('base64url'),
        expiresAt: this.now() + expireSeconds * 1000,
        status: 'PENDING',
        zpTransId: undefined,
        serverTime: undefined,
        merchantUserId: randomBytes(24).toString('base64url'),
        callbacks: [],
      };
      this.orders.set(order.appTransId, order);
      this.byToken.set(order.zpTransToken, order);
      const orderUrl = this.payPageUrl(order.zpTransToken);
      // A real qr_code is an EMV/VietQR payload; the simulator's encodes the pay page's address.
      return success({
        order_url: orderUrl,
        zp_trans_token: order.zpTransToken,
        order_token: order.zpTransToken,
        qr_code: orderUrl,
      });
    });
  }

  /** POST /v2/query. */
  query(request: RequestFields): GatewayAnswer {
    return answering(() => {
      const fields = requireFields(request, ['app_id', 'app_trans_id', 'mac']);
      const signed = { app_id: wholeNumber(fields, 'app_id'), app_trans_id: fields.app_trans_id };
      assertApp(signed.app_id, this.options.appId);
      assertMac(queryOrderMac(signed, this.options.key1), fields.mac, 'app_id|app_trans_id|key1');
      const order = this.orders.get(signed.app_trans_id);
      // Simulator's choice: the docs give no answer for an unknown app_trans_id; this one says FAIL.
      if (!order) throw new Refusal(SUB_RETURN_CODE.ILLEGAL_DATA_REQUEST, 'No order has this app_trans_id.');
      const unpaid = { is_processing: false, amount: order.amount };
      switch (this.stateOf(order)) {
        case 'PAID':
          return success({ ...unpaid, discount_amount: 0, zp_trans_id: order.zpTransId, server_time: order.serverTime });
        case 'PENDING':
          return answer(RETURN_CODE.PROCESSING, SUB_RETURN_CODE.CREATE_ORDER_SUCCESSFUL, 'The order is not paid yet.', unpaid);
        case 'DECLINED':
          return answer(RETURN_CODE.FAIL, SUB_RETURN_CODE.USER_CANCELLED, 'The user declined the payment.', unpaid);
        case 'EXPIRED':
          return answer(RETURN_CODE.FAIL, SUB_RETURN_CODE.TIME_INVALID, 'The order expired unpaid.', unpaid);
      }
    });
  }

  /** POST /v2/refund (gatewayRefunds.ts). */
  refund(request: RequestFields): GatewayAnswer {
    return this.refundBook.refund(request);
  }

  /** POST /v2/query_refund (gatewayRefunds.ts). */
  queryRefund(request: RequestFields): GatewayAnswer {
    return this.refundBook.queryRefund(request);
  }

  /** The user pays on the hosted page: the order is paid, and the merchant called back (unless a fault says otherwise). */
  pay(appTransId: string, fault?: CallbackFault): GatewayOrder {
    const order = this.pendingOrder(appTransId);
    order.status = 'PAID';
    order.serverTime = this.now();
    order.zpTransId = this.nextId();
    const data = JSON.stringify({
      app_id: this.options.appId,
      app_trans_id: order.appTransId,
      app_time: order.appTime,
      app_user: order.appUser,
      amount: order.amount,
      embed_data: order.embedData,
      item: order.item,
      zp_trans_id: order.zpTransId,
      server_time: order.serverTime,
      channel: CHANNEL,
      merchant_user_id: order.merchantUserId,
      user_fee_amount: 0,
      discount_amount: 0,
    });
    // Without a callback_url Zalo Pay uses the app's registered one; the simulator has none.
    if (order.callbackUrl) {
      this.sender.send({ url: order.callbackUrl, data, attempts: order.callbacks }, fault ?? this.globalFault);
    }
    return order;
  }

  /** The user declines on the hosted page. Zalo Pay calls back only on success: the merchant learns this through /v2/query. */
  decline(appTransId: string): GatewayOrder {
    const order = this.pendingOrder(appTransId);
    order.status = 'DECLINED';
    return order;
  }

  order(appTransId: string): GatewayOrder | undefined {
    return this.orders.get(appTransId);
  }

  orderByToken(token: string): GatewayOrder | undefined {
    return this.byToken.get(token);
  }

  stateOf(order: GatewayOrder): GatewayOrderState {
    return order.status === 'PENDING' && this.now() >= order.expiresAt ? 'EXPIRED' : order.status;
  }

  /** The refunds asked for a payment (refused ones included), oldest first. */
  refunds(zpTransId: string | number): GatewayRefund[] {
    return this.refundBook.list(String(zpTransId));
  }

  /** The fault every following payment's callback gets, until reset with undefined. */
  setFaults(fault: CallbackFault | undefined): void {
    this.globalFault = fault;
  }

  get faults(): CallbackFault | undefined {
    return this.globalFault;
  }

  /**
   * The link back to the merchant after the hosted page, when embed_data.redirecturl is set, with
   * the documented query (appid, apptransid, pmcid, bankcode, amount, discountamount, status,
   * checksum). Simulator's choice: status 1 when paid and 2 when declined; the docs call status an
   * "error code" without listing its values.
   */
  redirectUrlFor(order: GatewayOrder): string | undefined {
    const embedData = parseJson(order.embedData);
    const base = isPlainObject(embedData) ? embedData.redirecturl : undefined;
    if (typeof base !== 'string' || !/^https?:\/\//.test(base)) return undefined;
    const fields = {
      appid: this.options.appId,
      apptransid: order.appTransId,
      pmcid: CHANNEL,
      bankcode: order.bankCode,
      amount: order.amount,
      discountamount: 0,
      status: order.status === 'PAID' ? 1 : 2,
    };
    const url = new URL(base);
    for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, String(value));
    url.searchParams.set('checksum', redirectChecksum(fields, this.options.key2));
    return url.toString();
  }

  /** Resolves when no callback is being delivered (retries and late ones included). */
  callbacksSettled(): Promise<void> {
    return this.sender.settled();
  }

  /** Stops pending callbacks (the server is closing). */
  close(): void {
    this.sender.close();
  }

  private pendingOrder(appTransId: string): GatewayOrder {
    const order = this.orders.get(appTransId);
    if (!order) throw new GatewayStateError('UNKNOWN', `No order has app_trans_id ${appTransId}.`);
    const state = this.stateOf(order);
    if (state !== 'PENDING')
      throw new GatewayStateError(state, `The order is ${state.toLowerCase()}; it cannot be paid or declined.`);
    return order;
  }

  /** zp_trans_id and refund_id: yymmdd then a 9-digit sequence, like the docs' 200904000000389. */
  private nextId(): number {
    this.sequence += 1;
    return Number(`${vietnamDate(new Date(this.now()))}${String(this.sequence).padStart(9, '0')}`);
  }
}
