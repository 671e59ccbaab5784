import { describe, expect, it } from 'vitest';
import { itemFromImage } from '../../../../backend-services/platform/streamImages.ts';

describe('itemFromImage', () => {
  it('turns every DynamoDB type into plain JSON', () => {
    expect(
      itemFromImage({
        s: { S: 'text' },
        n: { N: '42.5' },
        b: { B: 'AQI=' },
        ss: { SS: ['a', 'b'] },
        ns: { NS: ['1', '2'] },
        bs: { BS: ['AQI='] },
        m: { M: { inner: { L: [{ S: 'x' }, { BOOL: false }, { NULL: true }] } } },
      }),
    ).toEqual({ s: 'text', n: 42.5, b: 'AQI=', ss: ['a', 'b'], ns: [1, 2], bs: ['AQI='], m: { inner: ['x', false, null] } });
  });

  it('refuses an attribute of no known type', () => {
    expect(() => itemFromImage({ odd: {} })).toThrow(/unknown type/);
  });
});
