// Publish's checks, as SNS makes them, and the message it accepts: the Subject (optional; under
// 100 characters, no line break or control character), the Message (not empty; with its
// attributes at most 256 KiB; with MessageStructure `json`, an object with a `default` entry
// and optionally one per protocol), and MessageAttributes (a type of the String, Number or Binary
// families and a value of that type). What an email subscriber is sent of it is `emailTextOf`.
import { randomUUID } from 'node:crypto';
import { flattenedItems } from '../http/awsQuery.ts';
import { ERROR_CODES, invalidParameter, SnsError } from './errors.ts';

/** SNS's limit on a message with its attributes (the same as SQS's). */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** Subjects are "less than 100 characters long". */
const MAX_SUBJECT_LENGTH = 99;

export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  /** Base64, as the query protocol carries it. */
  readonly BinaryValue?: string;
}

/** A message as Publish accepted it; `deliveries` is filled in as subscriptions are sent it. */
export interface PublishedMessage {
  readonly messageId: string;
  readonly topicArn: string;
  /** The topic's name, for people reading the listing. */
  readonly topic: string;
  readonly subject?: string;
  readonly message: string;
  readonly messageStructure?: 'json';
  readonly messageAttributes: Readonly<Record<string, MessageAttribute>>;
  /** When SNS accepted it, ISO 8601. */
  readonly timestamp: string;
  readonly deliveries: Delivery[];
}

export interface Delivery {
  readonly subscriptionArn: string;
  readonly protocol: 'email';
  readonly endpoint: string;
  status: 'pending' | 'delivered' | 'failed';
  /** Why the delivery failed (the SMTP server's refusal, a connection error). */
  error?: string;
}

export interface PublishRequest {
  readonly topicArn: string | undefined;
  readonly subject: string | undefined;
  readonly message: string | undefined;
  readonly messageStructure: string | undefined;
  readonly messageAttributes: Readonly<Record<string, MessageAttribute>>;
}

/** Publish's parameters, as the query protocol carries them. */
export function parsePublishParameters(params: URLSearchParams): PublishRequest {
  for (const other of ['TargetArn', 'PhoneNumber'] as const) {
    if (params.has(other)) {
      throw invalidParameter(
        `${other} Reason: the local SNS publishes to topics only (TopicArn), not to endpoints or phone numbers`,
      );
    }
  }
  const messageAttributes: Record<string, MessageAttribute> = {};
  for (const item of flattenedItems(params, 'MessageAttributes', 'entry')) {
    const name = item('Name');
    if (name === undefined || name === '') throw invalidParameter('MessageAttributes Reason: an attribute has no Name');
    messageAttributes[name] = {
      DataType: item('Value.DataType') ?? '',
      ...optional('StringValue', item('Value.StringValue')),
      ...optional('BinaryValue', item('Value.BinaryValue')),
    };
  }
  return {
    topicArn: params.get('TopicArn') ?? undefined,
    subject: params.get('Subject') ?? undefined,
    message: params.get('Message') ?? undefined,
    messageStructure: params.get('MessageStructure') ?? undefined,
    messageAttributes,
  };
}

/** The message Publish accepts, or SNS's refusal. The topic has been found already. */
export function acceptMessage(request: PublishRequest, topic: { arn: string; name: string }, now: Date): PublishedMessage {
  const { subject, message, messageStructure, messageAttributes } = request;
  if (message === undefined || message === '') throw invalidParameter('Empty message');
  if (subject !== undefined && !isValidSubject(subject)) throw invalidParameter('Subject');
  if (messageStructure !== undefined && messageStructure !== 'json') throw invalidParameter('MessageStructure');
  if (messageStructure === 'json') checkJsonStructure(message);
  for (const [name, attribute] of Object.entries(messageAttributes)) checkAttribute(name, attribute);
  if (sizeOf(message, messageAttributes) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  return {
    messageId: randomUUID(),
    topicArn: topic.arn,
    topic: topic.name,
    ...(subject === undefined ? {} : { subject }),
    message,
    ...(messageStructure === 'json' ? { messageStructure } : {}),
    messageAttributes,
    timestamp: now.toISOString(),
    deliveries: [],
  };
}

/** What an email subscription is sent: the message, or with MessageStructure `json` its `email` entry (else `default`). */
export function emailTextOf(message: PublishedMessage): string {
  if (message.messageStructure !== 'json') return message.message;
  const entries = JSON.parse(message.message) as Record<string, string>;
  return entries.email ?? entries.default ?? '';
}

function isValidSubject(subject: string): boolean {
  return subject.trim() !== '' && [...subject].length <= MAX_SUBJECT_LENGTH && !/[\u0000-\u001f\u007f]/.test(subject);
}

function checkJsonStructure(message: string): void {
  let entries: unknown;
  try {
    entries = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const fields = entries as Record<string, unknown>;
  if (typeof fields.default !== 'string') throw invalidParameter('Message Structure - No default entry in JSON message body');
  for (const [protocol, text] of Object.entries(fields)) {
    if (typeof text !== 'string') throw invalidParameter(`Message Structure - the ${protocol} entry is not a string`);
  }
}

// A type is one of the families, alone or with a custom suffix (`String.orderId`), or String.Array.
const ATTRIBUTE_TYPE = /^(String|Number|Binary)(\..+)?$/;

function checkAttribute(name: string, attribute: MessageAttribute): void {
  const family = ATTRIBUTE_TYPE.exec(attribute.DataType)?.[1];
  if (!family) {
    throw new SnsError(
      ERROR_CODES.parameterValueInvalid,
      `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
    );
  }
  const value = family === 'Binary' ? attribute.BinaryValue : attribute.StringValue;
  if (value === undefined || value === '') {
    throw new SnsError(
      ERROR_CODES.parameterValueInvalid,
      `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${attribute.DataType}'.`,
    );
  }
  if (family === 'Number' && !Number.isFinite(Number(value))) {
    throw new SnsError(ERROR_CODES.parameterValueInvalid, `Could not cast message attribute '${name}' value to number.`);
  }
  if (attribute.DataType === 'String.Array' && !Array.isArray(parseOrUndefined(value))) {
    throw new SnsError(
      ERROR_CODES.parameterValueInvalid,
      `The message attribute '${name}' with type 'String.Array' must be a JSON array of strings, numbers, booleans or null.`,
    );
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The message and every attribute's name, type and value, in bytes, as SNS counts toward its limit. */
function sizeOf(message: string, attributes: Readonly<Record<string, MessageAttribute>>): number {
  let bytes = Buffer.byteLength(message);
  for (const [name, attribute] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(attribute.DataType);
    bytes += attribute.BinaryValue !== undefined ? Buffer.from(attribute.BinaryValue, 'base64').length : 0;
    bytes += attribute.StringValue !== undefined ? Buffer.byteLength(attribute.StringValue) : 0;
  }
  return bytes;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
