// IPv4 and IPv6 addresses and CIDR blocks, as the `cidr` operator (and exact values that are IP
// addresses) compare them: by address, not by spelling.
import { invalidPattern } from '../errors.ts';

export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface IpRange {
  version: 4 | 6;
  first: bigint;
  last: bigint;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

function parseIpv4(text: string): bigint | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const part of match.slice(1)) {
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!text.includes(':')) return undefined;
  let groups = text;
  let tail: bigint[] = [];
  // An IPv4 address may end an IPv6 address (::ffff:10.0.0.1).
  const lastColon = text.lastIndexOf(':');
  const embedded = parseIpv4(text.slice(lastColon + 1));
  if (embedded !== undefined) {
    groups = `${text.slice(0, lastColon + 1)}0:0`;
    tail = [embedded >> 16n, embedded & 0xffffn];
  }
  const halves = groups.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const rest = halves.length === 2 ? (halves[1] === '' ? [] : (halves[1] ?? '').split(':')) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((group) => IPV6_GROUP.test(group))) return undefined;
  let value = 0n;
  all.forEach((group, index) => {
    const fromTail = tail.length > 0 && index >= 6 ? tail[index - 6] : undefined;
    value = (value << 16n) | (fromTail ?? BigInt(parseInt(group, 16)));
  });
  return value;
}

export function parseCidr(text: string): IpRange {
  const parts = text.split('/');
  if (parts.length !== 2) throw invalidPattern(`Malformed CIDR, one '/' required: ${text}`);
  const [addressText = '', bitsText = ''] = parts;
  const address = parseIp(addressText);
  if (!address) throw invalidPattern(`Nonstandard IP address: ${addressText}`);
  if (!/^\d+$/.test(bitsText)) throw invalidPattern(`Malformed CIDR, mask bits must be an integer: ${text}`);
  const width = address.version === 4 ? 32 : 128;
  const bits = Number(bitsText);
  if (bits > width) throw invalidPattern(`Malformed CIDR, mask bits must be between 0 and ${width}: ${text}`);
  const hostBits = BigInt(width - bits);
  const first = (address.value >> hostBits) << hostBits;
  return { version: address.version, first, last: first + (1n << hostBits) - 1n };
}

export function isInRange(address: IpAddress, range: IpRange): boolean {
  return address.version === range.version && address.value >= range.first && address.value <= range.last;
}
