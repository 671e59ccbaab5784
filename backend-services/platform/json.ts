// Reading a third party's answer: JSON text that may be empty or not JSON at all, which callers
// treat as "no usable answer" rather than an exception.

/** The parsed JSON, or undefined for an empty or malformed text. */
export function parseJsonOrUndefined(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
