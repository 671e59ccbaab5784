// The DynamoDB data source's client: DynamoDB's JSON protocol over one keep-alive HTTP agent,
// in place of the AWS SDK's client, which spent 35–40 % of the runtime's CPU on a GetItem
// (middleware stack, schema-driven serde, signing with a pure-JS SHA-256). It takes the SDK's own
// command objects and answers what the SDK's client answers, so the operations (and their tests'
// stubs) are the same for both:
//
// - the output is the response's JSON, binary values (`B`, `BS`) as Uint8Array as the SDK gives
//   them;
// - a DynamoDB error is an instance of the SDK's exception class of that name (its fields, such as
//   `Item` or `CancellationReasons`, included) or, for an error the SDK does not model
//   (ValidationException …), its base DynamoDBServiceException named after the error; with
//   `$metadata.httpStatusCode` and `requestId`;
// - it retries as the SDK's standard retry strategy does: at most 3 attempts, on 5xx, throttling
//   and connection errors, with exponential back-off and full jitter;
// - requests are signed with Signature Version 4 (node:crypto, the signing key kept per day), so it
//   works against DynamoDB itself as well as DynamoDB Local (which reads only the access key).
import * as dynamodb from '@aws-sdk/client-dynamodb';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { createHash, createHmac } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { DynamoDbSender } from './types.ts';

export interface LeanClientConfig {
  /** For example DynamoDB Local's http://127.0.0.1:PORT. */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Sockets kept open to the endpoint (the SDK's default is 50). */
  maxSockets?: number;
}

export interface LeanDynamoDbClient extends DynamoDbSender {
  destroy(): void;
}

const SERVICE = 'dynamodb';
const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
const MAX_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 20_000;

/** The SDK's command classes the operations send, by the operation each one names. */
const OPERATION_OF = new Map<unknown, string>(
  [
    dynamodb.GetItemCommand,
    dynamodb.PutItemCommand,
    dynamodb.UpdateItemCommand,
    dynamodb.DeleteItemCommand,
    dynamodb.QueryCommand,
    dynamodb.ScanCommand,
    dynamodb.BatchGetItemCommand,
    dynamodb.BatchWriteItemCommand,
    dynamodb.TransactGetItemsCommand,
    dynamodb.TransactWriteItemsCommand,
  ].map((command) => [command, command.name.replace(/Command$/, '')]),
);

type ExceptionClass = new (options: Record<string, unknown>) => DynamoDBServiceException;

/** Every exception the SDK models, by its name (`ConditionalCheckFailedException` …). */
const MODELLED_EXCEPTIONS = new Map<string, ExceptionClass>();
for (const value of Object.values(dynamodb) as unknown[]) {
  if (typeof value === 'function' && value.prototype instanceof DynamoDBServiceException) {
    MODELLED_EXCEPTIONS.set(value.name, value as ExceptionClass);
  }
}

/** Throttling errors, which the SDK's standard strategy retries (besides 5xx and lost connections). */
const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'TransactionInProgressException',
  'ThrottledException',
  'LimitExceededException',
  'SlowDown',
]);
const RETRIED_CONNECTION_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

interface Answer {
  status: number;
  requestId: string | undefined;
  body: string;
}

export function createLeanDynamoDbClient(config: LeanClientConfig): LeanDynamoDbClient {
  const url = new URL(config.endpoint);
  const secure = url.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: config.maxSockets ?? 50 })
    : new Agent({ keepAlive: true, maxSockets: config.maxSockets ?? 50 });
  const send = secure ? httpsRequest : httpRequest;
  const signer = createRequestSigner(url.host, config.region, config.credentials);

  const post = (operation: string, payload: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers = signer(operation, payload, new Date());
      const outgoing = send(
        { agent, hostname: url.hostname, port: url.port, path: '/', method: 'POST', headers },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              requestId: headerOf(response, 'x-amzn-requestid'),
              body: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });

  return {
    async send(command: { input: unknown }): Promise<never> {
      const operation = OPERATION_OF.get(command.constructor);
      if (operation === undefined) throw new TypeError(`The lean DynamoDB client does not send ${command.constructor.name}.`);
      const payload = JSON.stringify(command.input, encodeBinary);
      for (let attempt = 1; ; attempt += 1) {
        let outcome: unknown;
        try {
          const answer = await post(operation, payload);
          if (answer.status === 200) return parseBody(answer.body) as never;
          outcome = toException(answer);
        } catch (error) {
          outcome = error;
        }
        if (attempt >= MAX_ATTEMPTS || !isRetryable(outcome)) throw outcome;
        await delay(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
      }
    },
    destroy(): void {
      agent.destroy();
    },
  } as LeanDynamoDbClient;
}

/**
 * Signature Version 4 of DynamoDB's POST / with the four headers it needs. What changes per
 * request is the date, the target and the payload's hash; the signing key changes once a day.
 */
export function createRequestSigner(
  host: string,
  region: string,
  credentials: LeanClientConfig['credentials'],
): (operation: string, payload: string, now: Date) => Record<string, string> {
  let keyDate = '';
  let signingKey: Buffer = Buffer.alloc(0);
  return (operation, payload, now) => {
    const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
    const day = amzDate.slice(0, 8);
    if (day !== keyDate) {
      const dateKey = hmac(`AWS4${credentials.secretAccessKey}`, day);
      signingKey = hmac(hmac(hmac(dateKey, region), SERVICE), 'aws4_request');
      keyDate = day;
    }
    const target = `${TARGET_PREFIX}${operation}`;
    const payloadHash = createHash('sha256').update(payload).digest('hex');
    const signedHeaders = 'content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target';
    const canonicalRequest = [
      'POST',
      '/',
      '',
      `content-type:${CONTENT_TYPE}`,
      `host:${host}`,
      `x-amz-content-sha256:${payloadHash}`,
      `x-amz-date:${amzDate}`,
      `x-amz-target:${target}`,
      '',
      signedHeaders,
      payloadHash,
    ].join('\n');
    const scope = `${day}/${region}/${SERVICE}/aws4_request`;
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
    return {
      'content-type': CONTENT_TYPE,
      'content-length': String(Buffer.byteLength(payload)),
      host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate,
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
  };
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** JSON.stringify's replacer: binary values travel as base64, as the SDK sends them. */
function encodeBinary(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  return original instanceof Uint8Array
    ? Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64')
    : value;
}

/**
 * The response's JSON, with `B` and `BS` decoded to Uint8Array. In DynamoDB's JSON a string under
 * `B` (or strings under `BS`) can only be a binary value: an attribute named B holds an object.
 */
function parseBody(body: string): unknown {
  if (body.length === 0) return {};
  return body.includes('"B') ? JSON.parse(body, decodeBinary) : JSON.parse(body);
}

function decodeBinary(key: string, value: unknown): unknown {
  if (key === 'B' && typeof value === 'string') return base64ToBytes(value);
  if (key === 'BS' && Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map(base64ToBytes);
  return value;
}

function base64ToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** DynamoDB's error answer as the SDK would throw it. */
function toException(answer: Answer): DynamoDBServiceException {
  let fields: Record<string, unknown> = {};
  try {
    const parsed = parseBody(answer.body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's page, a cut connection): the status says what happened.
  }
  // `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException`, or `…#Name:extra`.
  const type = typeof fields.__type === 'string' ? fields.__type : '';
  const name = type.split('#').pop()!.split(':')[0] || (answer.status >= 500 ? 'InternalServerError' : 'UnknownError');
  const message =
    typeof fields.message === 'string' ? fields.message : typeof fields.Message === 'string' ? fields.Message : 'UnknownError';
  const $metadata = { httpStatusCode: answer.status, requestId: answer.requestId, attempts: 1, totalRetryDelay: 0 };
  const modelled = MODELLED_EXCEPTIONS.get(name);
  const exception = modelled
    ? new modelled({ ...fields, message, $metadata })
    : new DynamoDBServiceException({ name, $fault: answer.status >= 500 ? 'server' : 'client', message, $metadata });
  // As the SDK decorates it: the body's other fields where the exception has none, and
  // `Message` only as `message`.
  const target = exception as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined && (target[field] === undefined || target[field] === null || target[field] === ''))
      target[field] = value;
  }
  delete target.Message;
  Object.defineProperty(target, 'message', { value: message, enumerable: true, writable: true, configurable: true });
  return exception;
}

function isRetryable(outcome: unknown): boolean {
  if (outcome instanceof DynamoDBServiceException) {
    const status = outcome.$metadata.httpStatusCode ?? 0;
    return status >= 500 || status === 429 || THROTTLING_ERRORS.has(outcome.name);
  }
  const code = (outcome as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRIED_CONNECTION_ERRORS.has(code);
}

function headerOf(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
