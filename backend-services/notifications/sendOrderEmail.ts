// One email about one order, sent at most once: the customer's preference consulted for status
// emails, the words composed (domain/composeEmail.ts), and the send made through the ledger
// (domain/sendOnce.ts). Both handlers come here: the order-status one and the document one.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { randomUUID } from 'node:crypto';
import type { OrderItem } from '../../domain/order.ts';
import { alertPublisher } from '../platform/alerts.ts';
import { observabilityOf } from '../platform/observability.ts';
import { config } from './config.ts';
import { composeEmail } from './domain/composeEmail.ts';
import { EMAIL_PREFERENCE, emailKey, type EmailKind } from './domain/emailKinds.ts';
import { sendOnce, type SendOnceResult } from './domain/sendOnce.ts';
import { createMailer } from './mail/mailer.ts';
import { preferencesOf } from './store/preferences.ts';
import { sentEmailsLedger } from './store/sentEmails.ts';

const { logger, metrics } = observabilityOf('notifications');
const mailer = createMailer({ region: config.region, smtp: config.smtp });
const publishAlert = alertPublisher('notifications', config.alerts);

/**
 * How long a claim protects an attempt in flight: more than twice the longest a function runs
 * (29 s, infra/constructs/handlerFunction.ts), so a claim older than this is a dead attempt's.
 */
export const CLAIM_LEASE_MS = 60_000;

export interface OrderEmail {
  readonly kind: EmailKind;
  readonly order: OrderItem;
  /** For a document email: its number and PDF. */
  readonly document?: { readonly number: string; readonly pdf: Buffer };
}

export type OrderEmailResult = SendOnceResult | { readonly outcome: 'NO_ADDRESS' | 'OPTED_OUT' };

export async function sendOrderEmail({ kind, order, document }: OrderEmail): Promise<OrderEmailResult> {
  const key = emailKey(order.orderId, kind, document?.number);
  if (!order.customerEmail) {
    // Placed by a token without an email address: nothing to send to, and no retry will give one.
    logger.warn('The order has no email address; email not sent', { orderId: order.orderId, kind });
    metrics.addMetric('EmailWithoutAddress', MetricUnit.Count, 1);
    return { outcome: 'NO_ADDRESS' };
  }
  if (EMAIL_PREFERENCE[kind] === 'orderUpdates' && !(await preferencesOf(order.userId)).orderUpdates) {
    logger.info('The customer turned order updates off; email not sent', { orderId: order.orderId, kind });
    return { outcome: 'OPTED_OUT' };
  }
  const words = composeEmail(kind, order, {
    shopName: config.shopName,
    shopUrl: config.shopUrl,
    currency: config.currency,
    ...(document ? { documentNumber: document.number } : {}),
  });
  const result = await sendOnce(
    {
      ledger: sentEmailsLedger({ orderId: order.orderId, kind, recipient: order.customerEmail }),
      key,
      attemptId: randomUUID(),
      leaseMs: CLAIM_LEASE_MS,
      onUncertain: async (uncertainKey, reason) => {
        // Not sent again, since it may have arrived: an operator decides.
        logger.error('An email’s outcome is unknown; it is not sent again', { emailKey: uncertainKey, reason });
        metrics.addMetric('EmailOutcomeUnknown', MetricUnit.Count, 1);
        await publishAlert('order-errors', {
          subject: `Email ${kind} for order ${order.orderId}: outcome unknown, not resent`,
          message:
            `Sending the ${kind} email of order ${order.orderId} to ${order.customerEmail} may or may not have ` +
            `reached the customer: ${reason}\nIt is not sent again (it may have arrived). Check the mail provider's ` +
            'log, and resend by hand if it did not go out.',
          details: { orderId: order.orderId, kind, emailKey: uncertainKey },
        });
      },
    },
    () =>
      mailer.send({
        from: config.mailFrom,
        to: { name: order.address.name, address: order.customerEmail! },
        ...words,
        messageId: messageIdOf(key, config.mailFrom),
        ...(document
          ? { attachments: [{ filename: `${document.number}.pdf`, content: document.pdf, contentType: 'application/pdf' }] }
          : {}),
      }),
  );
  logger.info('Order email', { orderId: order.orderId, kind, emailKey: key, outcome: result.outcome });
  if (result.outcome === 'SENT') metrics.addMetric('EmailSent', MetricUnit.Count, 1);
  return result;
}

/** `<key@sender's domain>`, the key's characters kept to those a Message-ID's left part allows. */
export function messageIdOf(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/u.exec(from)?.[1] ?? 'localhost';
  return `<${key.replace(/[^A-Za-z0-9.#_-]/gu, '-')}@${domain}>`;
}
