// SHA-256 and HMAC-SHA256 for @smithy/signature-v4 (its `sha256` option), computed by node:crypto
// (OpenSSL). The AWS SDK's own choice for browsers, @aws-crypto/sha256-js, hashes in JavaScript:
// signing one request hashes the payload, the canonical request and the string to sign and runs
// an HMAC for the signing key's cache, which made it most of a signature's cost. The digests are
// the same bytes; test/unit/platform/signedFetch.test.ts holds the two against each other.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/** What @smithy/signature-v4 may pass as a key: the `AWS4…` secret, then each derived key. */
export type HashKey = string | ArrayBuffer | ArrayBufferView;

/** A smithy `Checksum`: `new Sha256()` hashes, `new Sha256(key)` computes an HMAC with the key. */
export class Sha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: HashKey) {
    this.hash = this.start();
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }

  reset(): void {
    this.hash = this.start();
  }

  // As @aws-crypto/sha256-js decides: any key given (even an empty array) makes it an HMAC, except ''.
  private start(): Hash | Hmac {
    return this.secret ? createHmac('sha256', keyBytes(this.secret)) : createHash('sha256');
  }
}

function keyBytes(key: HashKey): string | Uint8Array {
  if (typeof key === 'string') return key;
  if (key instanceof ArrayBuffer) return new Uint8Array(key);
  return new Uint8Array(key.buffer, key.byteOffset, key.byteLength);
}
