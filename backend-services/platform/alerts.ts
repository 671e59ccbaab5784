// Telling the team: a message on one of the alert topics (system/alerts.ts), which reach people by
// email (the `alertEmail` subscription on AWS; the local mailbox through the local SNS). A topic's
// ARN comes from the service's config.ts (`<NAME>_TOPIC_ARN`, set with the grant to publish to it:
// system/serviceResources.ts `alerts`); locally SNS_ENDPOINT points at the local SNS.
//
// An alert is a side channel: publishing it never fails what the service was doing. A topic not
// configured, or SNS refusing, is logged as an error instead (the log is the alert of last resort).
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AlertTopicName } from '../../system/alerts.ts';
import { observabilityOf, tracedAwsClient } from './observability.ts';

/** SNS's limit on a subject: "less than 100 characters" (Publish, Subject). */
const MAX_SUBJECT = 99;

export interface Alert {
  /** One line, what happened: the email's subject. */
  readonly subject: string;
  /** What happened, which order, what was done and what an operator should do. */
  readonly message: string;
  /** The facts as data, appended to the message as JSON for tools that parse it. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export type PublishAlert = (topic: AlertTopicName, alert: Alert) => Promise<void>;

export interface AlertSettings {
  readonly region: string;
  /** Local only: the local SNS. */
  readonly snsEndpoint?: string | undefined;
  /** The ARN of each topic the service may publish to, as its config.ts read it. */
  readonly topicArns: Readonly<Partial<Record<AlertTopicName, string | undefined>>>;
}

/** An alert publisher for a service (its name is the logs' and the message's source). */
export function alertPublisher(service: string, settings: AlertSettings): PublishAlert {
  const { logger } = observabilityOf(service);
  let client: SNSClient | undefined;
  return async (topic, alert) => {
    const topicArn = settings.topicArns[topic];
    if (!topicArn) {
      logger.error('An alert could not be published: the topic is not configured', { topic, alert });
      return;
    }
    client ??= tracedAwsClient(
      new SNSClient({ region: settings.region, ...(settings.snsEndpoint ? { endpoint: settings.snsEndpoint } : {}) }),
    );
    try {
      await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: subjectOf(alert.subject),
          Message: messageOf(service, alert),
        }),
      );
    } catch (error) {
      logger.error('An alert could not be published', { topic, alert, error });
    }
  };
}

/** SNS takes a subject of printable ASCII, under 100 characters, on one line. */
export function subjectOf(subject: string): string {
  const plain = subject.replace(/[^\x20-\x7e]/gu, '?').trim();
  return plain.length <= MAX_SUBJECT ? plain : `${plain.slice(0, MAX_SUBJECT - 3)}...`;
}

export function messageOf(service: string, alert: Alert): string {
  return [
    alert.message,
    '',
    `Reported by the ${service} service at ${new Date().toISOString()}.`,
    ...(alert.details ? ['', JSON.stringify(alert.details, null, 2)] : []),
  ].join('\n');
}
