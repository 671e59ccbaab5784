/**
 * Every wait of the pollers goes through one Sleeper, so close() can end them all at once and leave
 * no timer behind. A wait marked `kickable` also ends on kick(): drain() uses that to poll now.
 */
export class Sleeper {
  #closed = false;
  readonly #waits = new Map<() => void, boolean>();

  get closed(): boolean {
    return this.#closed;
  }

  sleep(ms: number, kickable = false): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.#waits.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.#waits.set(finish, kickable);
    });
  }

  kick(): void {
    for (const [finish, kickable] of [...this.#waits]) if (kickable) finish();
  }

  close(): void {
    this.#closed = true;
    for (const finish of [...this.#waits.keys()]) finish();
  }
}
