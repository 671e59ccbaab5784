// Runs APPSYNC_JS code: the ESM bundles that `npm run build` produces (and that AppSync
// receives), in a node:vm context of their own, compiled once and cached, with a time limit on
// every handler call. `util`, `runtime` and `extensions` come from modules.ts and read the
// current evaluation's state through this evaluator (an InvocationHost).
import { createHash } from 'node:crypto';
import vm from 'node:vm';
import { transformSync } from 'esbuild';
import { type Invocation, type InvocationHost } from './invocation.ts';
import { createAppSyncModules } from './modules.ts';
import { EarlyReturnSignal, ResolverErrorSignal, UnauthorizedSignal } from './signals.ts';

/** AppSync's limit on the size of a resolver's or function's code. */
export const MAX_CODE_BYTES = 32 * 1024;

export type Handler = 'request' | 'response';

export interface LoadedCode {
  readonly name: string;
  readonly handlers: Partial<Record<Handler, (ctx: unknown) => unknown>>;
}

export type Outcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'error'; readonly error: ResolverErrorSignal }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'earlyReturn'; readonly data: unknown; readonly skipTo: 'END' | 'NEXT' | undefined }
  /** The code itself failed: an exception, or the time limit. AppSync reports errorType "Code". */
  | { readonly kind: 'codeError'; readonly message: string };

export interface EvaluatorOptions {
  /** Time limit of one handler call. */
  timeoutMs?: number;
  /** Where resolver code's console output goes (AppSync sends it to CloudWatch Logs). */
  log?: (level: string, name: string, args: unknown[]) => void;
}

export class CodeLoadError extends Error {
  override name = 'CodeLoadError';
}

export class JsEvaluator implements InvocationHost {
  private readonly context: vm.Context;
  private readonly modules: Record<string, unknown>;
  private readonly cache = new Map<string, LoadedCode>();
  private readonly callScript = new vm.Script('__appsyncCall()', { filename: 'appsync-runtime' });
  private readonly timeoutMs: number;
  private invocation: Invocation | undefined;
  private pendingCall: (() => unknown) | undefined;
  private loadingName = '';
  /** Calls that found their compiled code in the cache, and all calls to load(). */
  readonly stats = { loads: 0, cacheHits: 0 };

  constructor(options: EvaluatorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    const appsync = createAppSyncModules(this);
    this.modules = appsync;
    const log = options.log ?? defaultLog;
    const consoleFor = (level: string) => (...args: unknown[]) => log(level, this.loadingName, args);
    this.context = vm.createContext(
      {
        util: appsync['@aws-appsync/utils'].util,
        runtime: appsync['@aws-appsync/utils'].runtime,
        extensions: appsync['@aws-appsync/utils'].extensions,
        console: {
          log: consoleFor('INFO'),
          info: consoleFor('INFO'),
          debug: consoleFor('DEBUG'),
          warn: consoleFor('WARN'),
          error: consoleFor('ERROR'),
        },
        __appsyncCall: () => this.pendingCall?.(),
      },
      { codeGeneration: { strings: false, wasm: false }, name: 'APPSYNC_JS' },
    );
  }

  current(): Invocation {
    if (!this.invocation) {
      throw new Error('util, runtime and extensions can only be used while a handler runs');
    }
    return this.invocation;
  }

  /** Compiles code once; the same code (by content) is not compiled again. */
  load(code: string, name: string): LoadedCode {
    this.stats.loads += 1;
    const key = createHash('sha256').update(code).digest('hex');
    const cached = this.cache.get(key);
    if (cached) {
      this.stats.cacheHits += 1;
      return cached;
    }
    if (Buffer.byteLength(code) > MAX_CODE_BYTES) {
      throw new CodeLoadError(`${name}: code is ${Buffer.byteLength(code)} bytes; AppSync allows ${MAX_CODE_BYTES}.`);
    }
    const loaded = { name, handlers: this.instantiate(code, name) };
    this.cache.set(key, loaded);
    return loaded;
  }

  /** Calls one handler with ctx, under the time limit, with `invocation` as util's state. */
  evaluate(code: LoadedCode, handler: Handler, ctx: unknown, invocation: Invocation): Outcome {
    const fn = code.handlers[handler];
    if (!fn) {
      return { kind: 'codeError', message: `${code.name}: the code does not export a ${handler} function` };
    }
    this.invocation = invocation;
    this.pendingCall = () => fn(ctx);
    this.loadingName = code.name;
    try {
      const value = this.callScript.runInContext(this.context, { timeout: this.timeoutMs });
      return { kind: 'value', value: toJsonValue(value) };
    } catch (thrown) {
      return outcomeOfThrow(thrown, code.name, this.timeoutMs);
    } finally {
      this.invocation = undefined;
      this.pendingCall = undefined;
    }
  }

  private instantiate(code: string, name: string): LoadedCode['handlers'] {
    let commonJs: string;
    try {
      commonJs = transformSync(code, { format: 'cjs', loader: 'js', target: 'es2022', sourcefile: name }).code;
    } catch (error) {
      throw new CodeLoadError(`${name}: the code contains one or more errors: ${(error as Error).message}`);
    }
    const wrapper = new vm.Script(`(function (exports, require, module) {"use strict";\n${commonJs}\n})`, {
      filename: name,
      lineOffset: -1,
    });
    const module = { exports: {} as Record<string, unknown> };
    const requireModule = (specifier: string): unknown => {
      if (specifier in this.modules) return this.modules[specifier];
      throw new CodeLoadError(`${name}: cannot import "${specifier}": APPSYNC_JS code may import only @aws-appsync/utils`);
    };
    const factory = wrapper.runInContext(this.context, { timeout: this.timeoutMs }) as (
      exports: unknown,
      require: unknown,
      module: unknown,
    ) => void;
    this.loadingName = name;
    factory(module.exports, requireModule, module);
    const handlers: LoadedCode['handlers'] = {};
    for (const handler of ['request', 'response'] as const) {
      const fn = module.exports[handler];
      if (typeof fn === 'function') handlers[handler] = fn as (ctx: unknown) => unknown;
    }
    return handlers;
  }
}

function outcomeOfThrow(thrown: unknown, name: string, timeoutMs: number): Outcome {
  if (thrown instanceof ResolverErrorSignal) return { kind: 'error', error: thrown };
  if (thrown instanceof UnauthorizedSignal) return { kind: 'unauthorized' };
  if (thrown instanceof EarlyReturnSignal) {
    return { kind: 'earlyReturn', data: toJsonValue(thrown.data), skipTo: thrown.skipTo };
  }
  if (isTimeout(thrown)) {
    return { kind: 'codeError', message: `${name}: execution timed out after ${timeoutMs} ms` };
  }
  return { kind: 'codeError', message: describeCodeError(thrown, name) };
}

function isTimeout(thrown: unknown): boolean {
  return typeof thrown === 'object' && thrown !== null && (thrown as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** "code.js:12:7: TypeError: …", the way AppSync reports an exception in resolver code. */
function describeCodeError(thrown: unknown, name: string): string {
  if (typeof thrown !== 'object' || thrown === null) return `${name}: ${String(thrown)}`;
  const { name: errorName, message, stack } = thrown as { name?: unknown; message?: unknown; stack?: unknown };
  const position = typeof stack === 'string' ? firstPositionIn(stack, name) : undefined;
  const prefix = position ? `${name}:${position}` : name;
  return `${prefix}: ${String(errorName ?? 'Error')}: ${String(message ?? '')}`;
}

function firstPositionIn(stack: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}:(\\d+:\\d+)`).exec(stack)?.[1];
}

/**
 * What leaves the sandbox is data, as AppSync serializes it: functions and undefined values
 * disappear, and nothing shares identity with objects inside the sandbox.
 */
function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  const json = JSON.stringify(value);
  return json === undefined ? null : JSON.parse(json);
}

function defaultLog(level: string, name: string, args: unknown[]): void {
  if (process.env.APPSYNC_LOG_RESOLVERS) {
    console.log(`[${level}] ${name}:`, ...args);
  }
}
