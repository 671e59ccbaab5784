// The team's alert topics (system/alerts.ts): one SNS topic per name, encrypted at rest, reached
// over TLS only, with the operators' email subscribed to each when one is configured.
//
// The key is a customer managed KMS key of this construct, not SNS's AWS managed key
// (`alias/aws/sns`): CloudWatch alarms publish to these topics, and an alarm can publish to an
// encrypted topic only if the key's policy lets `cloudwatch.amazonaws.com` use it
// (kms:Decrypt, kms:GenerateDataKey*). The AWS managed key's policy does not, and cannot be
// edited: alarms with it fail with "CloudWatch Alarms does not have authorization to access the SNS
// topic encryption key" (AWS Knowledge Center, "How do I configure a CloudWatch alarm with an
// encrypted SNS topic?"; the SNS Developer Guide, Key management, "Enable compatibility between
// event sources from AWS services and encrypted topics": use a customer managed key). The key
// encrypts these topics only, and rotates yearly.
//
// The topic policy (a TopicPolicy replaces SNS's default one) denies publishing without TLS
// (`aws:SecureTransport`, CDK's enforceSSL), and lets CloudWatch publish for this account's alarms
// only on the topics alarms notify (alarmAction): without that statement a service principal has
// no way in. Functions get `sns:Publish` and the key with `topic.grantPublish(fn)`.
import { ArnFormat, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { AlertTopicName } from '../../system/alerts.ts';

const CLOUDWATCH = new ServicePrincipal('cloudwatch.amazonaws.com');

export interface AlertTopicsProps {
  readonly names: readonly AlertTopicName[];
  /** Subscribed to every topic (SNS emails it a confirmation link first); none when undefined. */
  readonly alertEmail?: string;
  /** The key's: DESTROY schedules its deletion with the stack's. */
  readonly removalPolicy: RemovalPolicy;
}

export class AlertTopics extends Construct {
  readonly key: Key;
  /** The topics by name: `topics['order-alerts'].grantPublish(fn)` lets a function publish. */
  readonly topics: Readonly<Record<AlertTopicName, Topic>>;
  private readonly alarmActions = new Map<AlertTopicName, IAlarmAction>();

  constructor(scope: Construct, id: string, props: AlertTopicsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.key = new Key(this, 'Key', {
      alias: `${stackName}/alert-topics`,
      description: `Encrypts the ${stackName} alert topics; CloudWatch alarms may use it to publish to them.`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToTheTopics',
        principals: [CLOUDWATCH],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // In a key policy, "*" is this key.
        resources: ['*'],
      }),
    );
    const topics: Partial<Record<AlertTopicName, Topic>> = {};
    for (const name of props.names) {
      const topic = new Topic(this, `Topic-${name}`, {
        topicName: `${stackName}-${name}`,
        displayName: `${stackName} ${name}`,
        masterKey: this.key,
        enforceSSL: true,
      });
      if (props.alertEmail) {
        Validations.of(topic.addSubscription(new EmailSubscription(props.alertEmail))).acknowledge({
          id: 'Serverless-SNSRedrivePolicy',
          reason:
            'An alert email SNS cannot deliver would wait in a queue nobody reads: the alarms also show on the console ' +
            'and the dashboard, and a subscriber that needs delivery kept subscribes a queue or an endpoint itself.',
        });
      }
      topics[name] = topic;
    }
    this.topics = topics as Record<AlertTopicName, Topic>;
  }

  topic(name: AlertTopicName): Topic {
    const topic = this.topics[name];
    if (!topic) throw new Error(`No alert topic is declared as ${name}.`);
    return topic;
  }

  /** The action that notifies a topic, whose policy then lets this account's CloudWatch alarms publish to it. */
  alarmAction(name: AlertTopicName): IAlarmAction {
    const existing = this.alarmActions.get(name);
    if (existing) return existing;
    const topic = this.topic(name);
    const stack = Stack.of(this);
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowThisAccountsCloudWatchAlarms',
        principals: [CLOUDWATCH],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    const action = new SnsAction(topic);
    this.alarmActions.set(name, action);
    return action;
  }
}
