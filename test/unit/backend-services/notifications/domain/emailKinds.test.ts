import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../../../../domain/orderLifecycle.ts';
import { EMAIL_PREFERENCE, emailKey, STATUS_EMAILS } from '../../../../../backend-services/notifications/domain/emailKinds.ts';

describe('the emails of an order', () => {
  it('confirm NEW and tell of every end and every problem; the steps between send nothing', () => {
    const silent = (Object.keys(ORDER_STATUSES) as (keyof typeof ORDER_STATUSES)[]).filter((status) => !STATUS_EMAILS[status]);
    expect(silent.sort()).toEqual(['AWAITING_PAYMENT', 'PACKAGED', 'PACKAGING']);
  });

  it('always send the confirmation and the documents; the status emails follow the preference', () => {
    const transactional = Object.entries(EMAIL_PREFERENCE)
      .filter(([, p]) => p === 'transactional')
      .map(([kind]) => kind);
    expect(transactional.sort()).toEqual(['CREDIT_NOTE', 'INVOICE', 'ORDER_CONFIRMED']);
  });

  it('are keyed by order and kind, and by number for documents', () => {
    expect(emailKey('o-1', 'ORDER_SHIPPED')).toBe('o-1#ORDER_SHIPPED');
    expect(emailKey('o-1', 'CREDIT_NOTE', 'CN-2026-000003')).toBe('o-1#CREDIT_NOTE#CN-2026-000003');
  });
});
