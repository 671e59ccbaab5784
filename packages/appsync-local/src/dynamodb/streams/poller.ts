// Runs every mapping against one Streams API, and answers drain(), failures() and close().
import { type ResolvedMapping, resolveMapping, resolvePollInterval } from './config.ts';
import { POLLER_DEFAULTS } from './constants.ts';
import { DrainTimeoutError, StreamPollersClosedError } from './errors.ts';
import { deliverFailure } from './failures.ts';
import { MappingPoller } from './mappingPoller.ts';
import { Sleeper } from './sleeper.ts';
import type { StreamsApi } from './streamsApi.ts';
import type { EventSourceMapping, StreamBatchFailure, StreamPollers } from './types.ts';

export interface PollerOptions {
  readonly region: string;
  readonly mappings: readonly EventSourceMapping[];
  readonly pollIntervalMs?: number;
}

/** Starts every mapping on `api`, which the pollers then own: close() destroys it. */
export async function startPollersOn(api: StreamsApi, options: PollerOptions): Promise<StreamPollers> {
  const sleeper = new Sleeper();
  const failures: StreamBatchFailure[] = [];
  const pollers: MappingPoller[] = [];
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> => {
    closing ??= (async () => {
      sleeper.close();
      await Promise.all(pollers.map((poller) => poller.stopped()));
      api.destroy();
    })();
    return closing;
  };

  try {
    const mappings = options.mappings.map(resolveMapping);
    const context = {
      api,
      region: options.region,
      sleeper,
      pollIntervalMs: resolvePollInterval(options.pollIntervalMs),
      discard: (mapping: ResolvedMapping, failure: StreamBatchFailure) => deliverFailure(failure, failures, mapping.onFailure),
    };
    for (const mapping of mappings) pollers.push(await MappingPoller.start(mapping, context));
  } catch (error) {
    await close();
    throw error;
  }

  return {
    close,
    failures: () => [...failures],
    async drain(timeoutMs = POLLER_DEFAULTS.drainTimeoutMs) {
      const since = performance.now();
      sleeper.kick();
      for (;;) {
        if (sleeper.closed) throw new StreamPollersClosedError();
        if (pollers.every((poller) => poller.isDrainedSince(since))) return;
        if (performance.now() - since >= timeoutMs) {
          throw new DrainTimeoutError(
            timeoutMs,
            pollers.flatMap((poller) => poller.describePending(since)),
          );
        }
        await sleeper.sleep(POLLER_DEFAULTS.drainCheckMs);
      }
    },
  };
}
