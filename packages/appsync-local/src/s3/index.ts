// The local S3's public face. See README.md.
export { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3, type LocalS3Options } from './localS3.ts';
export {
  buildObjectCreatedEvent,
  OBJECT_CREATED_REASONS,
  toPutEventsEntry,
  type ObjectCreatedDetail,
  type ObjectCreatedEvent,
  type ObjectCreatedReason,
} from './objectCreatedEvent.ts';
