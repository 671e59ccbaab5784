// Stops what the benchmark started (server children, DynamoDB Local), newest first: at the end,
// on an error, and on SIGINT/SIGTERM.

export class Cleanup {
  private readonly stops: (() => Promise<void>)[] = [];
  private running: Promise<void> | undefined;

  add(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  /** Runs every stop once, even when some fail; safe to call more than once. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (let stop = this.stops.pop(); stop; stop = this.stops.pop()) {
        await stop().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
      }
    })();
    return this.running;
  }

  /** On SIGINT or SIGTERM: stop everything, then exit with 130 or 143. */
  onSignals(): void {
    const handle = (signal: NodeJS.Signals, code: number) => {
      process.once(signal, () => {
        console.error(`\n${signal}: stopping the servers and DynamoDB Local …`);
        void this.run().finally(() => process.exit(code));
      });
    };
    handle('SIGINT', 130);
    handle('SIGTERM', 143);
  }
}
