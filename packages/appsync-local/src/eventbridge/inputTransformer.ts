// Input transformers: variables read from the event with JSON paths, put into a template. In a
// JSON template a variable outside quotes becomes a JSON value (a string gets its quotes); inside
// a quoted string its text is inserted as is, without escaping, as EventBridge does.
import { validationError } from './errors.ts';
import type { EventBridgeEvent } from './event.ts';
import { compileJsonPath, readJsonPath, type JsonPath } from './jsonPath.ts';
import { tryParseJson } from './json.ts';

export interface InputTransformerDefinition {
  inputPathsMap?: Readonly<Record<string, string>>;
  inputTemplate: string;
}

export interface TransformContext {
  ruleArn: string;
  ruleName: string;
  /** When EventBridge received the event (ISO 8601). */
  ingestionTime: string;
}

export interface CompiledInputTransformer {
  paths: Map<string, JsonPath>;
  template: string;
}

export const RESERVED_VARIABLES = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event',
  'aws.events.event.ingestion-time',
  'aws.events.event.json',
] as const;

const MAX_VARIABLES = 100;
const MAX_TEMPLATE_LENGTH = 8192;
const VARIABLE_NAME = /^[A-Za-z0-9_-]+$/;
const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/y;

export function compileInputTransformer(targetId: string, definition: InputTransformerDefinition): CompiledInputTransformer {
  const { inputPathsMap = {}, inputTemplate } = definition;
  if (typeof inputTemplate !== 'string' || inputTemplate.length > MAX_TEMPLATE_LENGTH) {
    throw validationError(`InputTemplate for target ${targetId} must be a string of at most ${MAX_TEMPLATE_LENGTH} characters.`);
  }
  const names = Object.keys(inputPathsMap);
  if (names.length > MAX_VARIABLES)
    throw validationError(`InputPathsMap for target ${targetId} has more than ${MAX_VARIABLES} variables.`);
  const paths = new Map<string, JsonPath>();
  for (const name of names) {
    if ((RESERVED_VARIABLES as readonly string[]).includes(name)) {
      throw validationError(`InputPathsMap for target ${targetId} uses the reserved variable name ${name}.`);
    }
    if (!VARIABLE_NAME.test(name))
      throw validationError(`InputPathsMap for target ${targetId} has the invalid variable name ${name}.`);
    paths.set(name, compileJsonPath(inputPathsMap[name] ?? ''));
  }
  for (const match of inputTemplate.matchAll(/<([A-Za-z0-9_.-]+)>/g)) {
    const name = match[1] ?? '';
    if (!paths.has(name) && !(RESERVED_VARIABLES as readonly string[]).includes(name)) {
      throw validationError(`InputTemplate for target ${targetId} contains invalid placeholder ${name}.`);
    }
  }
  return { paths, template: inputTemplate };
}

export function applyInputTransformer(
  transformer: CompiledInputTransformer,
  event: EventBridgeEvent,
  context: TransformContext,
): unknown {
  const values = variableValues(transformer, event, context);
  const { template } = transformer;
  const isJson = /^\s*[{["]/.test(template);
  let output = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i] ?? '';
    PLACEHOLDER.lastIndex = i;
    const placeholder = char === '<' ? PLACEHOLDER.exec(template) : null;
    const name = placeholder?.[1];
    if (placeholder && name !== undefined && values.has(name)) {
      const value = values.get(name);
      output += isJson && !inString ? asJsonValue(value) : asText(value);
      i += placeholder[0].length - 1;
      continue;
    }
    if (isJson && inString && char === '\\') {
      output += char + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (isJson && char === '"') inString = !inString;
    output += char;
  }
  if (!isJson) return output;
  const parsed = tryParseJson(output);
  // What does not parse reaches the target as the text it is.
  return parsed ? parsed.value : output;
}

function variableValues(
  transformer: CompiledInputTransformer,
  event: EventBridgeEvent,
  context: TransformContext,
): Map<string, unknown> {
  const { detail: _detail, 'detail-type': detailType, ...envelope } = event;
  const values = new Map<string, unknown>([
    ['aws.events.rule-arn', context.ruleArn],
    ['aws.events.rule-name', context.ruleName],
    ['aws.events.event.ingestion-time', context.ingestionTime],
    // The event without its detail; AWS spells detail-type detailType here.
    ['aws.events.event', { ...envelope, detailType }],
    ['aws.events.event.json', event],
  ]);
  for (const [name, path] of transformer.paths) values.set(name, readJsonPath(path, event));
  return values;
}

/** A variable outside quotes: JSON; a path that is missing gives null. */
function asJsonValue(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** A variable inside a string (or a template that is not JSON): its text; objects and lists lose their quotes. */
function asText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value).replaceAll('"', '');
  return String(value);
}
