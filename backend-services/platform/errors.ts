// The errors a service answers with: each has an HTTP status, a code from the API contract and a
// message, and serializes as the `error` object of the response body.

export type ErrorDetails = Readonly<Record<string, string | number | boolean>>;

export class ServiceError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
    /** `cause`: the failure behind it, for the logs; never part of the answer. */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  toJSON(): { code: string; message: string } & ErrorDetails {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** The request itself is wrong: malformed JSON, a missing field, a value out of range. */
export class InvalidInputError extends ServiceError {
  constructor(message: string) {
    super(400, 'INVALID_INPUT', message);
  }
}
