// The local mailbox's public face. See README.md.
export {
  attachmentOf,
  deleteAllEmails,
  listEmails,
  startLocalMailbox,
  type LocalMailbox,
  type LocalMailboxOptions,
  type MailboxEmail,
} from './localMailbox.ts';
