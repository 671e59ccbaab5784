// Runs APPSYNC_JS code: the ES module bundles that `npm run build` produces (and that AppSync
// receives), in a node:vm context of their own, compiled once and cached. Each handler call
// has a time limit, enforced by checks that moduleLoader.ts inserts into every function and
// loop body (vm's own `timeout` starts a watchdog thread per call, which costs more than most
// handlers). `util`, `runtime` and `extensions` read the current evaluation's state through
// this evaluator (an InvocationHost).
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { restrictBuiltIns } from './builtIns.ts';
import { jsonCopy, type Realm } from '../../jsonCopy.ts';
import { type Adopt, contextView, realmAdopter } from './contextView.ts';
import type { Invocation, InvocationHost } from './invocation.ts';
import { EXPORTS, ModuleShapeError, type PreparedModule, prepareModule, REQUIRE, TICK } from './moduleLoader.ts';
import { createAppSyncModules } from './modules.ts';
import { EarlyReturnSignal, ResolverErrorSignal, UnauthorizedSignal } from './signals.ts';
import { findUnsupportedSyntax, parseModule } from './syntaxCheck.ts';

/** AppSync's limit on the size of a resolver's or function's code. */
export const MAX_CODE_BYTES = 32 * 1024;

export type Handler = 'request' | 'response';

export interface LoadedCode {
  readonly name: string;
  readonly handlers: Partial<Record<Handler, (ctx: unknown) => unknown>>;
  readonly module: PreparedModule;
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

/** Thrown by the inserted checks when a handler runs past its time limit. */
class TimeLimitSignal {}

/** How many checks pass between two readings of the clock. */
const TICKS_PER_CLOCK_READING = 16;

export class JsEvaluator implements InvocationHost {
  private readonly context: vm.Context;
  private readonly modules: ReadonlyMap<string, unknown>;
  private readonly cache = new Map<string, LoadedCode>();
  private readonly timeoutMs: number;
  private readonly adopt: Adopt;
  /** The context's Object.prototype and Array.prototype: what handlers return is made of them. */
  private readonly realm: Realm;
  private invocation: Invocation | undefined;
  private deadline = Number.POSITIVE_INFINITY;
  private ticks = 0;
  private runningName = '';
  /** All calls to load(), and those that found their code compiled already. */
  readonly stats = { loads: 0, cacheHits: 0 };

  constructor(options: EvaluatorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    const appsync = createAppSyncModules(this);
    this.modules = new Map(Object.entries(appsync));
    const log = options.log ?? defaultLog;
    const consoleFor =
      (level: string) =>
      (...args: unknown[]) =>
        log(level, this.runningName, args);
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
      },
      { codeGeneration: { strings: false, wasm: false }, name: 'APPSYNC_JS' },
    );
    this.adopt = realmAdopter(this.context);
    this.realm = vm.runInContext(
      '({ objectPrototype: Object.prototype, arrayPrototype: Array.prototype })',
      this.context,
    ) as Realm;
    restrictBuiltIns(this.context);
  }

  /**
   * What a handler is given for ctx: a read-only view of it, whose values are the sandbox's
   * (contextView.ts). The resolver runner makes one per field; evaluate() makes one per call for
   * a ctx that is not one.
   */
  contextView<T>(ctx: T): T {
    return contextView(ctx, this.adopt);
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
    const loaded = this.instantiate(code, name);
    this.cache.set(key, loaded);
    return loaded;
  }

  /**
   * Calls one handler with ctx (as contextView() shows it), under the time limit, with
   * `invocation` as util's state.
   */
  evaluate(code: LoadedCode, handler: Handler, ctx: unknown, invocation: Invocation): Outcome {
    const fn = code.handlers[handler];
    if (!fn) {
      return { kind: 'codeError', message: `${code.name}: the code does not export a ${handler} function` };
    }
    this.invocation = invocation;
    this.runningName = code.name;
    this.startClock();
    try {
      // What leaves the sandbox is data, as AppSync serializes it: functions and undefined values
      // disappear, and nothing shares identity with objects inside the sandbox.
      return { kind: 'value', value: jsonCopy(fn(this.contextView(ctx)), this.realm) };
    } catch (thrown) {
      return this.outcomeOfThrow(thrown, code);
    } finally {
      this.invocation = undefined;
      this.deadline = Number.POSITIVE_INFINITY;
    }
  }

  private startClock(): void {
    this.deadline = performance.now() + this.timeoutMs;
    this.ticks = 0;
  }

  private readonly tick = (): void => {
    this.ticks += 1;
    if (this.ticks % TICKS_PER_CLOCK_READING === 0 && performance.now() > this.deadline) {
      this.deadline = Number.POSITIVE_INFINITY;
      throw new TimeLimitSignal();
    }
  };

  private instantiate(code: string, name: string): LoadedCode {
    let module: PreparedModule;
    try {
      const ast = parseModule(code);
      assertSupportedSyntax(ast, name);
      module = prepareModule(code, ast);
    } catch (error) {
      if (error instanceof CodeLoadError) throw error;
      if (error instanceof SyntaxError || error instanceof ModuleShapeError) {
        throw new CodeLoadError(`${name}: the code contains one or more errors: ${error.message}`);
      }
      throw error;
    }
    const script = new vm.Script(`(function (${REQUIRE}, ${EXPORTS}, ${TICK}) {"use strict";\n${module.body}\n})`, {
      filename: name,
      lineOffset: -1,
    });
    const factory = script.runInContext(this.context) as (require: unknown, exports: unknown, tick: unknown) => void;
    const exports: Record<string, unknown> = {};
    const requireModule = (specifier: string): unknown => {
      if (this.modules.has(specifier)) return this.modules.get(specifier);
      throw new CodeLoadError(`${name}: cannot import "${specifier}": APPSYNC_JS code may import only @aws-appsync/utils`);
    };
    this.runningName = name;
    this.startClock();
    try {
      factory(requireModule, exports, this.tick);
    } catch (error) {
      if (error instanceof CodeLoadError) throw error;
      throw new CodeLoadError(`${name}: the code failed while loading: ${describeCodeError(error, name, module)}`);
    } finally {
      this.deadline = Number.POSITIVE_INFINITY;
    }
    const handlers: LoadedCode['handlers'] = {};
    for (const handler of ['request', 'response'] as const) {
      const fn = exports[handler];
      if (typeof fn === 'function') handlers[handler] = fn as (ctx: unknown) => unknown;
    }
    return { name, handlers, module };
  }

  private outcomeOfThrow(thrown: unknown, code: LoadedCode): Outcome {
    if (thrown instanceof ResolverErrorSignal) return { kind: 'error', error: thrown };
    if (thrown instanceof UnauthorizedSignal) return { kind: 'unauthorized' };
    if (thrown instanceof EarlyReturnSignal) {
      return { kind: 'earlyReturn', data: jsonCopy(thrown.data, this.realm), skipTo: thrown.skipTo };
    }
    if (thrown instanceof TimeLimitSignal) {
      return { kind: 'codeError', message: `${code.name}: execution timed out after ${this.timeoutMs} ms` };
    }
    return { kind: 'codeError', message: describeCodeError(thrown, code.name, code.module) };
  }
}

/** AppSync refuses code with features APPSYNC_JS lacks when the resolver is created. */
function assertSupportedSyntax(ast: ReturnType<typeof parseModule>, name: string): void {
  const problems = findUnsupportedSyntax(ast);
  if (problems.length > 0) {
    const list = problems.map((p) => `${name}:${p.line}:${p.column}: ${p.message} (${p.rule})`).join('; ');
    throw new CodeLoadError(`${name}: the code contains one or more errors: ${list}`);
  }
}

/** "code.js:12:7: TypeError: …", the way AppSync reports an exception in resolver code. */
function describeCodeError(thrown: unknown, name: string, module: PreparedModule): string {
  if (typeof thrown !== 'object' || thrown === null) return `${name}: ${String(thrown)}`;
  const { name: errorName, message, stack } = thrown as { name?: unknown; message?: unknown; stack?: unknown };
  const position = typeof stack === 'string' ? firstPositionIn(stack, name) : undefined;
  const mapped = position ? module.mapPosition(position.line, position.column) : undefined;
  const prefix = mapped ? `${name}:${mapped.line}:${mapped.column}` : name;
  return `${prefix}: ${String(errorName ?? 'Error')}: ${String(message ?? '')}`;
}

function firstPositionIn(stack: string, name: string): { line: number; column: number } | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

function defaultLog(level: string, name: string, args: unknown[]): void {
  if (process.env.APPSYNC_LOG_RESOLVERS) {
    console.log(`[${level}] ${name}:`, ...args);
  }
}
