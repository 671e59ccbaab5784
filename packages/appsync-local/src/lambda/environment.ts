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
/** The process's own variables, and the view put in its place as process.env. */
let processEnvironment: NodeJS.ProcessEnv | undefined;
let view: NodeJS.ProcessEnv | undefined;

function install(): NodeJS.ProcessEnv {
  // Installed once; again only if someone has since replaced process.env with an object of their own.
  if (processEnvironment && process.env === view) return processEnvironment;
  const own = process.env;
  processEnvironment = own;
  const current = (): Record<string, string | undefined> => scope.getStore() ?? own;
  view = new Proxy(own, {
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
  process.env = view;
  return own;
}

export interface FunctionEnvironmentOptions {
  /**
   * Which of the process's variables the function sees beside its own (PATH, HOME, NODE_OPTIONS,
   * … as the Lambda runtime provides its own): all of them by default.
   */
  inherit?: (name: string) => boolean;
}

/**
 * The environment of one function: the process's variables as they are when it is made (those
 * `inherit` keeps), and its own on top. Nothing set in one function's scope reaches another's or
 * the process's.
 */
export class FunctionEnvironment {
  readonly #variables: Variables;

  constructor(variables: Readonly<Record<string, string>>, options: FunctionEnvironmentOptions = {}) {
    const inherit = options.inherit ?? (() => true);
    const inherited = Object.entries(install()).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && inherit(entry[0]),
    );
    this.#variables = { ...Object.fromEntries(inherited), ...variables };
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
