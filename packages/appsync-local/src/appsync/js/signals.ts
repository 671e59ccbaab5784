// Control flow out of APPSYNC_JS code. `util.error`, `util.unauthorized` and
// `runtime.earlyReturn` stop the handler at once; they do so by throwing one of these, which the
// evaluator catches. They are not Errors a client sees until the executor maps them.

export class ResolverErrorSignal {
  constructor(
    readonly message: string,
    readonly errorType: string | null,
    readonly data: unknown,
    readonly errorInfo: unknown,
  ) {}
}

export class UnauthorizedSignal {}

export class EarlyReturnSignal {
  constructor(
    readonly data: unknown,
    readonly skipTo: 'END' | 'NEXT' | undefined,
  ) {}
}

export type Signal = ResolverErrorSignal | UnauthorizedSignal | EarlyReturnSignal;

export function isSignal(value: unknown): value is Signal {
  return value instanceof ResolverErrorSignal || value instanceof UnauthorizedSignal || value instanceof EarlyReturnSignal;
}
