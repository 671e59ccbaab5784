// Rules and their targets, checked once when the bus is created with the limits and names
// AWS enforces on PutRule and PutTargets.
import { ERROR_CODES, EventBridgeError, validationError } from './errors.ts';
import type { EventBridgeEvent } from './event.ts';
import type { InputTransformerDefinition } from './inputTransformer.ts';
import { compilePattern } from './patterns/compile.ts';
import type { CompiledPattern } from './patterns/compiled.ts';
import { parseScheduleExpression, type Schedule } from './schedule/expression.ts';
import { compileTargetInput, type TargetInput } from './targetInput.ts';

export interface RetryPolicy {
  /** Retries after the first attempt: 0 to 185 (AWS's default is 185). */
  maximumRetryAttempts?: number;
  /** 60 to 86400 (AWS's default is 86400, 24 hours). */
  maximumEventAgeInSeconds?: number;
}

export interface TargetDefinition {
  id: string;
  deliver: (input: unknown, event: EventBridgeEvent) => Promise<void>;
  input?: string;
  inputPath?: string;
  inputTransformer?: InputTransformerDefinition;
  retryPolicy?: RetryPolicy;
}

/** As PutRule: an event pattern, a schedule, or both (then it runs on both). */
export interface RuleDefinition {
  name: string;
  eventBusName: string;
  eventPattern?: Readonly<Record<string, unknown>>;
  /** `rate(5 minutes)` or `cron(0 3 * * ? *)` (UTC); only on the `default` bus. */
  scheduleExpression?: string;
  targets: readonly TargetDefinition[];
}

export interface CompiledTarget {
  id: string;
  deliver: TargetDefinition['deliver'];
  input: TargetInput;
  retryPolicy?: RetryPolicy;
}

export interface CompiledRule {
  name: string;
  arn: string;
  eventBusName: string;
  /** Undefined: the rule matches no event put on its bus (it only runs on its schedule). */
  pattern?: CompiledPattern;
  schedule?: Schedule;
  targets: CompiledTarget[];
}

const MAX_TARGETS_PER_RULE = 5;
const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

export function compileRules(
  rules: readonly RuleDefinition[],
  context: { region: string; accountId: string; busNames: ReadonlySet<string> },
): CompiledRule[] {
  const seen = new Set<string>();
  return rules.map((rule) => {
    try {
      return compileRule(rule, context, seen);
    } catch (error) {
      // The message AWS gives, prefixed with where it comes from: a rule declared locally has no console.
      if (error instanceof EventBridgeError)
        throw new EventBridgeError(error.code, `Rule ${rule.name}: ${error.message}`, error.status);
      throw error;
    }
  });
}

function compileRule(
  rule: RuleDefinition,
  context: { region: string; accountId: string; busNames: ReadonlySet<string> },
  seen: Set<string>,
): CompiledRule {
  if (!NAME.test(rule.name)) throw validationError('Its name must match [.-_A-Za-z0-9]{1,64}.');
  if (!context.busNames.has(rule.eventBusName)) {
    throw new EventBridgeError(ERROR_CODES.resourceNotFound, `Event bus ${rule.eventBusName} does not exist.`);
  }
  const key = `${rule.eventBusName}/${rule.name}`;
  if (seen.has(key)) throw validationError(`It is declared twice on event bus ${rule.eventBusName}.`);
  seen.add(key);
  if (rule.targets.length > MAX_TARGETS_PER_RULE) {
    throw new EventBridgeError(ERROR_CODES.limitExceeded, `It has more than ${MAX_TARGETS_PER_RULE} targets.`);
  }
  if (rule.eventPattern === undefined && rule.scheduleExpression === undefined) {
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (rule.scheduleExpression !== undefined && rule.eventBusName !== 'default') {
    throw validationError('ScheduleExpression is supported only on the default event bus.');
  }
  return {
    name: rule.name,
    arn: ruleArn(context, rule.eventBusName, rule.name),
    eventBusName: rule.eventBusName,
    ...(rule.eventPattern !== undefined ? { pattern: compilePattern(rule.eventPattern) } : {}),
    ...(rule.scheduleExpression !== undefined ? { schedule: parseScheduleExpression(rule.scheduleExpression) } : {}),
    targets: compileTargets(rule),
  };
}

/** The default bus's rules have no bus segment in their ARN. */
export function ruleArn(context: { region: string; accountId: string }, busName: string, name: string): string {
  const path = busName === 'default' ? name : `${busName}/${name}`;
  return `arn:aws:events:${context.region}:${context.accountId}:rule/${path}`;
}

function compileTargets(rule: RuleDefinition): CompiledTarget[] {
  const ids = new Set<string>();
  return rule.targets.map((target) => {
    if (!NAME.test(target.id)) throw validationError(`Target id ${target.id} must match [.-_A-Za-z0-9]{1,64}.`);
    if (ids.has(target.id)) throw validationError(`It has two targets with the id ${target.id}.`);
    ids.add(target.id);
    assertRetryPolicy(target);
    return {
      id: target.id,
      deliver: target.deliver,
      input: compileTargetInput(target),
      ...(target.retryPolicy ? { retryPolicy: target.retryPolicy } : {}),
    };
  });
}

function assertRetryPolicy(target: TargetDefinition): void {
  const { maximumRetryAttempts, maximumEventAgeInSeconds } = target.retryPolicy ?? {};
  if (maximumRetryAttempts !== undefined && !isIntegerIn(maximumRetryAttempts, 0, 185)) {
    throw validationError(`RetryPolicy.MaximumRetryAttempts of target ${target.id} must be an integer from 0 to 185.`);
  }
  if (maximumEventAgeInSeconds !== undefined && !isIntegerIn(maximumEventAgeInSeconds, 60, 86400)) {
    throw validationError(`RetryPolicy.MaximumEventAgeInSeconds of target ${target.id} must be an integer from 60 to 86400.`);
  }
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
