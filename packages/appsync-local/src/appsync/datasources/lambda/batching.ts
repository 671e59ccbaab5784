// BatchInvoke groups the calls one resolver (or pipeline function) makes within one GraphQL
// request — the same field resolved for each item of a list — into one invocation with the list
// of their payloads, up to the caller's maxBatchSize ("AWS AppSync sends requests in batches to
// your Lambda function in sizes up to maxBatchSize"; 0 turns batching off).
//
// AppSync does not say how long it waits to fill a batch. Here a batch holds the calls made in the
// same turn of the event loop: graphql-js calls the resolvers of a list's items one after the
// other once the list is known, so they all arrive before the next macrotask, when the batch is
// sent; a batch that reaches maxBatchSize is sent at once and the next calls start another.
import type { InvocationType } from '../../../lambda/invoke.ts';
import type { DataSourceCall, DataSourceResponse } from '../types.ts';

/** Invokes the function once with a batch's payloads; one response per payload, in order. */
export type SendBatch = (invocationType: InvocationType, payloads: unknown[]) => Promise<DataSourceResponse[]>;

interface PendingCall {
  readonly payload: unknown;
  readonly settle: (response: DataSourceResponse) => void;
}

interface OpenBatch {
  readonly invocationType: InvocationType;
  readonly calls: PendingCall[];
  readonly timer: NodeJS.Immediate;
}

export class BatchQueue {
  private readonly open = new Map<string, OpenBatch>();
  /** Numbers for the objects that key a batch (a request, a resolver): keys of a Map<string, …>. */
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;

  constructor(private readonly send: SendBatch) {}

  /** Adds one call to its batch; settles with that call's own response. */
  add(call: DataSourceCall | undefined, invocationType: InvocationType, payload: unknown): Promise<DataSourceResponse> {
    const maxBatchSize = call?.maxBatchSize ?? 0;
    if (!call || maxBatchSize <= 1) {
      return this.send(invocationType, [payload]).then((responses) => responses[0]!, internalFailure);
    }
    const key = `${this.idOf(call.execution)}/${this.idOf(call.caller)}/${invocationType}`;
    return new Promise((settle) => {
      let batch = this.open.get(key);
      if (!batch) {
        batch = { invocationType, calls: [], timer: setImmediate(() => this.flush(key)) };
        this.open.set(key, batch);
      }
      batch.calls.push({ payload, settle });
      if (batch.calls.length >= maxBatchSize) this.flush(key);
    });
  }

  private flush(key: string): void {
    const batch = this.open.get(key);
    if (!batch) return;
    this.open.delete(key);
    clearImmediate(batch.timer);
    const { calls } = batch;
    void this.send(
      batch.invocationType,
      calls.map((c) => c.payload),
    ).then(
      (responses) => calls.forEach((c, i) => c.settle(responses[i]!)),
      (error: unknown) => calls.forEach((c) => c.settle(internalFailure(error))),
    );
  }

  private idOf(object: object): number {
    let id = this.ids.get(object);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(object, id);
    }
    return id;
  }
}

/** `send` never rejects; should it, every caller still gets an answer rather than a field that hangs. */
function internalFailure(error: unknown): DataSourceResponse {
  const message = error instanceof Error ? error.message : String(error);
  return { result: null, error: { type: 'InternalFailure', message: `Internal failure while calling Lambda: ${message}` } };
}
