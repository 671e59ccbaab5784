// A local S3 for the SDK's own S3 client: s3rver (path-style, objects in a temporary directory
// removed on close) behind a node:http server of ours, which names the API call behind each
// stored object so that s3rver's notifications become S3's EventBridge "Object Created" events.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver, { type S3rverEvent } from 's3rver';
import { listen, type RunningServer } from '../appsync/server.ts';
import {
  buildObjectCreatedEvent,
  OBJECT_CREATED_REASONS,
  type ObjectCreatedEvent,
  type ObjectCreatedReason,
} from './objectCreatedEvent.ts';
import { checkPresignedSignature, SIGNATURE_DOES_NOT_MATCH_MESSAGE } from './presignedUrl.ts';

/** The only key pair s3rver 3.7.1 knows (its "dummy account"); any other key is InvalidAccessKeyId. */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalS3Options {
  /** 0 or omitted: any free port. */
  port?: number;
  host?: string;
  /** Created empty at start. */
  buckets: readonly string[];
  region: string;
  /** The bucket owner's account: the events' `account` and `requester`. */
  accountId: string;
  /** Called once for each object stored (PutObject, POST, CopyObject, CompleteMultipartUpload). */
  onObjectCreated?: (event: ObjectCreatedEvent) => void;
  /** A folder to keep the objects in across restarts; absent, a temporary one removed on close. */
  directory?: string;
}

export interface LocalS3 {
  /** `http://127.0.0.1:PORT`: the `endpoint` of an S3Client with `forcePathStyle: true`. */
  readonly endpoint: string;
  readonly port: number;
  /** Frees the port, and removes every object unless they are kept in `directory`. */
  close(): Promise<void>;
}

export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const temporary = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'appsync-local-s3-')));
  if (!temporary) await mkdir(directory, { recursive: true });
  const s3rver = new S3rver({
    directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const requests = new AsyncLocalStorage<ObjectCreatedReason | undefined>();
  s3rver.on('event', (notification) => {
    // s3rver emits while handling the request, so the request's reason is at hand.
    const event = toObjectCreatedEvent(notification, requests.getStore(), options);
    if (event) options.onObjectCreated?.(event);
  });
  let server: RunningServer;
  try {
    await s3rver.configureBuckets();
    const handle = s3rver.callback();
    server = await listen(
      (request, response) => {
        try {
          if (refusePresignedForgery(request, response)) return;
          requests.run(reasonOf(request), () => handle(request, response));
        } catch (error) {
          console.error('local S3: unexpected error', error);
          response.writeHead(500).end();
        }
      },
      options.port ?? 0,
      options.host,
    );
  } catch (error) {
    await release(s3rver, temporary ? directory : undefined);
    throw error;
  }
  return {
    endpoint: server.url,
    port: server.port,
    async close() {
      await server.close();
      await release(s3rver, temporary ? directory : undefined);
    },
  };
}

/** Closes s3rver's logger, and removes `directory` when the objects are not to be kept. */
async function release(s3rver: S3rver, directory: string | undefined): Promise<void> {
  s3rver.logger.exceptions.unhandle();
  s3rver.logger.close();
  if (directory) await rm(directory, { recursive: true, force: true });
}

/** Answers 403 SignatureDoesNotMatch, as S3 does, for a presigned URL whose signature is wrong. */
function refusePresignedForgery(request: IncomingMessage, response: ServerResponse): boolean {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return false;
  const check = checkPresignedSignature(
    {
      method: request.method ?? 'GET',
      rawPath: url.slice(0, queryStart),
      query: new URLSearchParams(url.slice(queryStart + 1)),
      headers: request.headers,
    },
    (accessKeyId) => (accessKeyId === LOCAL_S3_CREDENTIALS.accessKeyId ? LOCAL_S3_CREDENTIALS.secretAccessKey : undefined),
  );
  if (check !== 'signatureDoesNotMatch') return false;
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  response.writeHead(403, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
  response.end(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>SignatureDoesNotMatch</Code><Message>${SIGNATURE_DOES_NOT_MATCH_MESSAGE}</Message>` +
      `<RequestId>${requestId}</RequestId></Error>`,
  );
  return true;
}

/** The API call a request is, as `detail.reason` names it; undefined for calls that create nothing. */
function reasonOf(request: IncomingMessage): ObjectCreatedReason | undefined {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  if (request.method === 'PUT' && !query.has('partNumber')) {
    return request.headers['x-amz-copy-source'] ? OBJECT_CREATED_REASONS.copy : OBJECT_CREATED_REASONS.put;
  }
  if (request.method === 'POST') {
    return query.has('uploadId') ? OBJECT_CREATED_REASONS.completeMultipartUpload : OBJECT_CREATED_REASONS.post;
  }
  return undefined;
}

function toObjectCreatedEvent(
  notification: S3rverEvent,
  reason: ObjectCreatedReason | undefined,
  options: LocalS3Options,
): ObjectCreatedEvent | undefined {
  const record = notification.Records[0];
  if (!record?.eventName.startsWith('ObjectCreated:') || reason === undefined) return undefined;
  return buildObjectCreatedEvent({
    bucket: record.s3.bucket.name,
    key: record.s3.object.key,
    size: Number(record.s3.object.size ?? 0),
    etag: record.s3.object.eTag,
    sequencer: record.s3.object.sequencer,
    requestId: record.responseElements['x-amz-request-id'],
    sourceIpAddress: record.requestParameters.sourceIPAddress.replace(/^::ffff:/, ''),
    reason,
    accountId: options.accountId,
    region: options.region,
    time: new Date(),
  });
}
