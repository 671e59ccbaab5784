export class StreamPollerConfigError extends Error {
  override name = 'StreamPollerConfigError';
}

export class DrainTimeoutError extends Error {
  override name = 'DrainTimeoutError';

  constructor(
    timeoutMs: number,
    readonly pending: readonly string[],
  ) {
    super(`Stream records were still pending after ${timeoutMs} ms:\n${pending.map((line) => `  - ${line}`).join('\n')}`);
  }
}

export class StreamPollersClosedError extends Error {
  override name = 'StreamPollersClosedError';

  constructor() {
    super('The stream pollers are closed.');
  }
}

/** A record from the Streams API without a field Lambda's event needs: a bug in the API or its stand-in. */
export class StreamRecordShapeError extends Error {
  override name = 'StreamRecordShapeError';
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
