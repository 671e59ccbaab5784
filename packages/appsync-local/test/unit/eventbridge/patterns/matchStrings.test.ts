// prefix, suffix, equals-ignore-case, wildcard and every form of anything-but, with the examples
// of the EventBridge user guide ("Comparison operators for use in event patterns") and the
// aws/event-ruler README.
import { describe, expect, it } from 'vitest';
import { ec2StateChange, matches, withDetail } from '../events.ts';

describe('matchesPattern: prefix', () => {
  it('matches the start of a string: time starting with 2017-10-02', () => {
    const pattern = { time: [{ prefix: '2017-10-02' }] };
    expect(matches(pattern, ec2StateChange({}, { time: '2017-10-02T18:43:48Z' }))).toBe(true);
    expect(matches(pattern, ec2StateChange({}, { time: '2017-10-03T18:43:48Z' }))).toBe(false);
  });

  it('matches a region in the US with "us-"', () => {
    expect(matches({ detail: { Region: [{ prefix: 'us-' }] } }, withDetail({ Region: 'us-east-1' }))).toBe(true);
    expect(matches({ detail: { Region: [{ prefix: 'us-' }] } }, withDetail({ Region: 'eu-west-1' }))).toBe(false);
  });

  it('ignores case with { prefix: { equals-ignore-case } }: service starting with "eventb"', () => {
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] } };
    expect(matches(pattern, withDetail({ service: 'EventBridge' }))).toBe(true);
    expect(matches(pattern, withDetail({ service: 'EVENTBRIDGE' }))).toBe(true);
    expect(matches(pattern, withDetail({ service: 'AppSync' }))).toBe(false);
  });

  it('only matches strings', () => {
    expect(matches({ detail: { code: [{ prefix: '12' }] } }, withDetail({ code: 123 }))).toBe(false);
  });
});

describe('matchesPattern: suffix', () => {
  it('matches the end of a string: a FileName ending in .png', () => {
    const pattern = { detail: { FileName: [{ suffix: '.png' }] } };
    expect(matches(pattern, withDetail({ FileName: 'photo.png' }))).toBe(true);
    expect(matches(pattern, withDetail({ FileName: 'photo.PNG' }))).toBe(false);
    expect(matches(pattern, withDetail({ FileName: 'photo.jpg' }))).toBe(false);
  });

  it('matches source ending in ec2 (the README example)', () => {
    expect(matches({ source: [{ suffix: 'ec2' }] }, ec2StateChange())).toBe(true);
  });

  it('ignores case with { suffix: { equals-ignore-case } }: service ending in "tbridge"', () => {
    const pattern = { detail: { service: [{ suffix: { 'equals-ignore-case': 'tbridge' } }] } };
    expect(matches(pattern, withDetail({ service: 'EventBridge' }))).toBe(true);
    expect(matches(pattern, withDetail({ service: 'EVENTBRIDGE' }))).toBe(true);
    expect(matches(pattern, withDetail({ service: 'EventBus' }))).toBe(false);
  });
});

describe('matchesPattern: equals-ignore-case', () => {
  it('matches Name "Alice" with "alice"', () => {
    const pattern = { detail: { Name: [{ 'equals-ignore-case': 'alice' }] } };
    expect(matches(pattern, withDetail({ Name: 'Alice' }))).toBe(true);
    expect(matches(pattern, withDetail({ Name: 'ALICE' }))).toBe(true);
    expect(matches(pattern, withDetail({ Name: 'Alicia' }))).toBe(false);
  });

  it('compares the whole value: source aws.ec2 equals "AWS.EC2" but not "EC2"', () => {
    expect(matches({ source: [{ 'equals-ignore-case': 'AWS.EC2' }] }, ec2StateChange())).toBe(true);
    expect(matches({ source: [{ 'equals-ignore-case': 'EC2' }] }, ec2StateChange())).toBe(false);
  });
});

describe('matchesPattern: wildcard', () => {
  it('matches any run of characters with * (the README Simple*Service example)', () => {
    const pattern = { source: [{ wildcard: 'Simple*Service' }] };
    expect(matches(pattern, ec2StateChange({}, { source: 'SimpleQueueService' }))).toBe(true);
    expect(matches(pattern, ec2StateChange({}, { source: 'SimpleService' }))).toBe(true);
    expect(matches(pattern, ec2StateChange({}, { source: 'SimpleQueueServices' }))).toBe(false);
  });

  it('matches an event bus ARN in any account (the guide example)', () => {
    const pattern = { detail: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] } };
    expect(matches(pattern, withDetail({ EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' }))).toBe(true);
    expect(matches(pattern, withDetail({ EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders' }))).toBe(false);
  });

  it('takes \\* as a literal asterisk and \\\\ as a literal backslash', () => {
    expect(matches({ detail: { k: [{ wildcard: 'a\\*b' }] } }, withDetail({ k: 'a*b' }))).toBe(true);
    expect(matches({ detail: { k: [{ wildcard: 'a\\*b' }] } }, withDetail({ k: 'axb' }))).toBe(false);
    expect(matches({ detail: { k: [{ wildcard: 'a\\\\*' }] } }, withDetail({ k: 'a\\anything' }))).toBe(true);
  });

  it('treats regular-expression characters as themselves', () => {
    expect(matches({ detail: { k: [{ wildcard: 'file.(1)*' }] } }, withDetail({ k: 'file.(1).txt' }))).toBe(true);
    expect(matches({ detail: { k: [{ wildcard: 'file.(1)*' }] } }, withDetail({ k: 'fileX(1).txt' }))).toBe(false);
  });
});

describe('matchesPattern: anything-but', () => {
  it('matches any value but a string: state other than "initializing"', () => {
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(matches(pattern, ec2StateChange({ state: 'running' }))).toBe(true);
    expect(matches(pattern, ec2StateChange({ state: 'initializing' }))).toBe(false);
  });

  it('matches any value but a number: x-limit other than 123', () => {
    const pattern = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };
    expect(matches(pattern, ec2StateChange())).toBe(true);
    expect(matches(pattern, ec2StateChange({ 'x-limit': 123 }))).toBe(false);
  });

  it('matches any value but those of a list of strings, or of numbers', () => {
    expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, ec2StateChange())).toBe(true);
    expect(
      matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, ec2StateChange({ state: 'stopped' })),
    ).toBe(false);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, ec2StateChange())).toBe(true);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, ec2StateChange({ 'x-limit': 200 }))).toBe(
      false,
    );
  });

  it('does not match a missing field', () => {
    expect(matches({ detail: { absent: [{ 'anything-but': 'x' }] } }, ec2StateChange())).toBe(false);
  });

  it('matches an event array when any element is not excluded', () => {
    const pattern = { detail: { tags: [{ 'anything-but': 'a' }] } };
    expect(matches(pattern, withDetail({ tags: ['a', 'b'] }))).toBe(true);
    expect(matches(pattern, withDetail({ tags: ['a'] }))).toBe(false);
  });

  it('with prefix: state not starting with "init"; Region not in the US', () => {
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, ec2StateChange())).toBe(true);
    expect(
      matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, ec2StateChange({ state: 'initializing' })),
    ).toBe(false);
    expect(matches({ detail: { Region: [{ 'anything-but': { prefix: 'us-' } }] } }, withDetail({ Region: 'eu-west-1' }))).toBe(
      true,
    );
    expect(matches({ detail: { Region: [{ 'anything-but': { prefix: 'us-' } }] } }, withDetail({ Region: 'us-east-1' }))).toBe(
      false,
    );
  });

  it('with suffix: FileName not ending in .png', () => {
    const pattern = { detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } };
    expect(matches(pattern, withDetail({ FileName: 'photo.jpg' }))).toBe(true);
    expect(matches(pattern, withDetail({ FileName: 'photo.png' }))).toBe(false);
  });

  it('with equals-ignore-case: state other than "initializing" in any casing, one value or a list', () => {
    const one = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } };
    expect(matches(one, ec2StateChange())).toBe(true);
    expect(matches(one, ec2StateChange({ state: 'INITIALIZING' }))).toBe(false);
    const list = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] } };
    expect(matches(list, ec2StateChange({ state: 'Stopped' }))).toBe(false);
    expect(matches(list, ec2StateChange({ state: 'running' }))).toBe(true);
  });

  it('with wildcard: FilePath not including /lib/, one value or a list', () => {
    const one = { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } };
    expect(matches(one, withDetail({ FilePath: '/usr/bin/node' }))).toBe(true);
    expect(matches(one, withDetail({ FilePath: '/usr/lib/node' }))).toBe(false);
    const list = { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } };
    expect(matches(list, withDetail({ FilePath: '/usr/bin/node' }))).toBe(false);
    expect(matches(list, withDetail({ FilePath: '/home/me/node' }))).toBe(true);
  });
});
