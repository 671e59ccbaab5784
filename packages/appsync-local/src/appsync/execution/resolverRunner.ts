// Runs one field's resolver: a unit resolver (request → data source → response) or a
// pipeline resolver (request → functions → response), with AppSync's semantics for stash,
// ctx.prev.result, runtime.earlyReturn, util.error, util.appendError and util.unauthorized.
import type { DataSource, DataSourceCall } from '../datasources/types.ts';
import type { JsEvaluator, LoadedCode, Outcome } from '../js/evaluator.ts';
import type { Invocation, RunningHandler } from '../js/invocation.ts';
import type { ResolverContext } from './context.ts';
import { FieldError, unauthorizedFieldError } from './errors.ts';

export interface UnitResolver {
  readonly kind: 'UNIT';
  readonly typeName: string;
  readonly fieldName: string;
  readonly code: LoadedCode;
  readonly dataSource: DataSource;
  /** Lambda's BatchInvoke: the most calls of this resolver one invocation takes (0: no batching). */
  readonly maxBatchSize?: number;
}

export interface PipelineFunction {
  readonly name: string;
  readonly code: LoadedCode;
  readonly dataSource: DataSource;
  readonly maxBatchSize?: number;
}

export interface PipelineResolver {
  readonly kind: 'PIPELINE';
  readonly typeName: string;
  readonly fieldName: string;
  readonly code: LoadedCode;
  readonly functions: readonly PipelineFunction[];
}

export type Resolver = UnitResolver | PipelineResolver;

/** The field's value, with the errors util.appendError added along the way. */
export interface FieldOutcome {
  readonly value: unknown;
  readonly appendedErrors: Invocation['appendedErrors'];
}

/** Thrown to make graphql-js report a field error; carries the appended errors too. */
export class FieldFailure extends FieldError {
  constructor(
    cause: FieldError,
    readonly appendedErrors: Invocation['appendedErrors'],
  ) {
    super(cause.message, cause.errorType, cause.data, cause.errorInfo);
  }

  /** The same failure with other data (the engine filters it by the field's selection set). */
  withData(data: unknown): FieldFailure {
    return new FieldFailure(new FieldError(this.message, this.errorType, data, this.errorInfo), this.appendedErrors);
  }
}

export async function runResolver(
  resolver: Resolver,
  ctx: ResolverContext,
  evaluator: JsEvaluator,
  invocation: Invocation,
  /** One object per GraphQL execution (the engine's state): data sources group calls by it. */
  execution: object,
): Promise<FieldOutcome> {
  const run = new Run(evaluator, invocation, resolver, execution, evaluator.contextView(ctx));
  const value = resolver.kind === 'UNIT' ? await run.unit(resolver, ctx) : await run.pipeline(resolver, ctx);
  return { value, appendedErrors: invocation.appendedErrors };
}

class Run {
  constructor(
    private readonly evaluator: JsEvaluator,
    private readonly invocation: Invocation,
    private readonly resolver: Resolver,
    private readonly execution: object,
    /** What the handlers see of ctx: one view of it for the whole field (JsEvaluator.contextView). */
    private readonly view: ResolverContext,
  ) {}

  async unit(resolver: UnitResolver, ctx: ResolverContext): Promise<unknown> {
    const request = this.evaluate(resolver.code, 'resolver', 'request');
    if (request.kind === 'earlyReturn') return request.data;
    const response = await resolver.dataSource.invoke(request.value, this.callBy(resolver));
    ctx.result = response.result;
    if (response.error) ctx.error = response.error;
    const outcome = this.evaluate(resolver.code, 'resolver', 'response');
    return outcome.kind === 'earlyReturn' ? outcome.data : outcome.value;
  }

  async pipeline(resolver: PipelineResolver, ctx: ResolverContext): Promise<unknown> {
    const before = this.evaluate(resolver.code, 'resolver', 'request');
    ctx.prev = { result: before.kind === 'earlyReturn' ? before.data : before.value };
    if (before.kind !== 'earlyReturn') {
      for (const fn of resolver.functions) {
        const skipToEnd = await this.runFunction(fn, ctx);
        if (skipToEnd) break;
      }
    }
    delete ctx.result;
    delete ctx.error;
    const after = this.evaluate(resolver.code, 'resolver', 'response');
    return after.kind === 'earlyReturn' ? after.data : after.value;
  }

  /** Runs one pipeline function; true when it asked to skip to the resolver's response. */
  private async runFunction(fn: PipelineFunction, ctx: ResolverContext): Promise<boolean> {
    delete ctx.result;
    delete ctx.error;
    const request = this.evaluate(fn.code, 'function', 'request');
    if (request.kind === 'earlyReturn') {
      ctx.prev = { result: request.data };
      return request.skipTo === 'END';
    }
    const response = await fn.dataSource.invoke(request.value, this.callBy(fn));
    ctx.result = response.result;
    if (response.error) ctx.error = response.error;
    const outcome = this.evaluate(fn.code, 'function', 'response');
    ctx.prev = { result: outcome.kind === 'earlyReturn' ? outcome.data : outcome.value };
    return outcome.kind === 'earlyReturn' && outcome.skipTo === 'END';
  }

  /**
   * Who calls the data source, so that it can group the calls of one resolver within one request
   * (Lambda's BatchInvoke).
   */
  private callBy(caller: UnitResolver | PipelineFunction): DataSourceCall {
    return { caller, execution: this.execution, maxBatchSize: caller.maxBatchSize ?? 0 };
  }

  /**
   * Evaluates a handler of the resolver's own code or of one of its functions (which
   * `extensions` checks its placement against); a value or an early return continues, anything
   * else ends the field.
   */
  private evaluate(
    code: LoadedCode,
    owner: RunningHandler['code'],
    handler: RunningHandler['handler'],
  ): Extract<Outcome, { kind: 'value' | 'earlyReturn' }> {
    this.invocation.running = { code: owner, handler };
    const outcome = this.evaluator.evaluate(code, handler, this.view, this.invocation);
    this.invocation.running = undefined;
    switch (outcome.kind) {
      case 'value':
      case 'earlyReturn':
        return outcome;
      case 'error':
        throw new FieldFailure(
          new FieldError(outcome.error.message, outcome.error.errorType, outcome.error.data, outcome.error.errorInfo),
          this.invocation.appendedErrors,
        );
      case 'unauthorized':
        throw new FieldFailure(
          unauthorizedFieldError(this.resolver.typeName, this.resolver.fieldName),
          this.invocation.appendedErrors,
        );
      case 'codeError':
        throw new FieldFailure(new FieldError(outcome.message, 'Code'), this.invocation.appendedErrors);
    }
  }
}
