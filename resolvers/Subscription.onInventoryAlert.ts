import type { Context } from '@aws-appsync/utils';

/** Runs when a client subscribes (admin and warehouse only, by the schema): nothing to read. */
export function request(_ctx: Context) {
  return { payload: null };
}

/** No filter: the back office receives every product's alerts. */
export function response(_ctx: Context) {
  return null;
}
