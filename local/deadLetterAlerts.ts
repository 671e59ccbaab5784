// What a dead letter becomes locally: a message on the order-errors topic, which reaches the team's
// mailbox. On AWS a dead-letter queue's depth alarm notifies order-errors (system/alerts.ts
// ALARM_NOTIFICATIONS) once messages wait there, and an operator reads the queue; here the bus
// has no queue, so each dead letter is reported by itself, with what the queue's message would
// hold (the event, the rule and target, the last error), published through the local SNS with a
// role of its own as CloudWatch publishes with its service principal.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { DeadLetter } from 'appsync-local/eventbridge/index.ts';
import type { LocalRole } from 'appsync-local/iam/principals.ts';
import { subjectOf } from '../backend-services/platform/alerts.ts';

export interface DeadLetterReporterOptions {
  readonly region: string;
  readonly snsEndpoint: string;
  /** The order-errors topic. */
  readonly topicArn: string;
  /** May publish to it. */
  readonly role: LocalRole;
  readonly log: (line: string) => void;
}

export function deadLetterReporter(options: DeadLetterReporterOptions): (deadLetter: DeadLetter) => void {
  const client = new SNSClient({
    region: options.region,
    endpoint: options.snsEndpoint,
    credentials: { accessKeyId: options.role.accessKeyId, secretAccessKey: options.role.secretAccessKey },
  });
  return (deadLetter) => {
    const { event, rule, target, attempts, lastError } = deadLetter;
    const message = [
      `The bus gave up delivering ${event.source} ${event['detail-type']} (event ${event.id}) to ${target.id}`,
      `through rule ${rule.name} after ${attempts} attempt(s): ${lastError.name}: ${lastError.message}`,
      '',
      'On AWS this message waits in the targets’ dead-letter queue, and its alarm notifies this topic.',
      'Fix the cause, then put the event on the bus again (GET /dead-letters on the local bus lists them).',
      '',
      JSON.stringify(deadLetter, null, 2),
    ].join('\n');
    client
      .send(
        new PublishCommand({
          TopicArn: options.topicArn,
          Subject: subjectOf(`Dead letter: ${event['detail-type']} to ${target.id}`),
          Message: message,
        }),
      )
      .catch((error: unknown) => options.log(`dead letter not reported on order-errors: ${String(error)}`));
  };
}
