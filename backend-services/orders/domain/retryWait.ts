// How a retry with an idempotency key waits for a concurrent attempt with the same key to
// answer: it looks again after jittered pauses growing from 0.1 s to 1 s, for at most 15 s and
// never closer than 2 s to its invocation's end; then it gives up with SERVICE_UNAVAILABLE.
// The functions' timeout (system/timeouts.ts) must exceed MAX_WAIT_MS.

export const MAX_WAIT_MS = 15_000;
/** Kept for answering after the last wait, or after checkout's last step (checkout/checkoutBudget.ts). */
export const TIME_TO_ANSWER_MS = 2_000;
const FIRST_PAUSE_MS = 100;
const LONGEST_PAUSE_MS = 1_000;

/** How long a retry may wait, given the time left in its invocation (negative: not at all). */
export function waitBudgetMs(remainingMs: number): number {
  return Math.min(MAX_WAIT_MS, remainingMs - TIME_TO_ANSWER_MS);
}

/** The pauses between looks, without end: each between half and all of its step, the step growing by half up to 1 s. */
export function* retryPauses(random: () => number = Math.random): Generator<number, never> {
  for (let step = FIRST_PAUSE_MS; ; step = Math.min(step * 1.5, LONGEST_PAUSE_MS)) yield step / 2 + random() * (step / 2);
}
