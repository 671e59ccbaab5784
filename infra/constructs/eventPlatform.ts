// The event bus and the rules of system/events.ts. Handler targets invoke their service's
// function; the APPSYNC target calls the API's mutation with a role that may call only that
// field. Every target retries for a day and then dead-letters to the platform's queue. A rule's
// handler that fails on an event dead-letters it there too: EventBridge's part ends once Lambda
// accepts the event (it invokes asynchronously), Lambda retries the function twice, and then only
// the function's on-failure destination keeps the event (without one, Lambda drops it). Inputs
// are transformed exactly as declared. Scheduled rules run on the account's default bus (the only
// one EventBridge runs schedules on), and retry briefly: the next run replaces a missed one, so a
// failed run is not kept.
import { Duration, Validations } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import {
  EventBus,
  type EventPattern,
  type IRuleRef,
  Rule,
  RuleTargetInput,
  type RuleTargetInputProperties,
  Schedule,
} from 'aws-cdk-lib/aws-events';
import { AppSync, LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  type InputTransformerDeclaration,
  mutationFieldsOf,
  type RuleDeclaration,
  rulePattern,
  type ScheduleDeclaration,
} from '../../system/events.ts';
import type { HandlerReference } from '../../system/handlers.ts';

const RETRY = { retryAttempts: 185, maxEventAge: Duration.hours(24) } as const;
/** A scheduled run not delivered within a minute is dropped: the next one does its work. */
const SCHEDULE_RETRY = { retryAttempts: 2, maxEventAge: Duration.seconds(60) } as const;

export interface EventPlatformProps {
  readonly eventBusName: string;
  readonly rules: readonly RuleDeclaration[];
  readonly schedules: readonly ScheduleDeclaration[];
  readonly functionFor: (reference: HandlerReference) => IFunction;
  readonly api: GraphqlApi;
  /** A bucket's physical name by its logical one: rules on a bucket's objects match it. */
  readonly bucketName: (logicalName: string) => string;
}

export class EventPlatform extends Construct {
  readonly bus: EventBus;
  readonly deadLetterQueue: Queue;
  readonly rules = new Map<string, Rule>();
  /** The scheduled rules, on the default bus, by declared name. */
  readonly schedules = new Map<string, Rule>();
  private readonly keepingFailedEvents = new Set<IFunction>();

  constructor(scope: Construct, id: string, props: EventPlatformProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: props.eventBusName });
    this.deadLetterQueue = new Queue(this, 'TargetsDlq', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const isDeadLetterQueue =
      "It is a dead-letter queue itself (the rules' targets' and their handlers' on-failure destination): nothing " +
      'consumes it to fail again, and its depth is alarmed (order-errors).';
    Validations.of(this.deadLetterQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: isDeadLetterQueue },
      { id: 'Serverless-SQSRedrivePolicy', reason: isDeadLetterQueue },
    );
    for (const declaration of props.rules) {
      const rule = new Rule(this, `Rule-${declaration.name}`, {
        ruleName: `${props.eventBusName}-${declaration.name}`,
        // The account's default bus (no eventBus) for AWS services' events, which go there.
        ...(declaration.bus === 'default' ? {} : { eventBus: this.bus }),
        eventPattern: eventPatternOf(rulePattern(declaration, props.bucketName)),
      });
      for (const target of declaration.targets) {
        const input = target.inputTransformer ? new DeclaredInput(target.inputTransformer) : undefined;
        if (target.type === 'HANDLER') {
          const fn = props.functionFor(target.handler);
          this.keepFailedEvents(fn);
          rule.addTarget(
            new LambdaFunction(fn, {
              deadLetterQueue: this.deadLetterQueue,
              ...RETRY,
              ...(input ? { event: input } : {}),
            }),
          );
        } else {
          const role = new Role(this, `${target.id}Role`, { assumedBy: new ServicePrincipal('events.amazonaws.com') });
          props.api.grantMutation(role, ...mutationFieldsOf(target.document));
          rule.addTarget(
            new AppSync(props.api, {
              graphQLOperation: target.document,
              variables: new DeclaredInput(target.inputTransformer),
              eventRole: role,
              deadLetterQueue: this.deadLetterQueue,
              ...RETRY,
            }),
          );
        }
      }
      this.rules.set(declaration.name, rule);
    }
    for (const declaration of props.schedules) {
      const rule = new Rule(this, `Schedule-${declaration.name}`, {
        ruleName: `${props.eventBusName}-${declaration.name}`,
        schedule: Schedule.expression(declaration.scheduleExpression),
      });
      for (const target of declaration.targets) {
        const input = target.inputTransformer ? new DeclaredInput(target.inputTransformer) : undefined;
        const fn = props.functionFor(target.handler);
        Validations.of(fn).acknowledge({
          id: 'Serverless-LambdaDLQ',
          reason: "A scheduled run it fails on is not kept: the next run does the missed one's work, and its errors alarm.",
        });
        rule.addTarget(
          new LambdaFunction(fn, {
            deadLetterQueue: this.deadLetterQueue,
            ...SCHEDULE_RETRY,
            ...(input ? { event: input } : {}),
          }),
        );
      }
      this.schedules.set(declaration.name, rule);
    }
  }

  /** Sends the events `fn` failed on, after Lambda's two retries, to the dead-letter queue (once per function). */
  private keepFailedEvents(fn: IFunction): void {
    if (this.keepingFailedEvents.has(fn)) return;
    fn.configureAsyncInvoke({ onFailure: new SqsDestination(this.deadLetterQueue) });
    Validations.of(fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        "Its failed events go to its on-failure destination, the event platform's dead-letter queue, which Lambda " +
        'recommends over a dead-letter queue: the record holds the error beside the event.',
    });
    this.keepingFailedEvents.add(fn);
  }
}

/** An input transformer exactly as declared (paths map and template). */
class DeclaredInput extends RuleTargetInput {
  constructor(private readonly declaration: InputTransformerDeclaration) {
    super();
  }

  override bind(_rule: IRuleRef): RuleTargetInputProperties {
    return { inputPathsMap: { ...this.declaration.inputPathsMap }, inputTemplate: this.declaration.inputTemplate };
  }
}

/** system/events.ts patterns use EventBridge's keys; the CDK's use camelCase. */
function eventPatternOf(pattern: Readonly<Record<string, unknown>>): EventPattern {
  return Object.fromEntries(
    Object.entries(pattern).map(([key, value]) => [key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), value]),
  );
}
