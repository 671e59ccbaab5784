// numeric and cidr, with the examples of the EventBridge user guide and the aws/event-ruler README.
import { describe, expect, it } from 'vitest';
import { ec2StateChange, matches, withDetail } from '../events.ts';

describe('matchesPattern: numeric', () => {
  // The guide's example: true for all three fields of the sample event (5, 3, 301.8).
  const pattern = {
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  };

  it('matches the sample event', () => {
    expect(matches(pattern, ec2StateChange())).toBe(true);
  });

  it('honours open and closed bounds', () => {
    expect(matches(pattern, ec2StateChange({ 'c-count': 0 }))).toBe(false);
    expect(matches(pattern, ec2StateChange({ 'c-count': 0.000001 }))).toBe(true);
    expect(matches(pattern, ec2StateChange({ 'c-count': 5.000001 }))).toBe(false);
    expect(matches(pattern, ec2StateChange({ 'd-count': 10 }))).toBe(false);
    expect(matches(pattern, ec2StateChange({ 'd-count': -1e9 }))).toBe(true);
  });

  it('matches = with the same number however it is written', () => {
    expect(matches(pattern, ec2StateChange({ 'x-limit': 301.8 }))).toBe(true);
    expect(matches(pattern, ec2StateChange({ 'x-limit': 301.81 }))).toBe(false);
  });

  it('handles >= and <= alone', () => {
    expect(matches({ detail: { n: [{ numeric: ['>=', 10] }] } }, withDetail({ n: 10 }))).toBe(true);
    expect(matches({ detail: { n: [{ numeric: ['<=', 10] }] } }, withDetail({ n: 10.5 }))).toBe(false);
  });

  it('only matches JSON numbers, not numeric strings', () => {
    expect(matches({ detail: { 'c-count': [{ numeric: ['>', 0] }] } }, ec2StateChange({ 'c-count': '5' }))).toBe(false);
  });

  it('never matches event numbers beyond ±5e9 or with more than six decimals', () => {
    expect(matches({ detail: { n: [{ numeric: ['>', 0] }] } }, withDetail({ n: 5e9 + 1 }))).toBe(false);
    expect(matches({ detail: { n: [{ numeric: ['>', 0] }] } }, withDetail({ n: 0.0000001 }))).toBe(false);
  });

  it('matches any element of an event array', () => {
    expect(matches({ detail: { n: [{ numeric: ['>', 100] }] } }, withDetail({ n: [1, 2, 300] }))).toBe(true);
  });
});

describe('matchesPattern: cidr', () => {
  it('matches IPv4 addresses in a block: 10.0.0.0/24 (the guide example)', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };
    expect(matches(pattern, withDetail({ sourceIPAddress: '10.0.0.0' }))).toBe(true);
    expect(matches(pattern, withDetail({ sourceIPAddress: '10.0.0.255' }))).toBe(true);
    expect(matches(pattern, withDetail({ sourceIPAddress: '10.0.1.0' }))).toBe(false);
    expect(matches(pattern, withDetail({ sourceIPAddress: 'not an address' }))).toBe(false);
  });

  it('matches the README source-ip with 10.0.0.0/8', () => {
    expect(matches({ detail: { 'source-ip': [{ cidr: '10.0.0.0/8' }] } }, ec2StateChange())).toBe(true);
  });

  it('matches IPv6 addresses, however they are abbreviated', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } };
    expect(matches(pattern, withDetail({ sourceIPAddress: '2001:db8:0:0:0:0:0:1' }))).toBe(true);
    expect(matches(pattern, withDetail({ sourceIPAddress: '2001:DB8::ffff' }))).toBe(true);
    expect(matches(pattern, withDetail({ sourceIPAddress: '2001:db9::1' }))).toBe(false);
  });

  it('keeps IPv4 and IPv6 apart', () => {
    expect(matches({ detail: { ip: [{ cidr: '::/0' }] } }, withDetail({ ip: '10.0.0.1' }))).toBe(false);
  });

  it('compares an exact IP value by address', () => {
    expect(matches({ detail: { ip: ['2001:db8::1'] } }, withDetail({ ip: '2001:0db8:0000:0000:0000:0000:0000:0001' }))).toBe(
      true,
    );
  });
});
