// The team's alert topics, by the names both runtimes use: the CDK app deploys one SNS topic per
// name (infra/constructs/alertTopics.ts), and the local stack is to serve the same names from its
// local SNS (packages/appsync-local/src/sns/). Which topic an alarm notifies is declared here too,
// so that where a failure is reported is one decision, not one per construct.

/**
 * - `order-alerts`: every order placed (published by the orders service).
 * - `order-errors`: what went wrong with an order after money was involved: a checkout that failed
 *   after its payment was authorised, a compensation that failed, and anything that lands in a
 *   dead-letter queue (the queues' alarms).
 * - `critical-alerts`: the state changes of every CloudWatch alarm, into ALARM and back to OK.
 */
export const ALERT_TOPICS = ['order-alerts', 'order-errors', 'critical-alerts'] as const;

export type AlertTopicName = (typeof ALERT_TOPICS)[number];

/** Where alarms report, each in both directions (ALARM and OK). */
export const ALARM_NOTIFICATIONS = {
  /** Every alarm. */
  everyAlarm: 'critical-alerts',
  /** A dead-letter queue's depth alarm, besides `everyAlarm`: a message there is an order event that was not handled. */
  deadLetters: 'order-errors',
} as const satisfies Record<string, AlertTopicName>;

/** The environment variable holding an alert topic's ARN: `<NAME>_TOPIC_ARN`, e.g. ORDER_ERRORS_TOPIC_ARN. */
export function alertTopicEnvironmentName(topic: AlertTopicName): string {
  return `${topic.toUpperCase().replace(/-/g, '_')}_TOPIC_ARN`;
}
