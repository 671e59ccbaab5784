// The local S3, driven by the real @aws-sdk/client-s3 client and presigner, as the invoices
// feature will store PDFs and hand out download links.
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPortFree } from '../../../src/ports.ts';
import {
  LOCAL_S3_CREDENTIALS,
  startLocalS3,
  toPutEventsEntry,
  type LocalS3,
  type ObjectCreatedEvent,
} from '../../../src/s3/index.ts';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const BUCKET = 'invoices';

let s3: LocalS3;
let client: S3Client;
const events: ObjectCreatedEvent[] = [];

beforeAll(async () => {
  s3 = await startLocalS3({
    buckets: [BUCKET],
    region: REGION,
    accountId: ACCOUNT,
    onObjectCreated: (event) => events.push(event),
  });
  client = new S3Client({ endpoint: s3.endpoint, region: REGION, forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS });
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});
beforeEach(() => {
  events.length = 0;
});

describe('startLocalS3', () => {
  it('stores an object and gives it back', async () => {
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'o-1/invoice.pdf', Body: '%PDF-1.7 hello', ContentType: 'application/pdf' }),
    );
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'o-1/invoice.pdf' }));
    expect(object.ContentType).toBe('application/pdf');
    expect(await object.Body?.transformToString()).toBe('%PDF-1.7 hello');
  });

  it('answers 404 NoSuchKey for a key that does not exist', async () => {
    const failure = await client
      .send(new GetObjectCommand({ Bucket: BUCKET, Key: 'missing.pdf' }))
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
  });

  it('serves a presigned GET within its expiry and refuses it with 403 after', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'o-2/invoice (copy) 1=1.pdf', Body: 'pdf bytes' }));
    // X-Amz-Date has whole seconds: presigned late in a second, a 1-second URL would have ms left.
    await sleep(1000 - (Date.now() % 1000));
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'o-2/invoice (copy) 1=1.pdf' }), {
      expiresIn: 1,
    });
    const inTime = await fetch(url);
    expect(inTime.status).toBe(200);
    expect(await inTime.text()).toBe('pdf bytes');
    await sleep(2100);
    const late = await fetch(url);
    expect(late.status).toBe(403);
    const body = await late.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('Request has expired');
  });

  it('refuses with 403 SignatureDoesNotMatch a presigned URL whose expiry or key was edited', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'o-6/invoice.pdf', Body: 'mine' }));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'o-7/invoice.pdf', Body: 'theirs' }));
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'o-6/invoice.pdf' }), { expiresIn: 60 });
    for (const forged of [url.replace('X-Amz-Expires=60', 'X-Amz-Expires=604800'), url.replace('o-6/', 'o-7/')]) {
      const response = await fetch(forged);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    }
    expect((await fetch(url)).status).toBe(200);
  });

  it('sends an "Object Created" event shaped as S3 sends it to EventBridge for each PutObject', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'o-3/invoice.pdf', Body: 'hello' }));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'o-4/invoice.pdf', Body: 'world!' }));
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: ACCOUNT,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: REGION,
      resources: [`arn:aws:s3:::${BUCKET}`],
      detail: {
        version: '0',
        bucket: { name: BUCKET },
        object: { key: 'o-3/invoice.pdf', size: 5, etag: '5d41402abc4b2a76b9719d911017c592', sequencer: expect.any(String) },
        'request-id': expect.any(String),
        requester: ACCOUNT,
        'source-ip-address': '127.0.0.1',
        reason: 'PutObject',
      },
    });
    expect(events[1]?.detail.object).toMatchObject({ key: 'o-4/invoice.pdf', size: 6 });
  });

  it('sends one event with the reason CompleteMultipartUpload for a multipart upload', async () => {
    const Key = 'o-5/large.pdf';
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    const part = Buffer.alloc(5 * 1024 * 1024, 'a');
    const first = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: part }));
    const second = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 2, Body: 'tail' }));
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: first.ETag },
            { PartNumber: 2, ETag: second.ETag },
          ],
        },
      }),
    );
    expect(events.map((event) => [event.detail.object.key, event.detail.reason])).toEqual([[Key, 'CompleteMultipartUpload']]);
    expect(events[0]?.detail.object.size).toBe(part.length + 4);
  });

  it('sends an event with the reason CopyObject, without etag, for a copy', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'o-8/original.pdf', Body: 'copied' }));
    await client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'o-8/copy.pdf', CopySource: `${BUCKET}/o-8/original.pdf` }));
    expect(events.map((event) => event.detail.reason)).toEqual(['PutObject', 'CopyObject']);
    expect(events[1]?.detail.object).toEqual({ key: 'o-8/copy.pdf', size: 6, sequencer: expect.any(String) });
  });

  it('turns an event into a PutEvents entry for the default bus', () => {
    const entry = toPutEventsEntry({
      version: '0',
      id: 'x',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: ACCOUNT,
      time: '2026-12-05T10:00:00Z',
      region: REGION,
      resources: [`arn:aws:s3:::${BUCKET}`],
      detail: {
        version: '0',
        bucket: { name: BUCKET },
        object: { key: 'k', size: 1, etag: 'e', sequencer: 's' },
        'request-id': 'r',
        requester: ACCOUNT,
        'source-ip-address': '127.0.0.1',
        reason: 'PutObject',
      },
    });
    expect(entry).toMatchObject({
      EventBusName: 'default',
      Source: 'aws.s3',
      DetailType: 'Object Created',
      Resources: [`arn:aws:s3:::${BUCKET}`],
    });
    expect(JSON.parse(entry.Detail ?? '')).toMatchObject({ object: { key: 'k' }, reason: 'PutObject' });
  });

  it('frees its port on close', async () => {
    const other = await startLocalS3({ buckets: [], region: REGION, accountId: ACCOUNT });
    await other.close();
    expect(await isPortFree(other.port)).toBe(true);
  });
});
