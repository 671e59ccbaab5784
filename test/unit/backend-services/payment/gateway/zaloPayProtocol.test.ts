import { describe, expect, it } from 'vitest';
import {
  appTransIdFor,
  callbackAnswer,
  callbackMac,
  createOrderMac,
  queryOrderMac,
  queryRefundMac,
  redirectChecksum,
  refundIdFor,
  refundMac,
  verifyCallback,
} from '../../../../../backend-services/payment/gateway/zaloPayProtocol.ts';

// Zalo Pay's sandbox apps, as their docs and samples publish them: app 2553 with these keys (the
// callback sample below verifies with its key2), app 2554 with another pair.
const APP_2553 = { appId: 2553, key1: 'PcY4iZIKFCIdgZvA6ueMcMHHUbRLYjPL', key2: 'kLtgPl8HHhfvMuDHPwKfgfsY4Ydm9eIz' };
const APP_2554_KEY2 = 'trMrHtvjo6myautxDUiAcYsVtaeQ8nhf';

// The callback "Data sample" of https://docs.zalopay.vn/docs/specs/callback-api (and its beta-docs
// twin), verbatim: a body with its mac, for app 2553.
const DOCS_CALLBACK_BODY: unknown = JSON.parse(
  String.raw`{"data":"{\"app_id\":2553,\"app_trans_id\":\"200904_2553_1598435687208\",\"app_time\":1599189392817,\"app_user\":\"demo\",\"amount\":10000,\"embed_data\":\"{\\\"merchantinfo\\\":\\\"embeddata123\\\",\\\"promotioninfo\\\":\\\"\\\"}\",\"item\":\"[{\\\"itemid\\\":\\\"knb\\\",\\\"itemname\\\":\\\"kim nguyen bao\\\",\\\"itemprice\\\":198400,\\\"itemquantity\\\":1}]\",\"zp_trans_id\":200904000000389,\"server_time\":1599189413498,\"channel\":38,\"merchant_user_id\":\"7ZMSl3nEg5sOUJzOLSoUFT8xKNQVaLOLXHB--8Eytqc\",\"user_fee_amount\":0,\"discount_amount\":0}","mac":"d8d33baf449b31d7f9b94fa50d7c942c08cd4d83f28fa185557da21acb104f67","type":1}`,
);
const docsBody = DOCS_CALLBACK_BODY as { data: string; mac: string; type: number };

describe('callbackMac', () => {
  it("reproduces the mac of the callback sample in Zalo Pay's documentation", () => {
    expect(callbackMac(docsBody.data, APP_2553.key2)).toBe('d8d33baf449b31d7f9b94fa50d7c942c08cd4d83f28fa185557da21acb104f67');
  });

  it("does not reproduce it with the other sandbox app's key2", () => {
    expect(callbackMac(docsBody.data, APP_2554_KEY2)).not.toBe(docsBody.mac);
  });
});

// The docs publish the create, query, refund and query-refund MAC inputs, but no v2 request
// printed with its resulting mac (the one create mac printed, c8f49d52…, is the v1 API's example,
// with no key beside it). So these expectations were computed once, independently of this code,
// with `printf '%s' '<input>' | openssl dgst -sha256 -hmac '<key>'`, over the input written out
// in each test.
describe('request macs (expectations from openssl over the documented field order)', () => {
  it('createOrderMac signs app_id|app_trans_id|app_user|amount|app_time|embed_data|item with key1', () => {
    const fields = {
      app_id: 2553,
      app_trans_id: '250210_OrderID',
      app_user: 'user123',
      amount: 50_000,
      app_time: 1_739_170_000_000,
      embed_data: '{"redirecturl":"https://docs.zalopay.vn/result"}',
      item: '[{"itemid":"knb","itename":"kim nguyen bao","itemprice":198400,"itemquantity":1}]',
    };
    // openssl input: 2553|250210_OrderID|user123|50000|1739170000000|{"redirecturl":"https://docs.zalopay.vn/result"}|[{"itemid":"knb","itename":"kim nguyen bao","itemprice":198400,"itemquantity":1}]
    expect(createOrderMac(fields, APP_2553.key1)).toBe('935314f29f266e7f3e778938302fa15fb85401eac3b88b2f4cdcf8111ee29739');
  });

  it('queryOrderMac signs app_id|app_trans_id|key1 with key1', () => {
    // openssl input: 2553|250210_OrderID|PcY4iZIKFCIdgZvA6ueMcMHHUbRLYjPL
    expect(queryOrderMac({ app_id: 2553, app_trans_id: '250210_OrderID' }, APP_2553.key1)).toBe(
      '306573136f4a627c92bec221f867c78f87f715a1a4669a38efeecbf124009b6e',
    );
  });

  it('refundMac signs app_id|zp_trans_id|amount|description|timestamp with key1', () => {
    const fields = {
      app_id: 2553,
      zp_trans_id: '250210000000389',
      amount: 50_000,
      description: 'Refund for order',
      timestamp: 1_739_170_000_000,
    };
    // openssl input: 2553|250210000000389|50000|Refund for order|1739170000000
    expect(refundMac(fields, APP_2553.key1)).toBe('b9e185a0d80a6cfde1996fa24e024c5d7d13dd5ab66703cfa220e4c89cb336a5');
    // openssl input: 2553|250210000000389|50000|1000|Refund for order|1739170000000
    expect(refundMac({ ...fields, refund_fee_amount: 1000 }, APP_2553.key1)).toBe(
      '8373631fac0acb91ea127848d4ba9aa494e2f9b1d716bd7afc189a9edbd59002',
    );
  });

  it('queryRefundMac signs app_id|m_refund_id|timestamp with key1', () => {
    // openssl input: 2553|250210_2553_1234567890|1739170000000
    expect(
      queryRefundMac({ app_id: 2553, m_refund_id: '250210_2553_1234567890', timestamp: 1_739_170_000_000 }, APP_2553.key1),
    ).toBe('0ebef6044699285bfe281cf25fc858d916c63195da2ba66c73c2dbe9cf75db5a');
  });

  it('redirectChecksum signs appid|apptransid|pmcid|bankcode|amount|discountamount|status with key2', () => {
    const fields = {
      appid: 2553,
      apptransid: '250210_OrderID',
      pmcid: 38,
      bankcode: 'zalopayapp',
      amount: 50_000,
      discountamount: 0,
      status: 1,
    };
    // openssl input: 2553|250210_OrderID|38|zalopayapp|50000|0|1 (key2)
    expect(redirectChecksum(fields, APP_2553.key2)).toBe('f7580fb9c11497411f41c63edd88a7210d209f7b802ad5eaaba63b1d59603f30');
  });
});

describe('verifyCallback', () => {
  it("accepts the documentation's sample callback, with its data parsed", () => {
    const result = verifyCallback(DOCS_CALLBACK_BODY, APP_2553.key2);
    expect(result).toEqual({
      kind: 'valid',
      type: 1,
      data: expect.objectContaining({
        app_id: 2553,
        app_trans_id: '200904_2553_1598435687208',
        amount: 10_000,
        zp_trans_id: 200_904_000_000_389,
        embed_data: '{"merchantinfo":"embeddata123","promotioninfo":""}',
        discount_amount: 0,
      }),
    });
  });

  it('answers badMac when data was changed after signing', () => {
    const tampered = { ...docsBody, data: docsBody.data.replace('"amount":10000', '"amount":1') };
    expect(verifyCallback(tampered, APP_2553.key2)).toEqual({ kind: 'badMac' });
  });

  it('answers badMac for the right body checked with the wrong key', () => {
    expect(verifyCallback(DOCS_CALLBACK_BODY, APP_2554_KEY2)).toEqual({ kind: 'badMac' });
  });

  it.each([
    ['shorter', docsBody.mac.slice(0, 63)],
    ['longer', `${docsBody.mac}0`],
    ['empty', ''],
  ])('answers badMac, without throwing, for a %s mac', (_what, mac) => {
    expect(verifyCallback({ ...docsBody, mac }, APP_2553.key2)).toEqual({ kind: 'badMac' });
  });

  it('answers malformed for data that is validly signed but not JSON', () => {
    const data = '{"app_id":2553,';
    expect(verifyCallback({ data, mac: callbackMac(data, APP_2553.key2), type: 1 }, APP_2553.key2)).toEqual({
      kind: 'malformed',
      reason: 'data is not JSON',
    });
  });

  it('answers malformed, naming the field, for signed data missing a documented field', () => {
    const parsed = JSON.parse(docsBody.data) as Record<string, unknown>;
    delete parsed.zp_trans_id;
    const data = JSON.stringify(parsed);
    expect(verifyCallback({ data, mac: callbackMac(data, APP_2553.key2), type: 1 }, APP_2553.key2)).toEqual({
      kind: 'malformed',
      reason: 'data.zp_trans_id is not a whole number',
    });
  });

  it('answers malformed for signed data whose amount is text', () => {
    const data = docsBody.data.replace('"amount":10000', '"amount":"10000"');
    expect(verifyCallback({ data, mac: callbackMac(data, APP_2553.key2), type: 1 }, APP_2553.key2)).toMatchObject({
      kind: 'malformed',
      reason: 'data.amount is not a whole number',
    });
  });

  it.each([
    [null, 'the body is not a JSON object'],
    [[], 'the body is not a JSON object'],
    [{ mac: 'x', type: 1 }, 'data is not a string'],
    [{ data: '{}', type: 1 }, 'mac is not a string'],
  ])('answers malformed for the body %j', (body, reason) => {
    expect(verifyCallback(body, APP_2553.key2)).toEqual({ kind: 'malformed', reason });
  });

  it('does not parse data whose mac is wrong', () => {
    expect(verifyCallback({ data: 'not json', mac: docsBody.mac, type: 1 }, APP_2553.key2)).toEqual({ kind: 'badMac' });
  });

  it('answers malformed for a validly signed body without an integer type', () => {
    expect(verifyCallback({ ...docsBody, type: '1' }, APP_2553.key2)).toEqual({
      kind: 'malformed',
      reason: 'type is not an integer',
    });
  });
});

describe('callbackAnswer', () => {
  it('gives the return codes a callback receiver answers with', () => {
    expect(callbackAnswer.success()).toEqual({ return_code: 1, return_message: 'success' });
    expect(callbackAnswer.duplicate().return_code).toBe(2);
    expect(callbackAnswer.badMac()).toEqual({ return_code: -1, return_message: 'mac not equal' });
    expect(callbackAnswer.retry('table unavailable')).toEqual({ return_code: 0, return_message: 'table unavailable' });
  });
});

describe('appTransIdFor', () => {
  it('starts with the date in Vietnam time, a day ahead of UTC from 17:00 UTC', () => {
    expect(appTransIdFor(new Date('2025-02-09T16:59:59.999Z'), 'o1')).toBe('250209_o1');
    expect(appTransIdFor(new Date('2025-02-09T17:00:00.000Z'), 'o1')).toBe('250210_o1');
  });

  it('crosses the year at GMT+7 midnight', () => {
    expect(appTransIdFor(new Date('2025-12-31T17:00:00.000Z'), 'x')).toBe('260101_x');
  });

  it('allows 40 characters and refuses 41', () => {
    const date = new Date('2025-02-10T00:00:00Z');
    expect(appTransIdFor(date, 'a'.repeat(33))).toHaveLength(40);
    expect(() => appTransIdFor(date, 'a'.repeat(34))).toThrow(/at most 40 characters/);
  });

  it('refuses an empty suffix', () => {
    expect(() => appTransIdFor(new Date(), '')).toThrow(RangeError);
  });
});

describe('refundIdFor', () => {
  it('is yymmdd_appid_suffix, yymmdd in Vietnam time', () => {
    expect(refundIdFor(new Date('2025-02-09T18:00:00Z'), 2553, '1234567890')).toBe('250210_2553_1234567890');
  });
});
