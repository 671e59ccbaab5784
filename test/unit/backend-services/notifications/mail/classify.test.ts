// Which failures of a send delivered nothing for certain (MailNotSent: retried), and which leave
// the outcome unknown (not retried): nodemailer's SMTP errors and the SES client's.
import { describe, expect, it } from 'vitest';
import { MailNotSent } from '../../../../../backend-services/notifications/domain/sendOnce.ts';
import { classify } from '../../../../../backend-services/notifications/mail/mailer.ts';

const error = (message: string, facts: Record<string, unknown>) => Object.assign(new Error(message), facts);

describe('classify', () => {
  it.each([
    ['an SMTP error reply', error('Mailbox unavailable', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' })],
    [
      'a refused connection',
      error('connect ECONNREFUSED 127.0.0.1:1025', { code: 'ESOCKET', errno: 'ECONNREFUSED', command: 'CONN' }),
    ],
    ['a connection that timed out', error('Connection timeout', { code: 'ETIMEDOUT', command: 'CONN' })],
    ['failed authentication', error('Invalid login', { code: 'EAUTH' })],
    [
      'an SES refusal (MessageRejected)',
      error('Email address is not verified.', { name: 'MessageRejected', $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'SES throttling',
      error('Maximum sending rate exceeded.', { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } }),
    ],
  ])('%s: not sent, to be retried', (_case, failure) => {
    const classified = classify(failure);
    expect(classified).toBeInstanceOf(MailNotSent);
    expect((classified as MailNotSent).cause).toBe(failure);
  });

  it.each([
    [
      'a connection dropped after the message was handed over',
      error('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'DATA' }),
    ],
    ['a reply that never came', error('Timeout', { code: 'ETIMEDOUT' })],
    ['an SES call that timed out on the wire', error('socket hang up', { name: 'TimeoutError' })],
  ])('%s: outcome unknown', (_case, failure) => {
    expect(classify(failure)).toBe(failure);
  });
});
