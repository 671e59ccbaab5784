// util.xml. The first cases are the examples of the AppSync documentation ("XML helpers in
// util.xml"); the others follow the org.json conversion rules those examples come from.
import { describe, expect, it } from 'vitest';
import { toJsonString, toMap } from '../../../../../src/appsync/js/util/xml.ts';

const ONE_POST = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
</posts>`;

const TWO_POSTS = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
<post>
  <id>2</id>
  <title>Getting started with AWS AppSync</title>
</post>
</posts>`;

describe('util.xml.toMap', () => {
  it('converts the documented single-post example, turning numeric text into numbers', () => {
    expect(toMap(ONE_POST)).toEqual({ posts: { post: { id: 1, title: 'Getting started with GraphQL' } } });
  });

  it('converts the documented repeated-element example into a list', () => {
    expect(toMap(TWO_POSTS)).toEqual({
      posts: {
        post: [
          { id: 1, title: 'Getting started with GraphQL' },
          { id: 2, title: 'Getting started with AWS AppSync' },
        ],
      },
    });
  });

  it('turns attributes into keys and keeps text beside them under "content"', () => {
    expect(toMap('<price currency="EUR" exact="true">12.50</price>')).toEqual({
      price: { currency: 'EUR', exact: true, content: 12.5 },
    });
  });

  it('converts booleans, null and empty elements, and keeps other text as strings', () => {
    expect(toMap('<r><a>true</a><b>null</b><c/><d></d><e>007</e><f>-3</f><g>1e3</g><h> padded </h></r>')).toEqual({
      r: { a: true, b: null, c: '', d: '', e: '007', f: -3, g: 1000, h: 'padded' },
    });
  });

  it('decodes entities and keeps CDATA text as it is', () => {
    expect(toMap('<m><t>Fish &amp; Chips &lt;3 &#169; &#x263A;</t><c><![CDATA[<b>42</b>]]></c></m>')).toEqual({
      m: { t: 'Fish & Chips <3 © ☺', c: '<b>42</b>' },
    });
  });

  it('skips comments, processing instructions and DOCTYPE, and keeps namespace prefixes', () => {
    expect(
      toMap('<!DOCTYPE note><!-- c --><soap:Envelope xmlns:soap="urn:x"><?pi x?><soap:Body>ok</soap:Body></soap:Envelope>'),
    ).toEqual({
      'soap:Envelope': { 'xmlns:soap': 'urn:x', 'soap:Body': 'ok' },
    });
  });

  it('answers null for input that is not well-formed XML', () => {
    expect(toMap('<a><b></a>')).toBeNull();
    expect(toMap('<a>')).toBeNull();
    expect(toMap('')).toBeNull();
    expect(toMap(42)).toBeNull();
  });
});

describe('util.xml.toJsonString', () => {
  it('returns toMap as JSON', () => {
    expect(toJsonString(ONE_POST)).toBe('{"posts":{"post":{"id":1,"title":"Getting started with GraphQL"}}}');
  });

  it('string-encodes the JSON when asked', () => {
    expect(toJsonString('<a>1</a>', true)).toBe('"{\\"a\\":1}"');
    expect(toJsonString('<a>1</a>', false)).toBe('{"a":1}');
  });
});
