// Topics and their subscriptions, as SNS keeps them: a topic's ARN is
// `arn:aws:sns:<region>:<account>:<name>`, a subscription's is the topic's ARN and a UUID. An email
// subscription starts pending, with a token its confirmation link carries; only a confirmed one
// receives messages. CreateTopic and Subscribe are idempotent, as SNS's are.
import { randomBytes, randomUUID } from 'node:crypto';
import { invalidParameter, subscriptionNotFound, topicNotFound } from './errors.ts';

/** The protocols SNS knows; the local SNS delivers `email` only (the others are refused by name). */
export const SNS_PROTOCOLS = ['email', 'email-json', 'http', 'https', 'sqs', 'lambda', 'sms', 'application', 'firehose'] as const;
export type DeliveredProtocol = 'email';

export interface Topic {
  readonly name: string;
  readonly arn: string;
  /** The topic's DisplayName attribute: the From name of its emails. */
  displayName: string | undefined;
  readonly subscriptions: Subscription[];
}

export interface Subscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: DeliveredProtocol;
  readonly endpoint: string;
  /** The subscriber's account. */
  readonly owner: string;
  confirmed: boolean;
  /** What ConfirmSubscription must be given, as the confirmation email's link carries it. */
  readonly token: string;
}

// CreateTopic's rule: ASCII letters, digits, hyphens and underscores, 1 to 256 of them (FIFO
// topics, `.fifo`, are not served here).
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
// SNS checks an email endpoint's shape only; the confirmation email proves the address.
const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+$/;

export class TopicStore {
  readonly #arnPrefix: string;
  readonly #accountId: string;
  readonly #byArn = new Map<string, Topic>();

  constructor(context: { region: string; accountId: string }) {
    this.#arnPrefix = `arn:aws:sns:${context.region}:${context.accountId}:`;
    this.#accountId = context.accountId;
  }

  arnOf(name: string): string {
    return `${this.#arnPrefix}${name}`;
  }

  /** CreateTopic: the topic of that name, made if new; an existing one keeps its attributes unless they are given again alike. */
  create(name: string, attributes: Readonly<Record<string, string>> = {}): Topic {
    if (!TOPIC_NAME.test(name)) throw invalidParameter('Topic Name');
    const existing = this.#byArn.get(this.arnOf(name));
    const displayName = attributes.DisplayName;
    if (existing) {
      if (displayName !== undefined && displayName !== (existing.displayName ?? '')) {
        throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      }
      return existing;
    }
    const topic: Topic = { name, arn: this.arnOf(name), displayName, subscriptions: [] };
    this.#byArn.set(topic.arn, topic);
    return topic;
  }

  /** Every topic, oldest first. */
  list(): Topic[] {
    return [...this.#byArn.values()];
  }

  /** The topic a TopicArn names: InvalidParameter if it is no SNS topic ARN, NotFound if no such topic exists. */
  topic(topicArn: string | undefined): Topic {
    assertTopicArn(topicArn);
    const topic = this.#byArn.get(topicArn);
    if (!topic) throw topicNotFound();
    return topic;
  }

  /** The topic of a name or an ARN, if there is one (for the message listing and in-process callers). */
  find(nameOrArn: string): Topic | undefined {
    return this.#byArn.get(nameOrArn.startsWith('arn:') ? nameOrArn : this.arnOf(nameOrArn));
  }

  /**
   * Subscribe: the subscription of that endpoint to the topic, made pending if new. `isNew` or a
   * still-pending one means a confirmation email is (again) due, as SNS sends it again.
   */
  subscribe(topic: Topic, protocol: string | undefined, endpoint: string | undefined, owner = this.#accountId): Subscription {
    if (protocol === undefined || protocol === '') throw invalidParameter('Protocol');
    if (protocol !== 'email') {
      throw (SNS_PROTOCOLS as readonly string[]).includes(protocol)
        ? invalidParameter(`Protocol Reason: the local SNS delivers to email subscriptions only, not ${protocol}`)
        : invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
    }
    if (endpoint === undefined || !EMAIL_ADDRESS.test(endpoint)) throw invalidParameter('Email address');
    const existing = topic.subscriptions.find((s) => s.protocol === protocol && s.endpoint === endpoint);
    if (existing) return existing;
    const subscription: Subscription = {
      arn: `${topic.arn}:${randomUUID()}`,
      topicArn: topic.arn,
      protocol,
      endpoint,
      owner,
      confirmed: false,
      token: randomBytes(64).toString('hex'),
    };
    topic.subscriptions.push(subscription);
    return subscription;
  }

  /** ConfirmSubscription: the pending subscription whose token this is becomes confirmed (again confirming is harmless). */
  confirm(topic: Topic, token: string | undefined): Subscription {
    const subscription = token ? topic.subscriptions.find((s) => s.token === token) : undefined;
    if (!subscription) throw invalidParameter('Token');
    subscription.confirmed = true;
    return subscription;
  }

  /** The subscription of an ARN, with its topic. */
  subscription(subscriptionArn: string | undefined): { topic: Topic; subscription: Subscription } {
    if (!subscriptionArn) throw invalidParameter('SubscriptionArn');
    const topicArn = subscriptionArn.slice(0, subscriptionArn.lastIndexOf(':'));
    const topic = this.#byArn.get(topicArn);
    const subscription = topic?.subscriptions.find((s) => s.arn === subscriptionArn);
    if (!topic || !subscription) throw subscriptionNotFound();
    return { topic, subscription };
  }

  unsubscribe(subscriptionArn: string | undefined): void {
    const { topic, subscription } = this.subscription(subscriptionArn);
    topic.subscriptions.splice(topic.subscriptions.indexOf(subscription), 1);
  }
}

/** InvalidParameter unless this is the ARN of a topic (of any region and account: one that is not ours is NotFound). */
export function assertTopicArn(topicArn: string | undefined): asserts topicArn is string {
  if (!topicArn || !/^arn:aws:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(topicArn)) throw invalidParameter('TopicArn');
}

/** The topics and subscriptions lists' pages: SNS answers 100 at a time with a NextToken. */
export const PAGE_SIZE = 100;

export function pageOf<T>(items: readonly T[], nextToken: string | undefined): { page: T[]; nextToken: string | undefined } {
  // A token is the position of the page it asks for, which is never the first.
  const position = nextToken === undefined ? '0' : Buffer.from(nextToken, 'base64url').toString('utf8');
  const start = Number(position);
  if (!/^\d+$/.test(position) || !Number.isSafeInteger(start) || (nextToken !== undefined && start === 0)) {
    throw invalidParameter('NextToken');
  }
  const end = start + PAGE_SIZE;
  return {
    page: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}
