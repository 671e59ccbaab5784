import { describe, expect, it } from 'vitest';
import { readChange } from '../../../../backend-services/platform/outbox.ts';
import { CHANGED_AT_SECONDS, streamRecordsOf } from '../../../support/backend-services/streamRecords.ts';

interface Thing {
  thingId: string;
  size: number;
}

const things = streamRecordsOf<Thing>('things', 'thingId');
const small: Thing = { thingId: 't-1', size: 1 };
const large: Thing = { thingId: 't-1', size: 9 };
const at = { time: new Date(CHANGED_AT_SECONDS * 1000) };

describe('readChange', () => {
  it('reads an insert, a modification and a removal with their images and time', () => {
    expect(readChange<Thing>(things.inserted(small))).toEqual({ kind: 'INSERT', new: small, ...at });
    expect(readChange<Thing>(things.modified(small, large))).toEqual({ kind: 'MODIFY', old: small, new: large, ...at });
    expect(readChange<Thing>(things.removed(large))).toEqual({ kind: 'REMOVE', old: large, ...at });
  });

  it('refuses a record without the image its kind needs: the stream must carry new and old images', () => {
    const record = things.modified(small, large);
    delete record.dynamodb.OldImage;
    expect(() => readChange<Thing>(record)).toThrow(/has no OldImage; the stream must carry new and old images/);
  });

  it('leaves the time out when the record has none', () => {
    const record = things.inserted(small);
    delete record.dynamodb.ApproximateCreationDateTime;
    expect(readChange<Thing>(record)).toEqual({ kind: 'INSERT', new: small });
  });
});
