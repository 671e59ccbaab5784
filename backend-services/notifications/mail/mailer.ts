// Sending one email: the only difference between AWS and a laptop is the transport. On AWS,
// Amazon SES (v2 SendEmail with the raw MIME message nodemailer builds, so the PDF rides along as
// an attachment); locally, SMTP into the local mailbox (SMTP_HOST/SMTP_PORT). Either way the
// failure is classified for domain/sendOnce.ts: MailNotSent when the server answered with an
// error or could not be reached (nothing was delivered, so it may be tried again), anything else
// when the outcome is unknown (the message may have been handed over).
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import nodemailer, { type Transporter } from 'nodemailer';
import { tracedAwsClient } from '../../platform/observability.ts';
import { MailNotSent } from '../domain/sendOnce.ts';

export interface MailTransportConfig {
  readonly region: string;
  /** Local only: the mailbox's SMTP server; SES when absent. */
  readonly smtp?: { readonly host: string; readonly port: number } | undefined;
}

export interface OutgoingEmail {
  readonly from: string;
  readonly to: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `<…@…>`: the same for every attempt at the same email, so a mail client can tell repeats. */
  readonly messageId: string;
  readonly attachments?: readonly { readonly filename: string; readonly content: Buffer; readonly contentType: string }[];
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/** How long an SMTP connection, greeting or reply may take; SES calls time out with the SDK's own. */
const SMTP_TIMEOUT_MS = 10_000;

/** SMTP error codes (nodemailer's) that mean the message was never handed over. */
const NOT_SENT_CODES = new Set(['EDNS', 'ETLS', 'EREQUIRETLS', 'EAUTH', 'ENOAUTH', 'EENVELOPE', 'ECONFIG']);

export function createMailer(config: MailTransportConfig): Mailer {
  const transporter: Transporter = config.smtp
    ? nodemailer.createTransport({
        host: config.smtp.host,
        port: config.smtp.port,
        secure: false,
        // The local mailbox speaks plain SMTP on the loopback interface.
        ignoreTLS: true,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      })
    : nodemailer.createTransport({
        SES: { sesClient: tracedAwsClient(new SESv2Client({ region: config.region })), SendEmailCommand },
      });
  return {
    async send(email) {
      try {
        const info = (await transporter.sendMail({
          from: email.from,
          to: { name: email.to.name, address: email.to.address },
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: email.messageId,
          attachments: (email.attachments ?? []).map((attachment) => ({ ...attachment })),
        })) as { messageId?: string };
        return { messageId: info.messageId ?? email.messageId };
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

/** MailNotSent for a failure that certainly delivered nothing; the error as it is otherwise. */
export function classify(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const facts = error as Error & {
    code?: string;
    command?: string;
    responseCode?: number;
    errno?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const refused =
    // An SMTP server's error reply, or an answer from SES: it said no.
    typeof facts.responseCode === 'number' ||
    typeof facts.$metadata?.httpStatusCode === 'number' ||
    (facts.code !== undefined && NOT_SENT_CODES.has(facts.code)) ||
    // No connection: nothing was handed over.
    facts.command === 'CONN' ||
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/u.test(`${facts.errno ?? ''} ${facts.message}`);
  return refused ? new MailNotSent(facts.message, { cause: error }) : error;
}
