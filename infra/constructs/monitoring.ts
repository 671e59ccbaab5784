// Alarms and one dashboard: the AppSync API's p99 latency, 5XX errors and resolver errors on our
// side, each function's errors, each dead-letter queue's depth, and the payment gateway's own
// metrics. Every alarm notifies the `critical-alerts` topic when it goes into ALARM and when it is
// OK again; a dead-letter queue's alarm also notifies `order-errors` (system/alerts.ts
// ALARM_NOTIFICATIONS), where a message left unhandled is an order's business. Whoever is
// subscribed to the topics (the `alertEmail` context, or any other subscription) hears of them.
import { Duration, Stack } from 'aws-cdk-lib';
import type { IGraphqlApi } from 'aws-cdk-lib/aws-appsync';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IAlarmAction,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALARM_NOTIFICATIONS, type AlertTopicName } from '../../system/alerts.ts';

/** The thresholds of the alarms, per five-minute period. */
export const ALARM_THRESHOLDS = {
  apiP99LatencyMs: 1000,
  api5xxErrors: 1,
  resolverServerErrors: 1,
  functionErrors: 1,
  deadLetterMessages: 1,
  /** Any callback whose MAC does not verify: someone forges callbacks, or our key2 is wrong. */
  gatewayCallbackBadMac: 1,
  /**
   * Refused callbacks of any kind (bad MAC, malformed, unknown transaction, wrong amount): the
   * public URL draws the odd stray request; a stream of them means the gateway sends what we
   * cannot read, or the route is being probed.
   */
  gatewayCallbackRejected: 5,
  /** Any paid amount other than the order's: refused and left PENDING (the sweep meets it again each run) for an operator. */
  gatewayAmountMismatch: 1,
  /** Any payment made after its order was cancelled: the money is to be refunded at the gateway. */
  gatewayPaidAfterClose: 1,
  /** Payments the sweep expired: a few shoppers walk away; a spike means the gateway or its page fails them. */
  gatewayPaymentsExpired: 10,
} as const;

/**
 * The services' own metrics, as Powertools publishes them (backend-services/platform/observability.ts
 * METRICS_NAMESPACE; the dimension `service` is the service's folder name).
 */
export const SERVICE_METRICS = { namespace: 'commerce', dimension: 'service' } as const;

/** The payment service's gateway metrics that are alarmed, each published by its code under this name. */
export const GATEWAY_ALARMS = [
  {
    metricName: 'GatewayCallbackBadMac',
    threshold: ALARM_THRESHOLDS.gatewayCallbackBadMac,
    description: 'Gateway callbacks failed their MAC check: forged callbacks, or the payment secret holds the wrong gatewayKey2.',
  },
  {
    metricName: 'GatewayCallbackRejected',
    threshold: ALARM_THRESHOLDS.gatewayCallbackRejected,
    description:
      'Gateway callbacks are being refused (bad MAC, malformed, unknown transaction or wrong amount): see the callback logs.',
  },
  {
    metricName: 'GatewayAmountMismatch',
    threshold: ALARM_THRESHOLDS.gatewayAmountMismatch,
    description:
      "The gateway reported a paid amount other than the order's: the payment was refused and stays PENDING until an operator settles it.",
  },
  {
    metricName: 'GatewayPaidAfterClose',
    threshold: ALARM_THRESHOLDS.gatewayPaidAfterClose,
    description: 'A gateway payment was made after its order was cancelled: refund it at the gateway.',
  },
  {
    metricName: 'GatewayPaymentsExpired',
    threshold: ALARM_THRESHOLDS.gatewayPaymentsExpired,
    description: 'Many gateway payments expired unpaid: the gateway or its payment page may be failing shoppers.',
  },
] as const;

const PERIOD = Duration.minutes(5);

/**
 * The errorTypes that answer a caller's mistake or a lost race (README "Errors"): refusals the
 * API is built to give, not faults. Every other field error (`InternalFailure`,
 * `ServiceUnavailable`, a data source's own error, a resolver that failed to evaluate) is ours.
 */
export const CALLER_ERROR_TYPES = ['Unauthorized', 'BadRequest', 'NotFound', 'Conflict'] as const;

/**
 * Field errors on our side, from AppSync's field-level log entries: each errored field is logged
 * with `fieldInError: true` and its `errors`, which name the errorType.
 */
export const RESOLVER_SERVER_ERRORS_PATTERN = FilterPattern.all(
  FilterPattern.booleanValue('$.fieldInError', true),
  ...CALLER_ERROR_TYPES.map((type) => FilterPattern.stringValue('$.errors[0]', '!=', `*${type}*`)),
);

export interface MonitoringProps {
  readonly api: IGraphqlApi;
  /** The API's field-level log group (CommerceApi.logGroup). */
  readonly apiLogGroup: ILogGroup;
  /** Every function, by a name to show (system/handlers.ts functionNameOf). */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Every dead-letter queue, by a name to show. */
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** The actions that notify the alert topics (AlertTopics.alarmAction). */
  readonly notifications: { alarmAction(topic: AlertTopicName): IAlarmAction };
}

export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  private readonly notifications: MonitoringProps['notifications'];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.notifications = props.notifications;
    const apiMetric = (metricName: string, statistic: string): Metric =>
      new Metric({
        namespace: 'AWS/AppSync',
        metricName,
        dimensionsMap: { GraphQLAPIId: props.api.apiId },
        statistic,
        period: PERIOD,
      });
    const latency = apiMetric('Latency', 'p99');
    const serverErrors = apiMetric('5XXError', 'Sum');
    this.alarm('ApiLatencyP99', latency, ALARM_THRESHOLDS.apiP99LatencyMs, 'The GraphQL API p99 latency (ms) is high.', 3);
    this.alarm('Api5xxErrors', serverErrors, ALARM_THRESHOLDS.api5xxErrors, 'The GraphQL API returned 5XX errors.');
    const resolverErrors = new MetricFilter(this, 'ResolverServerErrorsFilter', {
      logGroup: props.apiLogGroup,
      filterPattern: RESOLVER_SERVER_ERRORS_PATTERN,
      metricNamespace: `${Stack.of(this).stackName}/GraphQL`,
      metricName: 'ResolverServerErrors',
      metricValue: '1',
    }).metric({ statistic: 'Sum', period: PERIOD });
    this.alarm(
      'ResolverServerErrors',
      resolverErrors,
      ALARM_THRESHOLDS.resolverServerErrors,
      `GraphQL fields failed on our side (any errorType but ${CALLER_ERROR_TYPES.join(', ')}).`,
    );

    const functionErrors: IMetric[] = [];
    for (const [name, fn] of props.functions) {
      const errors = fn.metricErrors({ period: PERIOD, statistic: 'Sum' });
      functionErrors.push(errors.with({ label: name }));
      this.alarm(`Errors-${name}`, errors, ALARM_THRESHOLDS.functionErrors, `The function ${name} failed.`);
    }
    const queueDepths: IMetric[] = [];
    for (const [name, queue] of props.deadLetterQueues) {
      const depth = queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });
      queueDepths.push(depth.with({ label: name }));
      const alarm = this.alarm(
        `DeadLetters-${name}`,
        depth,
        ALARM_THRESHOLDS.deadLetterMessages,
        `The dead-letter queue ${name} holds messages.`,
      );
      this.notify(alarm, ALARM_NOTIFICATIONS.deadLetters);
    }

    const gatewayMetrics = new Map(
      GATEWAY_ALARMS.map(({ metricName, threshold, description }) => {
        const metric = new Metric({
          namespace: SERVICE_METRICS.namespace,
          metricName,
          dimensionsMap: { [SERVICE_METRICS.dimension]: 'payment' },
          statistic: 'Sum',
          period: PERIOD,
        });
        this.alarm(metricName, metric, threshold, description);
        return [metricName, metric];
      }),
    );
    const gateway = (...names: (typeof GATEWAY_ALARMS)[number]['metricName'][]) => names.map((name) => gatewayMetrics.get(name)!);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: Stack.of(this).stackName,
      widgets: [
        [
          new GraphWidget({ title: 'GraphQL p99 latency (ms)', left: [latency], width: 8 }),
          new GraphWidget({ title: 'GraphQL 5XX errors', left: [serverErrors], width: 8 }),
          new GraphWidget({ title: 'Resolver errors on our side', left: [resolverErrors], width: 8 }),
        ],
        [
          new GraphWidget({ title: 'Function errors', left: functionErrors, width: 12 }),
          new GraphWidget({ title: 'Dead-letter queue depth', left: queueDepths, width: 12 }),
        ],
        [
          new GraphWidget({
            title: 'Gateway callbacks refused',
            left: gateway('GatewayCallbackRejected', 'GatewayCallbackBadMac', 'GatewayAmountMismatch'),
            width: 12,
          }),
          new GraphWidget({
            title: 'Gateway payments expired, and paid after close',
            left: gateway('GatewayPaymentsExpired', 'GatewayPaidAfterClose'),
            width: 12,
          }),
        ],
      ],
    });
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string, evaluationPeriods = 1): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    this.notify(alarm, ALARM_NOTIFICATIONS.everyAlarm);
    this.alarms.push(alarm);
    return alarm;
  }

  /** The topic hears of the alarm going into ALARM, and of it being OK again. */
  private notify(alarm: Alarm, topic: AlertTopicName): void {
    const action = this.notifications.alarmAction(topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
}
