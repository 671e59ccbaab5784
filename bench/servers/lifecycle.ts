// The child side of a benchmark server: its settings come from the environment, it announces
// itself with one `READY <url>` line on stdout, and it stops on SIGTERM/SIGINT or when its parent
// goes away (stdin closes), so that no server outlives the benchmark.

export interface ServerSettings {
  readonly dynamodbEndpoint: string;
  readonly tablePrefix: string;
  readonly apiKey: string;
  /** When the API key expires (epoch seconds): an hour after the benchmark's planned end. */
  readonly apiKeyExpires: number;
}

export function readSettings(): ServerSettings {
  return {
    dynamodbEndpoint: required('BENCH_DYNAMODB_ENDPOINT'),
    tablePrefix: required('BENCH_TABLE_PREFIX'),
    apiKey: required('BENCH_API_KEY'),
    apiKeyExpires: Number(process.env.BENCH_API_KEY_EXPIRES) || Math.floor(Date.now() / 1000) + 3600,
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (bench/run.ts sets it).`);
  return value;
}

export function announceAndServe(url: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 3000).unref();
    void close()
      .catch((error: unknown) => console.error(`close failed: ${(error as Error).message}`))
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.once('end', stop);
  process.stdin.once('close', stop);
  process.stdin.resume();
  process.stdout.write(`READY ${url}\n`);
}

/** Reports a start-up failure on stderr (the parent shows it) and exits 1. */
export function failStart(error: unknown): never {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}
