import { afterEach, describe, expect, it } from 'vitest';
import { type StreamPollers, startPollersOn } from '../../../../src/dynamodb/streams/index.ts';
import { FAKE_STREAM_ARN, FakeStream } from './fakeStream.ts';
import { pksOf, recordingHandler } from './support.ts';

const started: StreamPollers[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((pollers) => pollers.close()));
});

async function poll(
  stream: FakeStream,
  handler: ReturnType<typeof recordingHandler>['handler'],
  startingPosition?: 'LATEST',
): Promise<StreamPollers> {
  const pollers = await startPollersOn(stream, {
    region: 'us-east-1',
    pollIntervalMs: 10,
    mappings: [
      { tableName: 'fake', functionName: 'lineage', handler, batchSize: 2, ...(startingPosition ? { startingPosition } : {}) },
    ],
  });
  started.push(pollers);
  return pollers;
}

describe('shard lineage', () => {
  it('finishes a closed parent shard before reading its child, whatever order DescribeStream lists them in', async () => {
    const stream = new FakeStream();
    stream.addShard('parent');
    for (const pk of ['p1', 'p2', 'p3']) stream.write('parent', pk);
    stream.closeShard('parent');
    stream.addShard('child', 'parent');
    stream.write('child', 'c1');
    const { calls, handler } = recordingHandler(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });

    const pollers = await poll(stream, handler);
    await pollers.drain();

    expect(calls.flatMap(pksOf)).toEqual(['p1', 'p2', 'p3', 'c1']);
    expect(calls.map((event) => event.Records[0]?.eventSourceARN)).toEqual(calls.map(() => FAKE_STREAM_ARN));
  });

  it('picks up shards that appear while it runs, after their parent', async () => {
    const stream = new FakeStream();
    stream.addShard('first');
    stream.write('first', 'a');
    const { calls, handler } = recordingHandler();
    const pollers = await poll(stream, handler);
    await pollers.drain();

    stream.write('first', 'b');
    stream.closeShard('first');
    stream.addShard('second', 'first');
    stream.addShard('third', 'first');
    stream.write('second', 'c');
    stream.write('third', 'd');
    await pollers.drain();

    const order = calls.flatMap(pksOf);
    expect(order.slice(0, 2)).toEqual(['a', 'b']);
    expect([...order.slice(2)].sort()).toEqual(['c', 'd']);
  });

  it('skips shards closed before a LATEST mapping started, but reads their children from the start', async () => {
    const stream = new FakeStream();
    stream.addShard('old');
    stream.write('old', 'before');
    stream.closeShard('old');
    stream.addShard('current', 'old');
    stream.write('current', 'also-before');
    const { calls, handler } = recordingHandler();
    const pollers = await poll(stream, handler, 'LATEST');

    stream.write('current', 'after');
    stream.closeShard('current');
    stream.addShard('next', 'current');
    stream.write('next', 'later');
    await pollers.drain();

    expect(calls.flatMap(pksOf)).toEqual(['after', 'later']);
  });

  it('resumes right after the last record read when its shard iterator expires', async () => {
    const stream = new FakeStream();
    stream.addShard('only');
    stream.write('only', 'one');
    const { calls, handler } = recordingHandler();
    const pollers = await poll(stream, handler);
    await pollers.drain();

    stream.write('only', 'two');
    stream.expireNextRead();
    await pollers.drain();

    expect(calls.flatMap(pksOf)).toEqual(['one', 'two']);
  });

  it('stops reading when closed', async () => {
    const stream = new FakeStream();
    stream.addShard('only');
    const pollers = await poll(stream, recordingHandler().handler);
    await pollers.drain();
    await pollers.close();
    const reads = stream.getRecordsCalls;

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.getRecordsCalls).toBe(reads);
    await expect(pollers.drain()).rejects.toThrow('The stream pollers are closed.');
  });
});
