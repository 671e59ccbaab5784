// What every data source gives back to the resolver: `ctx.result`, and `ctx.error` when the
// call failed. A data source never throws for a failed call: the resolver decides what a
// failure means (AppSync raises nothing unless the response handler calls util.error).

export interface DataSourceError {
  readonly message: string;
  readonly type: string;
}

export interface DataSourceResponse {
  readonly result: unknown;
  readonly error?: DataSourceError;
}

export interface DataSource {
  invoke(request: unknown): Promise<DataSourceResponse>;
  close?(): void;
}
