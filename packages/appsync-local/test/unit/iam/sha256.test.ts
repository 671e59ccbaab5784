import { Sha256 as JsSha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { Sha256, type HashKey } from '../../../src/iam/sha256.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

async function digests(key: HashKey | undefined, chunks: Uint8Array[]): Promise<[string, string]> {
  const ours = new Sha256(key);
  const reference = new JsSha256(key);
  for (const chunk of chunks) {
    ours.update(chunk);
    reference.update(chunk);
  }
  return [Buffer.from(await ours.digest()).toString('hex'), Buffer.from(await reference.digest()).toString('hex')];
}

describe('Sha256 (node:crypto)', () => {
  it.each([
    ['nothing', []],
    ['one chunk', [bytes('POST\n/graphql\n\nhost:example.com\n')]],
    ['several chunks, one empty', [bytes('a'), new Uint8Array(0), bytes('é'.repeat(200))]],
  ])('hashes %s to the bytes @aws-crypto/sha256-js gives', async (_label, chunks) => {
    const [ours, reference] = await digests(undefined, chunks);
    expect(ours).toBe(reference);
  });

  it.each<[string, HashKey]>([
    ['a string key', 'AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['a key of bytes', bytes('derived-key')],
    ['a key longer than a block', 'k'.repeat(100)],
    ['a view into a larger buffer', new Uint8Array(Buffer.from('xxsecretxx').buffer, 2, 6)],
    ['an empty byte key', new Uint8Array(0)],
    ['an empty string key, which means no key', ''],
  ])('computes an HMAC with %s as @aws-crypto/sha256-js does', async (_label, key) => {
    const [ours, reference] = await digests(key, [bytes('20240501'), bytes('/eu-west-1')]);
    expect(ours).toBe(reference);
  });

  it('starts over after reset', async () => {
    const hash = new Sha256('key');
    hash.update(bytes('discarded'));
    hash.reset();
    hash.update(bytes('kept'));
    const [, reference] = await digests('key', [bytes('kept')]);
    expect(Buffer.from(await hash.digest()).toString('hex')).toBe(reference);
  });

  it('makes @smithy/signature-v4 sign byte for byte as with @aws-crypto/sha256-js', async () => {
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+example', sessionToken: 'token' };
    const request = () =>
      new HttpRequest({
        method: 'POST',
        hostname: 'example.com',
        path: '/prod/a b/é',
        query: { q: 'x y', list: ['1', '2'] },
        headers: { host: 'example.com', 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'é'.repeat(100) }),
      });
    const signingDate = new Date('2024-05-01T10:00:00Z');
    const sign = (sha256: typeof Sha256 | typeof JsSha256) =>
      new SignatureV4({ service: 'execute-api', region: 'eu-west-1', credentials, sha256 }).sign(request(), { signingDate });
    const [ours, reference] = await Promise.all([sign(Sha256), sign(JsSha256)]);
    expect(ours.headers).toEqual(reference.headers);
    const presign = (sha256: typeof Sha256 | typeof JsSha256) =>
      new SignatureV4({ service: 'appsync', region: 'eu-west-1', credentials, sha256 }).presign(request(), { signingDate });
    expect((await presign(Sha256)).query).toEqual((await presign(JsSha256)).query);
  });
});
