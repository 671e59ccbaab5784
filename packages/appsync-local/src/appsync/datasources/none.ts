import type { DataSource } from './types.ts';

/** NONE: the request's `payload` becomes `ctx.result`; nothing is called. */
export function createNoneDataSource(): DataSource {
  return {
    invoke(request: unknown) {
      const payload = isRecord(request) && 'payload' in request ? request.payload : null;
      return Promise.resolve({ result: payload ?? null });
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
