// How the gateway simulator reads a request and words its answer: requests arrive as flat text
// fields (a form, or JSON with its numbers written out, since each mac is over their text) and are
// answered in Zalo Pay's shape `{ return_code, return_message, sub_return_code,
// sub_return_message, … }`. A check that fails throws a Refusal carrying its answer.
import { macMatches, RETURN_CODE, SUB_RETURN_CODE, vietnamDate } from '../../backend-services/payment/gateway/zaloPayProtocol.ts';

/** A Zalo Pay answer: the four status fields, and the API's own. */
export type GatewayAnswer = {
  readonly return_code: number;
  readonly return_message: string;
  readonly sub_return_code: number;
  readonly sub_return_message: string;
} & Readonly<Record<string, unknown>>;

export type RequestFields = Readonly<Record<string, string>>;

/** Thrown inside a request's checks: the answer to give. */
export class Refusal extends Error {
  readonly answer: GatewayAnswer;
  constructor(subReturnCode: number, message: string) {
    super(message);
    this.answer = answer(RETURN_CODE.FAIL, subReturnCode, message);
  }
}

/** Runs a request's checks and work: its answer, or the answer of the Refusal it threw. */
export function answering(check: () => GatewayAnswer): GatewayAnswer {
  try {
    return check();
  } catch (error) {
    if (error instanceof Refusal) return error.answer;
    throw error;
  }
}

export function answer(
  returnCode: number,
  subReturnCode: number,
  message: string,
  extra: Record<string, unknown> = {},
): GatewayAnswer {
  return {
    return_code: returnCode,
    return_message: message,
    sub_return_code: subReturnCode,
    sub_return_message: message,
    ...extra,
  };
}

export function success(extra: Record<string, unknown>): GatewayAnswer {
  return answer(RETURN_CODE.SUCCESS, SUB_RETURN_CODE.SUCCESS, 'Transaction successful.', extra);
}

export function illegal(reason: string): never {
  throw new Refusal(SUB_RETURN_CODE.ILLEGAL_DATA_REQUEST, `${reason}.`);
}

/** The named fields, each present and non-empty. */
export function requireFields<Name extends string>(
  request: Readonly<Record<string, string>>,
  names: readonly Name[],
): Record<Name, string> {
  const missing = names.filter((name) => !request[name]);
  if (missing.length > 0) illegal(`Missing ${missing.join(', ')}`);
  return request as Record<Name, string>;
}

/** A whole number written plainly (no sign, no leading zero): the mac is over the text, so it must read back the same. */
export function wholeNumber(fields: Readonly<Record<string, string | undefined>>, name: string): number {
  const text = fields[name] ?? '';
  const value = Number(text);
  if (!/^(0|[1-9]\d*)$/.test(text) || !Number.isSafeInteger(value)) illegal(`${name} must be a whole number`);
  return value;
}

export function assertMac(expected: string, given: string, input: string): void {
  if (!macMatches(expected, given)) {
    throw new Refusal(SUB_RETURN_CODE.ILLEGAL_APP_OR_SIGNATURE, `The mac does not match (HMAC-SHA256 with key1 over ${input}).`);
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function assertApp(appId: number, expected: number): void {
  if (appId !== expected) throw new Refusal(SUB_RETURN_CODE.ILLEGAL_APP_OR_SIGNATURE, `Unknown app_id ${appId}.`);
}

/** app_trans_id and m_refund_id start with today's yymmdd in Vietnam time (then `infix`, if any). */
export function assertDatedId(name: string, id: string, now: number, infix = ''): void {
  const prefix = `${vietnamDate(new Date(now))}${infix}`;
  if (!id.startsWith(prefix) || id.length === prefix.length) {
    illegal(`${name} must start with ${prefix} (yymmdd in GMT+7${infix ? ', then _appid_' : ''})`);
  }
}
