// Exact values, lists, nesting, null and empty strings, exists and $or, with the examples of the
// EventBridge user guide ("Event patterns", "Arrays", "Null values and empty strings",
// "Comparison operators") and the aws/event-ruler README.
import { describe, expect, it } from 'vitest';
import { ec2StateChange, matches, withDetail } from '../events.ts';

describe('matchesPattern: exact values', () => {
  const pattern = {
    'detail-type': ['EC2 Instance State-change Notification'],
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
    detail: { state: ['initializing', 'running'] },
  };

  it('matches when every field of the pattern matches one of its values (the README simple example)', () => {
    expect(matches(pattern, ec2StateChange())).toBe(true);
    expect(matches(pattern, ec2StateChange({ state: 'initializing' }))).toBe(true);
  });

  it('does not match when one field has none of its values', () => {
    expect(matches(pattern, ec2StateChange({ state: 'stopped' }))).toBe(false);
  });

  it('does not match when a field of the pattern is missing from the event', () => {
    expect(matches({ detail: { missing: ['x'] } }, ec2StateChange())).toBe(false);
  });

  it('compares numbers, booleans and null by value and type', () => {
    const event = withDetail({ count: 300, enabled: true, owner: null, label: '300' });
    expect(matches({ detail: { count: [3.0e2] } }, event)).toBe(true);
    expect(matches({ detail: { count: ['300'] } }, event)).toBe(false);
    expect(matches({ detail: { label: [300] } }, event)).toBe(false);
    expect(matches({ detail: { enabled: [true] } }, event)).toBe(true);
    expect(matches({ detail: { enabled: ['true'] } }, event)).toBe(false);
    expect(matches({ detail: { owner: [null] } }, event)).toBe(true);
  });

  it('is case sensitive', () => {
    expect(matches({ source: ['AWS.EC2'] }, ec2StateChange())).toBe(false);
  });

  it('matches nested objects field by field', () => {
    const event = withDetail({ bucket: { name: 'photos' }, object: { key: 'a.png' } });
    expect(matches({ detail: { bucket: { name: ['photos'] }, object: { key: ['a.png'] } } }, event)).toBe(true);
    expect(matches({ detail: { bucket: { name: ['videos'] } } }, event)).toBe(false);
  });
});

describe('matchesPattern: arrays', () => {
  // The "Arrays in Amazon EventBridge event patterns" example.
  const pattern = {
    resources: [
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
    ],
  };

  it('matches when the event array and the pattern array intersect', () => {
    const event = ec2StateChange(
      {},
      {
        resources: [
          'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        ],
      },
    );
    expect(matches(pattern, event)).toBe(true);
  });

  it('does not match when they do not intersect, or the event array is empty', () => {
    expect(matches(pattern, ec2StateChange())).toBe(false);
    expect(matches(pattern, ec2StateChange({}, { resources: [] }))).toBe(false);
  });

  it('matches fields of objects inside an event array (the README employees example)', () => {
    const event = withDetail({
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    });
    expect(matches({ detail: { employees: { firstName: ['Anna'] } } }, event)).toBe(true);
    expect(matches({ detail: { employees: { firstName: ['Anna'], lastName: ['Smith'] } } }, event)).toBe(true);
  });

  it('does not combine fields from different elements of one array', () => {
    const event = withDetail({
      employees: [[{ firstName: 'John' }, { firstName: 'Anna', lastName: 'Smith' }], [{ firstName: 'Peter', lastName: 'Jones' }]],
    });
    expect(matches({ detail: { employees: { firstName: ['Anna'], lastName: ['Jones'] } } }, event)).toBe(false);
    expect(matches({ detail: { employees: { firstName: ['Peter'], lastName: ['Jones'] } } }, event)).toBe(true);
  });
});

describe('matchesPattern: null values and empty strings', () => {
  // The "Matching null values and empty strings" example.
  const event = withDetail(
    { eventVersion: '', responseElements: null },
    { 'detail-type': 'EC2 Instance Launch Successful', source: 'aws.autoscaling', resources: [] },
  );

  it('matches an empty string with [""]', () => {
    expect(matches({ detail: { eventVersion: [''] } }, event)).toBe(true);
  });

  it('matches null with [null]', () => {
    expect(matches({ detail: { responseElements: [null] } }, event)).toBe(true);
  });

  it('does not take null for an empty string or the other way round', () => {
    expect(matches({ detail: { responseElements: [''] } }, event)).toBe(false);
    expect(matches({ detail: { eventVersion: [null] } }, event)).toBe(false);
  });

  it('does not take a missing field for null', () => {
    expect(matches({ detail: { absent: [null] } }, event)).toBe(false);
  });
});

describe('matchesPattern: exists', () => {
  it('matches a present field with exists: true, and not an absent one', () => {
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, ec2StateChange())).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, withDetail({ state: 'running' }))).toBe(false);
  });

  it('matches an absent field with exists: false (the guide example)', () => {
    const event = withDetail({ state: ['initializing', 'running'] });
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, event)).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, ec2StateChange())).toBe(false);
  });

  it('works on leaf nodes only: an object is not a present leaf (the guide example)', () => {
    const event = withDetail({ state: ['initializing', 'running'], 'c-count': { c1: 100 } });
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, event)).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, event)).toBe(false);
  });

  it('takes a field whose value is null as present', () => {
    expect(matches({ detail: { owner: [{ exists: true }] } }, withDetail({ owner: null }))).toBe(true);
  });
});

describe('matchesPattern: $or', () => {
  it('matches when any alternative matches (the guide $or example)', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };
    expect(matches(pattern, withDetail({ 'c-count': 3 }))).toBe(true);
    expect(matches(pattern, withDetail({ 'd-count': 9 }))).toBe(true);
    expect(matches(pattern, withDetail({ 'x-limit': 301.8 }))).toBe(true);
    expect(matches(pattern, withDetail({ 'c-count': 6, 'd-count': 10, 'x-limit': 300 }))).toBe(false);
  });

  it('ANDs the alternatives with the other fields: source && (metricName || namespace)', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    const event = (fields: Record<string, unknown>) => ({ ...ec2StateChange(), source: 'aws.cloudwatch', ...fields });
    expect(matches(pattern, event({ metricName: 'ReadLatency' }))).toBe(true);
    expect(matches(pattern, event({ namespace: 'AWS/ES' }))).toBe(true);
    expect(matches(pattern, event({ metricName: 'DiskFree' }))).toBe(false);
    expect(matches(pattern, { ...event({ metricName: 'ReadLatency' }), source: 'aws.ec2' })).toBe(false);
  });

  it('nests: an alternative can hold several fields and an $or of its own', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
      ],
    };
    const base = { ...ec2StateChange(), source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' };
    expect(matches(pattern, { ...base, spaceId: 1000 })).toBe(true);
    expect(matches(pattern, { ...base, spaceId: 1001 })).toBe(false);
  });
});

describe('matchesPattern: the README complex example', () => {
  const pattern = {
    time: [{ prefix: '2017-10-02' }],
    detail: {
      state: [{ 'anything-but': 'initializing' }],
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ 'anything-but': [100, 200, 300] }],
      'source-ip': [{ cidr: '10.0.0.0/8' }],
    },
  };

  it('matches the sample event', () => {
    expect(matches(pattern, ec2StateChange())).toBe(true);
  });

  it('does not match when any one condition fails', () => {
    expect(matches(pattern, ec2StateChange({ state: 'initializing' }))).toBe(false);
    expect(matches(pattern, ec2StateChange({ 'x-limit': 200 }))).toBe(false);
    expect(matches(pattern, ec2StateChange({ 'source-ip': '11.0.0.1' }))).toBe(false);
    expect(matches(pattern, ec2StateChange({}, { time: '2017-10-03T00:00:00Z' }))).toBe(false);
  });
});
