// The local SNS's public face. See README.md.
export {
  RECENT_MESSAGES,
  startLocalSns,
  type EmailSubscriptionDefinition,
  type LocalSns,
  type LocalSnsOptions,
} from './localSns.ts';
export type { IsAllowed } from './actions.ts';
export { CONFIRMATION_SUBJECT, DEFAULT_SUBJECT, type SmtpSettings } from './email.ts';
export { SnsError, type SnsErrorCode } from './errors.ts';
export type { Delivery, MessageAttribute, PublishedMessage } from './publish.ts';
