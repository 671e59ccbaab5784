// Each email at most once, however often its event is delivered and however its sending fails.
//
//   1. Claim the email's ledger entry: SENDING, with this attempt's id and the time. The claim
//      succeeds when there is no entry yet, or the last attempt is known not to have sent (FAILED).
//   2. Send.
//   3. Sent → SENT, with the message id. Refused for certain (the mail server or SES answered with
//      an error, or could not be reached) → FAILED, and the error is thrown so that the bus
//      retries the event and finally dead-letters it. Outcome unknown (the connection dropped
//      after the message was handed over) → UNCERTAIN: not retried, because it may have arrived;
//      the team is alerted instead.
//
// A claim found SENDING is another attempt in flight, or one that died mid-send: within its lease
// (longer than any function runs) this attempt throws and the bus retries later; past it, the
// dead attempt's outcome is unknown, so the entry becomes UNCERTAIN and nothing is sent. A SENT or
// UNCERTAIN entry ends it: the email is not sent (again).

/** A send refused for certain: nothing reached the customer, so it may be tried again. */
export class MailNotSent extends Error {
  override readonly name = 'MailNotSent';
}

/** Another attempt holds the email's claim: the bus is to retry the event later. */
export class EmailInFlight extends Error {
  override readonly name = 'EmailInFlight';
}

export type LedgerState = 'SENDING' | 'SENT' | 'FAILED' | 'UNCERTAIN';

export interface LedgerEntry {
  readonly state: LedgerState;
  readonly attemptId: string;
  /** Epoch milliseconds of the attempt's claim. */
  readonly claimedAt: number;
}

export interface SentEmailsLedger {
  /** Claims the key for this attempt if unclaimed or FAILED; otherwise answers the entry as it is. */
  claim(key: string, attemptId: string, now: number): Promise<{ claimed: true } | { claimed: false; entry: LedgerEntry }>;
  /** Records the attempt's outcome, on the condition the claim is still this attempt's. */
  settle(
    key: string,
    attemptId: string,
    outcome: { state: 'SENT'; messageId: string } | { state: 'FAILED' | 'UNCERTAIN'; error: string },
  ): Promise<void>;
  /** Takes over a claim whose lease has run out (conditional on it still being `staleAttemptId`'s) as UNCERTAIN. */
  abandon(key: string, staleAttemptId: string, attemptId: string): Promise<boolean>;
}

export type SendOnceResult =
  { readonly outcome: 'SENT'; readonly messageId: string } | { readonly outcome: 'ALREADY_SENT' | 'UNCERTAIN' };

export interface SendOnceOptions {
  readonly ledger: SentEmailsLedger;
  readonly key: string;
  readonly attemptId: string;
  /** How long a claim protects an attempt in flight: longer than a function may run. */
  readonly leaseMs: number;
  readonly now?: () => number;
  /** Called when an email's outcome becomes unknown: the team is told, the email is not sent again. */
  readonly onUncertain: (key: string, reason: string) => Promise<void>;
}

export async function sendOnce(options: SendOnceOptions, send: () => Promise<{ messageId: string }>): Promise<SendOnceResult> {
  const { ledger, key, attemptId } = options;
  const now = options.now ?? Date.now;
  const claim = await ledger.claim(key, attemptId, now());
  if (!claim.claimed) {
    const { entry } = claim;
    if (entry.state === 'SENT') return { outcome: 'ALREADY_SENT' };
    if (entry.state === 'UNCERTAIN') return { outcome: 'UNCERTAIN' };
    // SENDING (FAILED is claimable, so a refused claim on FAILED means another attempt just took it).
    if (entry.state === 'SENDING' && now() - entry.claimedAt > options.leaseMs) {
      if (await ledger.abandon(key, entry.attemptId, attemptId)) {
        await options.onUncertain(key, `An attempt claimed at ${new Date(entry.claimedAt).toISOString()} never finished.`);
        return { outcome: 'UNCERTAIN' };
      }
    }
    throw new EmailInFlight(`Email ${key} is being sent by another attempt; to be retried.`);
  }
  let messageId: string;
  try {
    ({ messageId } = await send());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof MailNotSent) {
      await ledger.settle(key, attemptId, { state: 'FAILED', error: reason });
      throw error;
    }
    await ledger.settle(key, attemptId, { state: 'UNCERTAIN', error: reason });
    await options.onUncertain(key, reason);
    return { outcome: 'UNCERTAIN' };
  }
  await ledger.settle(key, attemptId, { state: 'SENT', messageId });
  return { outcome: 'SENT', messageId };
}
