// The query protocol's pieces: flattened lists and maps as @aws-sdk/core serializes them, and XML
// answers with their text escaped.
import { describe, expect, it } from 'vitest';
import { flattenedItems, flattenedMap, toXml } from '../../../src/http/awsQuery.ts';

describe('flattenedItems and flattenedMap', () => {
  it('read numbered members and entries in index order, not in the order sent', () => {
    const params = new URLSearchParams(
      'Tags.member.2.Key=b&Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.2.Value=2&Other=x',
    );
    expect(flattenedItems(params, 'Tags', 'member').map((item) => [item('Key'), item('Value')])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    const attributes = new URLSearchParams('Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Orders%20%26%20co');
    expect(flattenedMap(attributes, 'Attributes')).toEqual({ DisplayName: 'Orders & co' });
    expect(flattenedMap(new URLSearchParams(''), 'Attributes')).toEqual({});
  });
});

describe('toXml', () => {
  it('nests objects, wraps list items in <member>, leaves out undefined fields and escapes text', () => {
    expect(toXml('ListTopicsResult', { Topics: [{ TopicArn: 'a' }, { TopicArn: 'b' }], NextToken: undefined })).toBe(
      '<ListTopicsResult><Topics><member><TopicArn>a</TopicArn></member><member><TopicArn>b</TopicArn></member></Topics></ListTopicsResult>',
    );
    expect(toXml('Message', `<a href="x">Tom & Jerry's</a>`)).toBe(
      '<Message>&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;</Message>',
    );
  });
});
