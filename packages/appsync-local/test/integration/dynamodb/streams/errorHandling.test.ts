import { describe, expect, it, vi } from 'vitest';
import { DrainTimeoutError, type StreamBatchFailure } from '../../../../src/dynamodb/streams/index.ts';
import { pkOf, pksOf, recordingHandler, useStreamTables } from './support.ts';

const { createStreamTable, startPollers } = useStreamTables('errors');

async function tableWith(...pks: string[]): Promise<Awaited<ReturnType<typeof createStreamTable>>> {
  const table = await createStreamTable();
  for (const pk of pks) await table.put(pk);
  return table;
}

describe('a failing stream handler', () => {
  it('gets exactly the same batch again until it succeeds', async () => {
    const table = await tableWith('a', 'b', 'c', 'd', 'e');
    const { calls, handler } = recordingHandler((_event, call) => {
      if (call <= 2) throw new Error(`downstream unavailable (${call})`);
    });
    const pollers = await startPollers({ tableName: table.tableName, functionName: 'flaky', handler });
    await pollers.drain();

    expect(calls).toHaveLength(3);
    expect(pksOf(calls[0] ?? { Records: [] })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[2]).toEqual(calls[0]);
    expect(pollers.failures()).toEqual([]);
  });

  it('with bisectBatchOnFunctionError, isolates a poison record and handles all the others once', async () => {
    const table = await tableWith(...Array.from({ length: 10 }, (_, i) => `k${i}`));
    const handled: string[] = [];
    const sentToOnFailure: StreamBatchFailure[] = [];
    const { handler } = recordingHandler((event) => {
      if (pksOf(event).includes('k6')) throw new Error('cannot publish k6');
      handled.push(...pksOf(event).map(String));
    });
    const pollers = await startPollers({
      tableName: table.tableName,
      functionName: 'bisect',
      handler,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 1,
      onFailure: (failure) => {
        sentToOnFailure.push(failure);
      },
    });
    await pollers.drain();

    expect(handled).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k7', 'k8', 'k9']);
    expect(sentToOnFailure).toHaveLength(1);
    expect(sentToOnFailure[0]?.records.map(pkOf)).toEqual(['k6']);
    expect(sentToOnFailure[0]).toMatchObject({
      error: 'Error: cannot publish k6',
      attempts: 2,
      condition: 'RetryAttemptsExhausted',
    });
    expect(pollers.failures()).toEqual(sentToOnFailure);
  });

  it('with reportBatchItemFailures, restarts from the failed record with the lowest sequence number', async () => {
    const table = await tableWith('r0', 'r1', 'r2', 'r3', 'r4', 'r5');
    const { calls, handler } = recordingHandler((event, call) => {
      if (call > 1) return;
      const [, , , fourth, , sixth] = event.Records;
      return { batchItemFailures: [sixth, fourth].map((record) => ({ itemIdentifier: record?.dynamodb.SequenceNumber ?? '' })) };
    });
    const pollers = await startPollers({
      tableName: table.tableName,
      functionName: 'partial',
      handler,
      reportBatchItemFailures: true,
    });
    await pollers.drain();

    expect(calls.map(pksOf)).toEqual([
      ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'],
      ['r3', 'r4', 'r5'],
    ]);
    expect(calls[1]?.Records[0]).toEqual(calls[0]?.Records[3]);
    expect(pollers.failures()).toEqual([]);
  });

  it('retries the whole batch when the partial batch response names no record', async () => {
    const table = await tableWith('m0', 'm1');
    const { calls, handler } = recordingHandler((_event, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier: '' }] } : undefined,
    );
    const pollers = await startPollers({
      tableName: table.tableName,
      functionName: 'malformed',
      handler,
      reportBatchItemFailures: true,
    });
    await pollers.drain();

    expect(calls.map(pksOf)).toEqual([
      ['m0', 'm1'],
      ['m0', 'm1'],
    ]);
  });

  it('ignores a returned batchItemFailures list unless reportBatchItemFailures is on', async () => {
    const table = await tableWith('i0', 'i1');
    const { calls, handler } = recordingHandler((event) => ({
      batchItemFailures: [{ itemIdentifier: event.Records[0]?.dynamodb.SequenceNumber ?? '' }],
    }));
    const pollers = await startPollers({ tableName: table.tableName, functionName: 'ignored', handler });
    await pollers.drain();

    expect(calls.map(pksOf)).toEqual([['i0', 'i1']]);
  });

  it('sends the batch to onFailure once when maximumRetryAttempts runs out, then carries on with the stream', async () => {
    const table = await tableWith('first-0', 'first-1', 'first-2');
    const onFailureCalls: StreamBatchFailure[] = [];
    const { calls, handler } = recordingHandler((event) => {
      if (pksOf(event).some((pk) => pk?.startsWith('first-'))) throw new Error('rejected');
    });
    const pollers = await startPollers({
      tableName: table.tableName,
      functionName: 'exhausted',
      handler,
      maximumRetryAttempts: 2,
      onFailure: (failure) => {
        onFailureCalls.push(failure);
      },
    });
    await pollers.drain();
    await table.put('second-0');
    await table.put('second-1');
    await pollers.drain();

    expect(calls.slice(0, 3).map(pksOf)).toEqual([
      ['first-0', 'first-1', 'first-2'],
      ['first-0', 'first-1', 'first-2'],
      ['first-0', 'first-1', 'first-2'],
    ]);
    expect(calls.slice(3).flatMap(pksOf)).toEqual(['second-0', 'second-1']);
    expect(onFailureCalls).toHaveLength(1);
    const [failure] = onFailureCalls;
    expect(failure?.records).toEqual(calls[0]?.Records);
    expect(failure).toMatchObject({
      error: 'Error: rejected',
      attempts: 3,
      functionName: 'exhausted',
      tableName: table.tableName,
      DDBStreamBatchInfo: {
        startSequenceNumber: calls[0]?.Records[0]?.dynamodb.SequenceNumber,
        endSequenceNumber: calls[0]?.Records[2]?.dynamodb.SequenceNumber,
        batchSize: 3,
        streamArn: table.streamArn,
      },
    });
    expect(pollers.failures()).toHaveLength(1);
  });

  it('keeps the failure in failures() even when onFailure throws', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const table = await tableWith('x');
    const { handler } = recordingHandler(() => {
      throw new Error('always');
    });
    const pollers = await startPollers({
      tableName: table.tableName,
      functionName: 'brokenDestination',
      handler,
      maximumRetryAttempts: 0,
      onFailure: () => {
        throw new Error('destination down');
      },
    });
    await pollers.drain();

    expect(pollers.failures()).toMatchObject([{ attempts: 1, destinationError: 'Error: destination down' }]);
    expect(logged).toHaveBeenCalledWith('[streams] onFailure of brokenDestination threw: Error: destination down');
    logged.mockRestore();
  });

  it('makes drain() fail naming the shard, the records and the error while a batch keeps failing', async () => {
    const table = await tableWith('stuck');
    const { handler } = recordingHandler(() => {
      throw new Error('still down');
    });
    const pollers = await startPollers({
      tableName: table.tableName,
      functionName: 'forever',
      handler,
      maximumRetryAttempts: -1,
    });

    const error = await pollers.drain(600).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DrainTimeoutError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `${table.tableName} → forever, shard shardId-\\S+: 1 record\\(s\\) read but not handled \\(read up to \\d+, handled up to none\\); ` +
          'the handler failed \\d+ time\\(s\\), last with Error: still down',
      ),
    );
    const closing = Date.now();
    await pollers.close();
    expect(Date.now() - closing).toBeLessThan(1000);
  });
});
