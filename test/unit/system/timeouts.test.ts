import { describe, expect, it } from 'vitest';
import {
  AFTER_PAYMENT_WORST_MS,
  AWS_CALLS_ALLOWANCE_MS,
  BEFORE_PAYMENT_WORST_MS,
  hasTimeToPay,
  QUOTE_CALL,
} from '../../../backend-services/orders/checkout/checkoutBudget.ts';
import { MAX_WAIT_MS, TIME_TO_ANSWER_MS } from '../../../backend-services/orders/domain/retryWait.ts';
import { SIGNED_FETCH_DEFAULTS, signedFetchWorstCaseMs } from '../../../backend-services/platform/signedFetch.ts';
import { INTEGRATION_TIMEOUT_MS } from 'appsync-local/apigateway/index.ts';
import { REQUEST_TIMEOUT_MS } from 'appsync-local/appsync/execution/limits.ts';
import { TIMEOUTS } from '../../../system/timeouts.ts';

describe('the timeouts between a client and a backend service', () => {
  it('give up from the inside out: the function, API Gateway, the HTTP data source, the AppSync request', () => {
    expect(TIMEOUTS.functionMs).toBeLessThanOrEqual(TIMEOUTS.integrationMs);
    expect(TIMEOUTS.integrationMs).toBeLessThan(TIMEOUTS.httpDataSourceMs);
    expect(TIMEOUTS.httpDataSourceMs).toBeLessThan(TIMEOUTS.appsyncRequestMs);
  });

  it("keep AppSync's fixed request limit and API Gateway's default integration timeout, as the local runtime has them", () => {
    expect(TIMEOUTS.appsyncRequestMs).toBe(REQUEST_TIMEOUT_MS);
    expect(TIMEOUTS.integrationMs).toBe(INTEGRATION_TIMEOUT_MS);
  });
});

describe("checkout's time", () => {
  const serviceCall = signedFetchWorstCaseMs();
  /** Before the payment, at worst: the catalog, then the quote priced from its packages, and the tables. */
  const beforePayment = serviceCall + signedFetchWorstCaseMs(QUOTE_CALL) + AWS_CALLS_ALLOWANCE_MS;

  it('counts the quote as every attempt of its shorter timeout, after the catalog', () => {
    expect(BEFORE_PAYMENT_WORST_MS).toBe(beforePayment);
    expect(signedFetchWorstCaseMs(QUOTE_CALL)).toBe(2 * QUOTE_CALL.timeoutMs + 200);
  });

  it('counts a service call as every attempt timing out, and the pauses between them', () => {
    expect(serviceCall).toBe(2 * SIGNED_FETCH_DEFAULTS.timeoutMs + 200);
  });

  it('claims a payment only with the time to write the order or void the payment, and answer, before the function ends', () => {
    expect(hasTimeToPay(AFTER_PAYMENT_WORST_MS + TIME_TO_ANSWER_MS)).toBe(true);
    expect(hasTimeToPay(AFTER_PAYMENT_WORST_MS + TIME_TO_ANSWER_MS - 1)).toBe(false);
    expect(AFTER_PAYMENT_WORST_MS + TIME_TO_ANSWER_MS).toBeLessThanOrEqual(TIMEOUTS.functionMs);
  });

  it('still pays when a service took one timed-out attempt and a pause before answering', () => {
    const oneTimeout = SIGNED_FETCH_DEFAULTS.timeoutMs + 200;
    expect(hasTimeToPay(TIMEOUTS.functionMs - oneTimeout)).toBe(true);
  });

  it('answers a retry that waited its longest for a concurrent attempt, then ran up to the payment, within the function', () => {
    // Past that point hasTimeToPay decides: the payment, or SERVICE_UNAVAILABLE at once.
    expect(MAX_WAIT_MS + beforePayment + TIME_TO_ANSWER_MS).toBeLessThanOrEqual(TIMEOUTS.functionMs);
  });
});
