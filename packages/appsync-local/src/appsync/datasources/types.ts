// What every data source gives back to the resolver: `ctx.result`, and `ctx.error` when the
// call failed. A data source never throws for a failed call: the resolver decides what a
// failure means (AppSync raises nothing unless the response handler calls util.error).

export interface DataSourceError {
  readonly message: string;
  readonly type: string;
  /** Lambda: the function's own error type (`Sandbox.Timedout`, a thrown error's name), as AppSync adds it. */
  readonly unhandledErrorType?: string;
}

export interface DataSourceResponse {
  readonly result: unknown;
  readonly error?: DataSourceError;
}

/**
 * Who calls a data source, for one that groups calls (Lambda's BatchInvoke groups the calls of
 * one resolver within one GraphQL request, up to the resolver's maxBatchSize).
 */
export interface DataSourceCall {
  /** The unit resolver or pipeline function making the call. */
  readonly caller: object;
  /** One object per GraphQL execution: calls of different requests are never grouped. */
  readonly execution: object;
  /** The caller's maxBatchSize; 0: no batching. */
  readonly maxBatchSize: number;
}

export interface DataSource {
  invoke(request: unknown, call?: DataSourceCall): Promise<DataSourceResponse>;
  close?(): void;
}
