// What a target receives: the matched event, or one of the three ways AWS offers to change it
// (Input, InputPath, InputTransformer), at most one per target.
import { validationError } from './errors.ts';
import type { EventBridgeEvent } from './event.ts';
import {
  applyInputTransformer,
  compileInputTransformer,
  type InputTransformerDefinition,
  type TransformContext,
} from './inputTransformer.ts';
import { tryParseJson } from './json.ts';
import { compileJsonPath, readJsonPath } from './jsonPath.ts';

export interface TargetInputDefinition {
  id: string;
  /** Constant JSON text, as AWS's Input. */
  input?: string;
  /** A JSON path into the event, as AWS's InputPath. */
  inputPath?: string;
  inputTransformer?: InputTransformerDefinition;
}

export type TargetInput = (event: EventBridgeEvent, context: TransformContext) => unknown;

export function compileTargetInput(target: TargetInputDefinition): TargetInput {
  const given = [target.input, target.inputPath, target.inputTransformer].filter((value) => value !== undefined);
  if (given.length > 1) {
    throw validationError(`Only one of Input, InputPath, or InputTransformer must be provided for target ${target.id}.`);
  }
  if (target.input !== undefined) {
    const parsed = tryParseJson(target.input);
    if (!parsed) throw validationError(`Input for target ${target.id} is not valid JSON text.`);
    return () => structuredClone(parsed.value);
  }
  if (target.inputPath !== undefined) {
    const path = compileJsonPath(target.inputPath);
    return (event) => readJsonPath(path, event) ?? null;
  }
  if (target.inputTransformer !== undefined) {
    const transformer = compileInputTransformer(target.id, target.inputTransformer);
    return (event, context) => applyInputTransformer(transformer, event, context);
  }
  return (event) => event;
}
