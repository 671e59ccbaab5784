// The at-most-once protocol against an in-memory ledger with DynamoDB's conditional semantics
// (test/integration has the real table): claims, outcomes, attempts in flight, dead attempts.
import { describe, expect, it, vi } from 'vitest';
import {
  EmailInFlight,
  type LedgerEntry,
  MailNotSent,
  sendOnce,
  type SendOnceOptions,
  type SentEmailsLedger,
} from '../../../../../backend-services/notifications/domain/sendOnce.ts';

class MemoryLedger implements SentEmailsLedger {
  readonly entries = new Map<string, LedgerEntry & { detail?: string }>();

  async claim(key: string, attemptId: string, now: number) {
    const entry = this.entries.get(key);
    if (entry && entry.state !== 'FAILED') return { claimed: false as const, entry };
    this.entries.set(key, { state: 'SENDING', attemptId, claimedAt: now });
    return { claimed: true as const };
  }

  async settle(
    key: string,
    attemptId: string,
    outcome: { state: 'SENT'; messageId: string } | { state: 'FAILED' | 'UNCERTAIN'; error: string },
  ) {
    const entry = this.entries.get(key);
    if (entry?.attemptId !== attemptId || entry.state !== 'SENDING') throw new Error('ConditionalCheckFailed');
    this.entries.set(key, { ...entry, state: outcome.state, detail: 'messageId' in outcome ? outcome.messageId : outcome.error });
  }

  async abandon(key: string, staleAttemptId: string, attemptId: string) {
    const entry = this.entries.get(key);
    if (entry?.attemptId !== staleAttemptId || entry.state !== 'SENDING') return false;
    this.entries.set(key, { ...entry, state: 'UNCERTAIN', attemptId });
    return true;
  }
}

function options(ledger: SentEmailsLedger, overrides: Partial<SendOnceOptions> = {}): SendOnceOptions {
  return {
    ledger,
    key: 'order-1#ORDER_CONFIRMED',
    attemptId: `attempt-${Math.random()}`,
    leaseMs: 60_000,
    now: () => 1_000_000,
    onUncertain: vi.fn(async () => undefined),
    ...overrides,
  };
}

describe('sendOnce', () => {
  it('sends once and records it; a redelivery finds it sent and sends nothing', async () => {
    const ledger = new MemoryLedger();
    const send = vi.fn(async () => ({ messageId: '<m1@shop>' }));
    expect(await sendOnce(options(ledger), send)).toEqual({ outcome: 'SENT', messageId: '<m1@shop>' });
    expect(await sendOnce(options(ledger), send)).toEqual({ outcome: 'ALREADY_SENT' });
    expect(await sendOnce(options(ledger), send)).toEqual({ outcome: 'ALREADY_SENT' });
    expect(send).toHaveBeenCalledTimes(1);
    expect(ledger.entries.get('order-1#ORDER_CONFIRMED')).toMatchObject({ state: 'SENT', detail: '<m1@shop>' });
  });

  it('releases a send refused for certain and throws, so that a retry sends it', async () => {
    const ledger = new MemoryLedger();
    const refused = vi.fn(async (): Promise<{ messageId: string }> => {
      throw new MailNotSent('connect ECONNREFUSED 127.0.0.1:25');
    });
    await expect(sendOnce(options(ledger), refused)).rejects.toBeInstanceOf(MailNotSent);
    expect(ledger.entries.get('order-1#ORDER_CONFIRMED')?.state).toBe('FAILED');
    const send = vi.fn(async () => ({ messageId: '<m2@shop>' }));
    expect(await sendOnce(options(ledger), send)).toEqual({ outcome: 'SENT', messageId: '<m2@shop>' });
  });

  it('does not resend a send whose outcome is unknown, and tells the team', async () => {
    const ledger = new MemoryLedger();
    const onUncertain = vi.fn(async () => undefined);
    const dropped = async (): Promise<{ messageId: string }> => {
      throw new Error('Connection closed unexpectedly');
    };
    expect(await sendOnce(options(ledger, { onUncertain }), dropped)).toEqual({ outcome: 'UNCERTAIN' });
    expect(onUncertain).toHaveBeenCalledWith('order-1#ORDER_CONFIRMED', 'Connection closed unexpectedly');
    const send = vi.fn(async () => ({ messageId: '<m3@shop>' }));
    expect(await sendOnce(options(ledger), send)).toEqual({ outcome: 'UNCERTAIN' });
    expect(send).not.toHaveBeenCalled();
  });

  it('leaves an attempt in flight alone (the bus retries), and takes over a dead one as uncertain', async () => {
    const ledger = new MemoryLedger();
    await ledger.claim('order-1#ORDER_CONFIRMED', 'dead-attempt', 1_000_000);
    const send = vi.fn(async () => ({ messageId: '<m4@shop>' }));
    await expect(sendOnce(options(ledger, { now: () => 1_030_000 }), send)).rejects.toBeInstanceOf(EmailInFlight);
    const onUncertain = vi.fn(async () => undefined);
    expect(await sendOnce(options(ledger, { now: () => 1_060_001, onUncertain }), send)).toEqual({ outcome: 'UNCERTAIN' });
    expect(onUncertain).toHaveBeenCalledTimes(1);
    expect(send).not.toHaveBeenCalled();
  });

  it('sends once when many deliveries of the same event race', async () => {
    const ledger = new MemoryLedger();
    const send = vi.fn(async () => ({ messageId: '<m5@shop>' }));
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => sendOnce(options(ledger), send)));
    expect(send).toHaveBeenCalledTimes(1);
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : (r.reason as Error).name));
    expect(outcomes.filter((o) => o === 'SENT')).toHaveLength(1);
    expect(outcomes.every((o) => ['SENT', 'ALREADY_SENT', 'EmailInFlight'].includes(o))).toBe(true);
  });
});
