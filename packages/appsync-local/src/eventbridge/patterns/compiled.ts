// A validated event pattern, ready to match: what compilePattern produces and matchPattern reads.
import type { IpAddress, IpRange } from './cidr.ts';

export type ScalarValue = string | number | boolean | null;

export interface NumericBound {
  value: number;
  inclusive: boolean;
}

export type StringTest =
  | { kind: 'prefix'; value: string; ignoreCase: boolean }
  | { kind: 'suffix'; value: string; ignoreCase: boolean }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'wildcard'; regex: RegExp };

export type ValueMatcher =
  | { type: 'exact'; value: ScalarValue; ip?: IpAddress }
  | { type: 'string'; test: StringTest }
  | { type: 'anything-but'; values: ScalarValue[] }
  | { type: 'anything-but-string'; tests: StringTest[] }
  | { type: 'numeric'; lower?: NumericBound; upper?: NumericBound }
  | { type: 'cidr'; range: IpRange }
  | { type: 'exists'; present: boolean };

export interface CompiledPattern {
  /** Fields whose pattern is a list of values: they are compared with the leaf values in the event. */
  leaves: { key: string; matchers: ValueMatcher[] }[];
  /** Fields whose pattern is an object: matched against the event's object (or any object of its array). */
  objects: { key: string; pattern: CompiledPattern }[];
  /** Each `$or` of this object: one of its alternatives must match. */
  ors: CompiledPattern[][];
}
