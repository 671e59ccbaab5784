// How long checkout needs once it claims a payment, on the real services and tables. Giving up
// before the claim is clean (nothing ordered or charged); after it, the order must be written or
// the payment voided, and the answer given, before the function's timeout (system/timeouts.ts),
// or the caller learns only that the outcome is unknown. So a payment is claimed only with that
// much of the invocation left (CheckoutPorts.hasTimeToPay). test/unit/system/timeouts.test.ts
// holds this against the timeouts in front of checkout.
import { signedFetchWorstCaseMs } from '../../platform/signedFetch.ts';
import { TIME_TO_ANSWER_MS } from '../domain/retryWait.ts';
import { WRITE_ORDER_BUDGET_MS } from '../store/writeOrder.ts';

/**
 * The table calls of a checkout outside the order's write (the idempotency record, the read after
 * an unknown outcome) and the alert of an unknown outcome. The SDK clients set no timeout of their
 * own: this is what they are allowed, not a bound they keep.
 */
export const AWS_CALLS_ALLOWANCE_MS = 2_000;

/**
 * The quote's own timeout (clients/deliveryPricingApi.ts): POST /pricing/packages reads nothing,
 * so it answers in milliseconds once its function runs, a cold start of its small bundle included
 * well under a second. As it follows the catalog's read instead of running beside it, the default
 * 3 s per attempt would stretch the worst case before the payment past the function's time.
 */
export const QUOTE_CALL = { timeoutMs: 1_000, retries: 1 } as const;

/**
 * From checkout's start to the claim, at worst: the catalog's read, then the quote priced from its
 * packages (one after the other: the quote needs what the catalog answers), and the tables
 * (10.3 s with the clients' settings).
 */
export const BEFORE_PAYMENT_WORST_MS = signedFetchWorstCaseMs() + signedFetchWorstCaseMs(QUOTE_CALL) + AWS_CALLS_ALLOWANCE_MS;

/**
 * From the claim's start to the last step: the payment service's answer, the order's write with
 * its retries, and voiding the payment when the write is refused (22.4 s with the defaults).
 */
export const AFTER_PAYMENT_WORST_MS = 2 * signedFetchWorstCaseMs() + WRITE_ORDER_BUDGET_MS + AWS_CALLS_ALLOWANCE_MS;

/** Whether a payment claimed now can be followed by the order's write or its void, and the answer, within `remainingMs`. */
export function hasTimeToPay(remainingMs: number): boolean {
  return remainingMs - TIME_TO_ANSWER_MS >= AFTER_PAYMENT_WORST_MS;
}
