import { Sha256 as JsSha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../../../../backend-services/platform/sha256.ts';

const hex = async (hash: { digest(): Promise<Uint8Array> }) => Buffer.from(await hash.digest()).toString('hex');

describe('Sha256 (node:crypto), the hash signedFetch signs with', () => {
  it('hashes and computes HMACs to the bytes @aws-crypto/sha256-js gives', async () => {
    const data = new TextEncoder().encode('é'.repeat(300));
    for (const key of [undefined, '', 'AWS4secret', new Uint8Array([1, 2, 3]), new Uint8Array(0), 'k'.repeat(100)]) {
      const ours = new Sha256(key);
      const reference = new JsSha256(key);
      ours.update(data);
      reference.update(data);
      expect(await hex(ours)).toBe(await hex(reference));
    }
  });

  it('makes @smithy/signature-v4 sign byte for byte as with @aws-crypto/sha256-js', async () => {
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+example', sessionToken: 'token' };
    const sign = (sha256: typeof Sha256 | typeof JsSha256) =>
      new SignatureV4({ service: 'execute-api', region: 'eu-west-1', credentials, sha256 }).sign(
        new HttpRequest({
          method: 'POST',
          hostname: 'example.com',
          path: '/prod/orders',
          query: { q: 'x y' },
          headers: { host: 'example.com', 'content-type': 'application/json' },
          body: JSON.stringify({ note: 'é' }),
        }),
        { signingDate: new Date('2024-05-01T10:00:00Z') },
      );
    expect((await sign(Sha256)).headers).toEqual((await sign(JsSha256)).headers);
  });
});
