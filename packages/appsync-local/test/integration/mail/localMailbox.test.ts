// The local mailbox: a real SMTP server (MailDev) that services send to with nodemailer, as the
// notifications service does, and whose API the tests read: subject, parts, headers, attachments.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attachmentOf, deleteAllEmails, listEmails, startLocalMailbox, type LocalMailbox } from '../../../src/mail/index.ts';
import { isPortFree } from '../../../src/ports.ts';

let mailbox: LocalMailbox;

beforeAll(async () => {
  mailbox = await startLocalMailbox({ smtpPort: 0, webPort: 0 });
});

afterAll(async () => {
  await mailbox.close();
});

beforeEach(async () => {
  await deleteAllEmails(mailbox.url);
});

function transport() {
  return nodemailer.createTransport({ host: mailbox.smtp.host, port: mailbox.smtp.port, secure: false, ignoreTLS: true });
}

describe('the local mailbox', () => {
  it('receives an email over SMTP with its text, HTML, headers and a PDF attachment, and lists it', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% not really a PDF\n');
    await transport().sendMail({
      from: 'Shop <orders@shop.example>',
      to: { name: 'Ada Lovelace', address: 'ada@example.com' },
      subject: 'Invoice INV-2026-000001',
      text: 'Your invoice is attached.',
      html: '<p>Your invoice is attached.</p>',
      messageId: '<order-1#INVOICE@shop.example>',
      attachments: [{ filename: 'INV-2026-000001.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    const [email, ...others] = await listEmails(mailbox.url);
    expect(others).toEqual([]);
    expect(email?.subject).toBe('Invoice INV-2026-000001');
    expect(email?.to).toEqual([{ address: 'ada@example.com', name: 'Ada Lovelace' }]);
    expect(email?.text?.trim()).toBe('Your invoice is attached.');
    expect(email?.html).toContain('<p>Your invoice is attached.</p>');
    expect(email?.headers['message-id']).toBe('<order-1#INVOICE@shop.example>');
    const [attachment] = email?.attachments ?? [];
    expect(attachment).toMatchObject({ filename: 'INV-2026-000001.pdf', contentType: 'application/pdf' });
    expect(await attachmentOf(mailbox.url, email!.id, attachment!.generatedFileName)).toEqual(pdf);
  });

  it('serves its web inbox at its URL to a browser', async () => {
    const response = await fetch(mailbox.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('keeps two mailboxes apart, and frees its ports when closed', async () => {
    const other = await startLocalMailbox({ smtpPort: 0, webPort: 0 });
    await transport().sendMail({ from: 'a@shop.example', to: 'b@example.com', subject: 'only in the first', text: 'x' });
    expect(await listEmails(other.url)).toEqual([]);
    await other.close();
    expect(await isPortFree(other.smtp.port)).toBe(true);
    expect(await isPortFree(Number(new URL(other.url).port))).toBe(true);
  });
});
