// Each Lambda function sees only its own environment variables, even when many functions share
// this process. On first use, `process.env` becomes a view that reads and writes the variables
// of the function whose code is running (tracked with AsyncLocalStorage, so it follows the
// function's promises and timers), and the process's own variables everywhere else.
//
// Load a function's modules inside `run(...)` as well as invoking it there: code that reads its
// configuration at load (as Lambda handlers usually do) then reads its own.
import { AsyncLocalStorage } from 'node:async_hooks';

type Variables = Record<string, string>;

const scope = new AsyncLocalStorage<Variables>();
let processEnvironment: NodeJS.ProcessEnv | undefined;

function install(): NodeJS.ProcessEnv {
  if (processEnvironment) return processEnvironment;
  const own = process.env;
  processEnvironment = own;
  const current = (): Record<string, string | undefined> => scope.getStore() ?? own;
  process.env = new Proxy(own, {
    get: (_target, name) => (typeof name === 'string' ? current()[name] : undefined),
    set: (_target, name, value) => {
      if (typeof name !== 'string') return false;
      current()[name] = String(value);
      return true;
    },
    has: (_target, name) => typeof name === 'string' && name in current(),
    deleteProperty: (_target, name) => (typeof name === 'string' ? delete current()[name] : true),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_target, name) => {
      const variables = current();
      if (typeof name !== 'string' || !(name in variables)) return undefined;
      return { value: variables[name], writable: true, enumerable: true, configurable: true };
    },
  });
  return own;
}

/**
 * The environment of one function: the process's variables as they are when it is made (PATH,
 * HOME, … as the Lambda runtime provides its own), and its own on top. Nothing set in one
 * function's scope reaches another's or the process's.
 */
export class FunctionEnvironment {
  readonly #variables: Variables;

  constructor(variables: Readonly<Record<string, string>>) {
    const base = install();
    this.#variables = { ...(Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as Variables), ...variables };
  }

  /** Runs `fn` (and everything it schedules) with this environment as `process.env`. */
  run<T>(fn: () => T): T {
    return scope.run(this.#variables, fn);
  }

  /** A copy of the function's variables. */
  variables(): Readonly<Record<string, string>> {
    return { ...this.#variables };
  }
}
