// Runs one field's resolver: a unit resolver (request → data source → response) or a
// pipeline resolver (request → functions → response), with AppSync's semantics for stash,
// ctx.prev.result, runtime.earlyReturn, util.error, util.appendError and util.unauthorized.
import type { DataSource } from '../datasources/types.ts';
import type { JsEvaluator, LoadedCode, Outcome } from '../js/evaluator.ts';
import type { Invocation } from '../js/invocation.ts';
import type { ResolverContext } from './context.ts';
import { FieldError, unauthorizedFieldError } from './errors.ts';

export interface UnitResolver {
  readonly kind: 'UNIT';
  readonly typeName: string;
  readonly fieldName: string;
  readonly code: LoadedCode;
  readonly dataSource: DataSource;
}

export interface PipelineFunction {
  readonly name: string;
  readonly code: LoadedCode;
  readonly dataSource: DataSource;
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
}

export async function runResolver(
  resolver: Resolver,
  ctx: ResolverContext,
  evaluator: JsEvaluator,
  invocation: Invocation,
): Promise<FieldOutcome> {
  const run = new Run(evaluator, invocation, resolver, evaluator.contextView(ctx));
  const value = resolver.kind === 'UNIT' ? await run.unit(resolver, ctx) : await run.pipeline(resolver, ctx);
  return { value, appendedErrors: invocation.appendedErrors };
}

class Run {
  constructor(
    private readonly evaluator: JsEvaluator,
    private readonly invocation: Invocation,
    private readonly resolver: Resolver,
    /** What the handlers see of ctx: one view of it for the whole field (JsEvaluator.contextView). */
    private readonly view: ResolverContext,
  ) {}

  async unit(resolver: UnitResolver, ctx: ResolverContext): Promise<unknown> {
    const request = this.evaluate(resolver.code, 'request');
    if (request.kind === 'earlyReturn') return request.data;
    const response = await resolver.dataSource.invoke(request.value);
    ctx.result = response.result;
    if (response.error) ctx.error = response.error;
    const outcome = this.evaluate(resolver.code, 'response');
    return outcome.kind === 'earlyReturn' ? outcome.data : outcome.value;
  }

  async pipeline(resolver: PipelineResolver, ctx: ResolverContext): Promise<unknown> {
    const before = this.evaluate(resolver.code, 'request');
    ctx.prev = { result: before.kind === 'earlyReturn' ? before.data : before.value };
    if (before.kind !== 'earlyReturn') {
      for (const fn of resolver.functions) {
        const skipToEnd = await this.runFunction(fn, ctx);
        if (skipToEnd) break;
      }
    }
    delete ctx.result;
    delete ctx.error;
    const after = this.evaluate(resolver.code, 'response');
    return after.kind === 'earlyReturn' ? after.data : after.value;
  }

  /** Runs one pipeline function; true when it asked to skip to the resolver's response. */
  private async runFunction(fn: PipelineFunction, ctx: ResolverContext): Promise<boolean> {
    delete ctx.result;
    delete ctx.error;
    const request = this.evaluate(fn.code, 'request');
    if (request.kind === 'earlyReturn') {
      ctx.prev = { result: request.data };
      return request.skipTo === 'END';
    }
    const response = await fn.dataSource.invoke(request.value);
    ctx.result = response.result;
    if (response.error) ctx.error = response.error;
    const outcome = this.evaluate(fn.code, 'response');
    ctx.prev = { result: outcome.kind === 'earlyReturn' ? outcome.data : outcome.value };
    return outcome.kind === 'earlyReturn' && outcome.skipTo === 'END';
  }

  /** Evaluates a handler; a value or an early return continues, anything else ends the field. */
  private evaluate(code: LoadedCode, handler: 'request' | 'response'): Extract<Outcome, { kind: 'value' | 'earlyReturn' }> {
    const outcome = this.evaluator.evaluate(code, handler, this.view, this.invocation);
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
