// What an email subscription receives, worded as SNS's email protocol words it, and the SMTP
// client that sends it (nodemailer, to a local mailbox such as MailDev). Two emails: the
// subscription's confirmation ("AWS Notification - Subscription Confirmation", with the link that
// confirms it), and each message (its Subject, or "AWS Notification Message"; the message as the
// body, then SNS's footer with the link that unsubscribes). The sender is "AWS Notifications"
// <no-reply@sns.amazonaws.com>, or the topic's DisplayName. The links point at the local SNS.
import { createTransport } from 'nodemailer';
import { emailTextOf, type PublishedMessage } from './publish.ts';
import type { Subscription, Topic } from './store.ts';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
}

export interface Email {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export const SENDER_ADDRESS = 'no-reply@sns.amazonaws.com';
export const DEFAULT_SENDER_NAME = 'AWS Notifications';
export const CONFIRMATION_SUBJECT = 'AWS Notification - Subscription Confirmation';
/** The subject of a message published without one. */
export const DEFAULT_SUBJECT = 'AWS Notification Message';

/** The confirmation email; `endpoint` is the local SNS's URL, where its link confirms the subscription. */
export function confirmationEmail(subscription: Subscription, topic: Topic, endpoint: string): Email {
  const link = `${endpoint}/?${new URLSearchParams({
    Action: 'ConfirmSubscription',
    TopicArn: topic.arn,
    Token: subscription.token,
  }).toString()}`;
  return {
    from: senderOf(topic),
    to: subscription.endpoint,
    subject: CONFIRMATION_SUBJECT,
    text:
      `You have chosen to subscribe to the topic: \n${topic.arn}\n\n` +
      `To confirm this subscription, click or visit the link below (If this was in error no action is necessary): \n${link}\n`,
  };
}

/** A published message as an email subscription receives it. */
export function notificationEmail(message: PublishedMessage, subscription: Subscription, topic: Topic, endpoint: string): Email {
  const link = `${endpoint}/?${new URLSearchParams({ Action: 'Unsubscribe', SubscriptionArn: subscription.arn }).toString()}`;
  return {
    from: senderOf(topic),
    to: subscription.endpoint,
    subject: message.subject ?? DEFAULT_SUBJECT,
    text:
      `${emailTextOf(message)}\n\n--\n` +
      'If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n' +
      `${link}\n\n` +
      'Please do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support\n',
  };
}

function senderOf(topic: Topic): string {
  const name = topic.displayName || DEFAULT_SENDER_NAME;
  return `"${name.replace(/["\\]/g, '\\$&')}" <${SENDER_ADDRESS}>`;
}

export interface EmailSender {
  /** Resolves once the SMTP server accepted the email; rejects with its refusal or the connection's error. */
  send(email: Email): Promise<void>;
  close(): void;
}

/** An SMTP client of a local mailbox: plain SMTP on loopback, no STARTTLS (MailDev's certificate is its own). */
export function createEmailSender(smtp: SmtpSettings): EmailSender {
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    async send(email) {
      await transport.sendMail(email);
    },
    close: () => transport.close(),
  };
}
