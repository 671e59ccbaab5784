// What tests expect of a GraphQL field that failed, as AppSync answers it: no value for the field
// (nulled, or the whole `data` when the field is non-null) and one error at the field's path, of
// the `errorType` clients branch on.
import { expect } from 'vitest';
import type { GraphQLHttpResponse } from 'appsync-local/testing/graphql.ts';

/** Asserts that `field` failed with one error of `errorType` and, when given, that message (or one matching it). */
export function expectError<T>(
  response: GraphQLHttpResponse<T>,
  field: Extract<keyof T, string>,
  errorType: string,
  message?: string | RegExp,
): void {
  expect(response.body.data?.[field] ?? null).toBeNull();
  expect(response.body.errors).toEqual([
    expect.objectContaining({
      path: [field],
      errorType,
      ...(message === undefined ? {} : { message: typeof message === 'string' ? message : expect.stringMatching(message) }),
    }),
  ]);
}
