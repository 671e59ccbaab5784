/** Limits of a Lambda DynamoDB event source mapping (services-ddb-params, Lambda quotas). */
export const LAMBDA_LIMITS = {
  maxBatchSize: 10_000,
  maxRetryAttempts: 10_000,
  maxBatchingWindowMs: 300_000,
  /** A synchronous invocation's request payload. */
  invocationPayloadBytes: 6 * 1024 * 1024,
  /** GetRecords returns at most 1,000 records. */
  getRecordsLimit: 1000,
} as const;

export const POLLER_DEFAULTS = {
  batchSize: 100,
  maximumRetryAttempts: 10,
  pollIntervalMs: 250,
  idlePollMaxMs: 1000,
  discoveryIntervalMs: 1000,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 2000,
  drainTimeoutMs: 10_000,
  drainCheckMs: 10,
} as const;
