// util.autoId (UUID v4), util.autoUlid (ULID) and util.autoKsuid (KSUID).
import { randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID timestamps count seconds from 2014-05-13T16:53:20Z. */
const KSUID_EPOCH_SECONDS = 1_400_000_000;
const KSUID_LENGTH = 27;

/** A random (version 4) UUID in lower case, e.g. "3d0c8f0e-9a1b-4c5d-8e7f-0123456789ab". */
export function autoId(): string {
  return randomUUID();
}

/**
 * A ULID: 26 Crockford base32 characters, the first 10 the millisecond timestamp (so ULIDs sort
 * by creation time), the last 16 eighty random bits.
 */
export function autoUlid(now: number = Date.now()): string {
  return encodeUlidTime(now) + encodeUlidRandomness(randomBytes(10));
}

function encodeUlidTime(milliseconds: number): string {
  let remaining = Math.floor(milliseconds);
  let encoded = '';
  for (let index = 0; index < 10; index += 1) {
    encoded = CROCKFORD_BASE32.charAt(remaining % 32) + encoded;
    remaining = Math.floor(remaining / 32);
  }
  return encoded;
}

function encodeUlidRandomness(bytes: Uint8Array): string {
  let bits = 0n;
  for (const byte of bytes) {
    bits = (bits << 8n) | BigInt(byte);
  }
  let encoded = '';
  for (let index = 0; index < 16; index += 1) {
    encoded = CROCKFORD_BASE32.charAt(Number(bits & 31n)) + encoded;
    bits >>= 5n;
  }
  return encoded;
}

/**
 * A KSUID: 20 bytes (a 4-byte big-endian timestamp in seconds since the KSUID epoch, then 16
 * random bytes) written in base62 and left-padded with '0' to 27 characters.
 */
export function autoKsuid(now: number = Date.now()): string {
  const payload = Buffer.alloc(20);
  payload.writeUInt32BE(Math.floor(now / 1000) - KSUID_EPOCH_SECONDS, 0);
  randomBytes(16).copy(payload, 4);
  return encodeBase62(payload).padStart(KSUID_LENGTH, '0');
}

function encodeBase62(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) {
    value = (value << 8n) | BigInt(byte);
  }
  let encoded = '';
  while (value > 0n) {
    encoded = BASE62.charAt(Number(value % 62n)) + encoded;
    value /= 62n;
  }
  return encoded;
}
