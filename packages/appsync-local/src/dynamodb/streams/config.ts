// A mapping with its defaults filled in, refused at start when AWS would refuse it.
import { LAMBDA_LIMITS, POLLER_DEFAULTS } from './constants.ts';
import { StreamPollerConfigError } from './errors.ts';
import type { EventSourceMapping } from './types.ts';

export type ResolvedMapping = Required<Omit<EventSourceMapping, 'onFailure'>> & Pick<EventSourceMapping, 'onFailure'>;

export function resolveMapping(mapping: EventSourceMapping): ResolvedMapping {
  const resolved: ResolvedMapping = {
    tableName: mapping.tableName,
    functionName: mapping.functionName,
    handler: mapping.handler,
    batchSize: mapping.batchSize ?? POLLER_DEFAULTS.batchSize,
    maximumBatchingWindowMs: mapping.maximumBatchingWindowMs ?? 0,
    maximumRetryAttempts: mapping.maximumRetryAttempts ?? POLLER_DEFAULTS.maximumRetryAttempts,
    bisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError ?? false,
    reportBatchItemFailures: mapping.reportBatchItemFailures ?? false,
    startingPosition: mapping.startingPosition ?? 'TRIM_HORIZON',
    onFailure: mapping.onFailure,
  };
  const where = `event source mapping ${resolved.tableName} → ${resolved.functionName}`;
  if (!resolved.tableName || !resolved.functionName)
    throw new StreamPollerConfigError(`${where}: tableName and functionName are required`);
  if (typeof resolved.handler !== 'function') throw new StreamPollerConfigError(`${where}: handler must be a function`);
  assertIntegerIn(resolved.batchSize, 1, LAMBDA_LIMITS.maxBatchSize, 'batchSize', where);
  assertIntegerIn(resolved.maximumBatchingWindowMs, 0, LAMBDA_LIMITS.maxBatchingWindowMs, 'maximumBatchingWindowMs', where);
  assertIntegerIn(resolved.maximumRetryAttempts, -1, LAMBDA_LIMITS.maxRetryAttempts, 'maximumRetryAttempts', where);
  if (resolved.startingPosition !== 'TRIM_HORIZON' && resolved.startingPosition !== 'LATEST') {
    throw new StreamPollerConfigError(
      `${where}: startingPosition must be TRIM_HORIZON or LATEST (got ${String(resolved.startingPosition)})`,
    );
  }
  return resolved;
}

export function resolvePollInterval(pollIntervalMs: number | undefined): number {
  const value = pollIntervalMs ?? POLLER_DEFAULTS.pollIntervalMs;
  assertIntegerIn(value, 1, 60_000, 'pollIntervalMs', 'stream pollers');
  return value;
}

function assertIntegerIn(value: number, min: number, max: number, name: string, where: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StreamPollerConfigError(`${where}: ${name} must be an integer from ${min} to ${max} (got ${value})`);
  }
}
