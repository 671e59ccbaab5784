// The local stand-in for where emails end up: MailDev, a real SMTP server with a web inbox and a
// REST API, started in this process. Services send to its SMTP port exactly as they would to any
// mail server (the notifications service's SMTP transport); people read the inbox in a browser;
// tests read the same emails through the API (listEmails, emailSource, attachment).
//
// Its mail directory is its own (a temporary folder unless given): MailDev's default is one
// shared folder under the OS's temp directory, which two stacks on one machine would both write.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailDev } from 'maildev';

export interface LocalMailboxOptions {
  /** The SMTP port; 0 for any free one. */
  readonly smtpPort: number;
  /** The web inbox's and API's port; 0 for any free one. */
  readonly webPort: number;
  /** Where the emails are kept across restarts; a temporary folder, removed on close, when absent. */
  readonly mailDirectory?: string;
}

export interface LocalMailbox {
  readonly smtp: { readonly host: string; readonly port: number };
  /** The web inbox (and, under /api, its REST API). */
  readonly url: string;
  close(): Promise<void>;
}

/** An email as the mailbox's API lists it, the fields read here. */
export interface MailboxEmail {
  readonly id: string;
  readonly subject: string;
  readonly from: readonly { readonly address: string; readonly name?: string }[];
  readonly to: readonly { readonly address: string; readonly name?: string }[];
  readonly text?: string;
  readonly html?: string;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly attachments: readonly {
    readonly filename: string;
    readonly generatedFileName: string;
    readonly contentType: string;
    readonly size?: number;
  }[];
}

const LOOPBACK = '127.0.0.1';

export async function startLocalMailbox(options: LocalMailboxOptions): Promise<LocalMailbox> {
  const temporary = options.mailDirectory === undefined ? mkdtempSync(join(tmpdir(), 'local-mailbox-')) : undefined;
  const maildev = new MailDev({
    smtp: options.smtpPort,
    web: options.webPort,
    ip: LOOPBACK,
    webIp: LOOPBACK,
    mailDirectory: options.mailDirectory ?? temporary,
    silent: true,
  });
  const servers = await quietly(() => maildev.start());
  const smtpAddress = servers.smtp.getAddress();
  const webPort = servers.api?.getPort();
  if (!smtpAddress || !webPort) {
    await maildev.stop();
    throw new Error('The local mailbox started without an SMTP or web address.');
  }
  return {
    smtp: { host: LOOPBACK, port: smtpAddress.port },
    url: `http://${LOOPBACK}:${webPort}`,
    async close() {
      await maildev.stop();
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}

/**
 * MailDev 3's API server announces itself with console.info whatever `silent` says; the stack
 * prints the mailbox's URL with its other endpoints, so the line is held back while it starts.
 */
async function quietly<T>(start: () => Promise<T>): Promise<T> {
  const info = console.info;
  console.info = () => undefined;
  try {
    return await start();
  } finally {
    console.info = info;
  }
}

/** Every email in the mailbox at `url`, in arrival order. */
export async function listEmails(url: string): Promise<MailboxEmail[]> {
  const response = await fetch(`${url}/api/email`);
  if (!response.ok) throw new Error(`The mailbox answered ${response.status} listing its emails.`);
  return (await response.json()) as MailboxEmail[];
}

/** One attachment's bytes, by the name the mailbox gave it (`generatedFileName`). */
export async function attachmentOf(url: string, emailId: string, generatedFileName: string): Promise<Buffer> {
  const response = await fetch(
    `${url}/api/email/${encodeURIComponent(emailId)}/attachment/${encodeURIComponent(generatedFileName)}`,
  );
  if (!response.ok) throw new Error(`The mailbox answered ${response.status} for attachment ${generatedFileName}.`);
  return Buffer.from(await response.arrayBuffer());
}

/** Empties the mailbox. */
export async function deleteAllEmails(url: string): Promise<void> {
  const response = await fetch(`${url}/api/email/all`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`The mailbox answered ${response.status} deleting its emails.`);
}
