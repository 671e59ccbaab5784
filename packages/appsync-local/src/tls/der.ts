// The few ASN.1 DER encodings an X.509 certificate needs (ITU-T X.690): each function returns one
// complete TLV (tag, length, value).
import { isIP } from 'node:net';

const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  objectIdentifier: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  utcTime: 0x17,
  generalizedTime: 0x18,
} as const;

export function encode(tag: number, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(value.length), value]);
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function sequence(...members: Uint8Array[]): Buffer {
  return encode(TAG.sequence, Buffer.concat(members));
}

export function set(...members: Uint8Array[]): Buffer {
  return encode(TAG.set, Buffer.concat(members));
}

export function boolean(value: boolean): Buffer {
  return encode(TAG.boolean, Buffer.from([value ? 0xff : 0x00]));
}

/** A non-negative integer given as its big-endian bytes (a leading zero is added when the top bit is set). */
export function unsignedInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = Buffer.from(bytes.subarray(start));
  return encode(TAG.integer, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export function smallInteger(value: number): Buffer {
  return unsignedInteger(Buffer.from([value]));
}

export function bitString(bytes: Uint8Array): Buffer {
  return encode(TAG.bitString, Buffer.concat([Buffer.from([0]), bytes]));
}

/** A BIT STRING of named bits (bit 0 first), as KeyUsage has: trailing zero bits are dropped. */
export function namedBits(bits: readonly number[]): Buffer {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)]! |= 0x80 >> (bit % 8);
  const unused = 7 - (highest % 8);
  return encode(TAG.bitString, Buffer.concat([Buffer.from([unused]), bytes]));
}

export function octetString(bytes: Uint8Array): Buffer {
  return encode(TAG.octetString, bytes);
}

export function utf8String(text: string): Buffer {
  return encode(TAG.utf8String, Buffer.from(text, 'utf8'));
}

export function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) base128.unshift((value & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return encode(TAG.objectIdentifier, Buffer.from(bytes));
}

/** X.509's Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
export function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  return date.getUTCFullYear() < 2050
    ? encode(TAG.utcTime, Buffer.from(`${iso.slice(2)}Z`, 'ascii'))
    : encode(TAG.generalizedTime, Buffer.from(`${iso}Z`, 'ascii'));
}

/** `[n] EXPLICIT`: a constructed context-specific tag around one complete TLV. */
export function explicit(n: number, inner: Uint8Array): Buffer {
  return encode(0xa0 | n, inner);
}

/** A GeneralName of a subjectAltName: dNSName [2] or iPAddress [7] (4 or 16 bytes). */
export function generalName(host: string): Buffer {
  const version = isIP(host);
  if (version === 0) return encode(0x82, Buffer.from(host, 'ascii'));
  return encode(0x87, version === 4 ? Buffer.from(host.split('.').map(Number)) : ipv6Bytes(host));
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const groups = (part: string | undefined): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const start = groups(head);
  const end = groups(tail);
  const words = tail === undefined ? start : [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end];
  const bytes = Buffer.alloc(16);
  words.forEach((word, i) => bytes.writeUInt16BE(word, i * 2));
  return bytes;
}
