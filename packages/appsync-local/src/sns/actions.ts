// The SNS actions the local SNS serves: each takes the request's parameters (as the query
// protocol carries them) and the caller, asks IAM (`sns:<Action>` on the topic's ARN, before the
// topic is looked up, so a caller without the permission cannot learn what exists), and answers
// the fields of SNS's `<Action>Result`. ConfirmSubscription and Unsubscribe also come unsigned,
// from the links in SNS's emails (caller undefined): SNS lets anyone holding the link use it.
import type { XmlValue } from '../http/awsQuery.ts';
import { flattenedMap } from '../http/awsQuery.ts';
import type { IamPrincipal } from '../iam/sigv4.ts';
import { authorizationError, invalidParameter } from './errors.ts';
import { acceptMessage, parsePublishParameters, type PublishedMessage } from './publish.ts';
import { assertTopicArn, pageOf, type Subscription, type Topic, type TopicStore } from './store.ts';

/** May this principal do this action (`sns:Publish`) on this resource (a topic's ARN)? */
export type IsAllowed = (principal: IamPrincipal, action: string, resource: string) => boolean;

export interface SnsContext {
  readonly store: TopicStore;
  readonly isAllowed: IsAllowed;
  readonly now: () => Date;
  /** Keeps an accepted message and sends it to the topic's confirmed subscriptions. */
  readonly publish: (message: PublishedMessage, topic: Topic) => void;
  /** Sends a pending subscription its confirmation email. */
  readonly requestConfirmation: (subscription: Subscription, topic: Topic) => void;
}

export type Action = (
  params: URLSearchParams,
  caller: IamPrincipal | undefined,
  sns: SnsContext,
) => Readonly<Record<string, XmlValue>> | undefined;

/** Subscribe answers this for a subscription still waiting for its confirmation. */
export const PENDING_CONFIRMATION = 'pending confirmation';
/** …and ListSubscriptionsByTopic shows it so. */
export const PENDING_CONFIRMATION_ARN = 'PendingConfirmation';

const createTopic: Action = (params, caller, sns) => {
  const name = params.get('Name') ?? '';
  const attributes = flattenedMap(params, 'Attributes');
  const unknown = Object.keys(attributes).filter((attribute) => attribute !== 'DisplayName');
  if (unknown.length > 0) {
    throw invalidParameter(`Attributes Reason: the local SNS keeps DisplayName only, not ${unknown.join(', ')}`);
  }
  authorize(caller, 'CreateTopic', sns.store.arnOf(name), sns);
  return { TopicArn: sns.store.create(name, attributes).arn };
};

const listTopics: Action = (params, caller, sns) => {
  authorize(caller, 'ListTopics', sns.store.arnOf('*'), sns);
  const { page, nextToken } = pageOf(sns.store.list(), params.get('NextToken') ?? undefined);
  return { Topics: page.map((topic) => ({ TopicArn: topic.arn })), NextToken: nextToken };
};

const subscribe: Action = (params, caller, sns) => {
  const topic = topicOf('Subscribe', params, caller, sns);
  const attributes = Object.keys(flattenedMap(params, 'Attributes'));
  if (attributes.length > 0) {
    throw invalidParameter(`Attributes Reason: the local SNS applies no subscription attributes (${attributes.join(', ')})`);
  }
  const subscription = sns.store.subscribe(
    topic,
    params.get('Protocol') ?? undefined,
    params.get('Endpoint') ?? undefined,
    caller?.accountId,
  );
  if (!subscription.confirmed) sns.requestConfirmation(subscription, topic);
  const returnArn = subscription.confirmed || params.get('ReturnSubscriptionArn') === 'true';
  return { SubscriptionArn: returnArn ? subscription.arn : PENDING_CONFIRMATION };
};

const confirmSubscription: Action = (params, caller, sns) => {
  const topic = topicOf('ConfirmSubscription', params, caller, sns);
  return { SubscriptionArn: sns.store.confirm(topic, params.get('Token') ?? undefined).arn };
};

const unsubscribe: Action = (params, caller, sns) => {
  const subscriptionArn = params.get('SubscriptionArn') ?? '';
  if (!subscriptionArn.startsWith('arn:aws:sns:')) throw invalidParameter('SubscriptionArn');
  // A subscription's ARN is its topic's and an id: IAM is asked about the topic.
  authorize(caller, 'Unsubscribe', subscriptionArn.slice(0, subscriptionArn.lastIndexOf(':')), sns);
  sns.store.unsubscribe(subscriptionArn);
  return undefined;
};

const listSubscriptionsByTopic: Action = (params, caller, sns) => {
  const topic = topicOf('ListSubscriptionsByTopic', params, caller, sns);
  const { page, nextToken } = pageOf(topic.subscriptions, params.get('NextToken') ?? undefined);
  return {
    Subscriptions: page.map((subscription) => ({
      TopicArn: subscription.topicArn,
      Protocol: subscription.protocol,
      SubscriptionArn: subscription.confirmed ? subscription.arn : PENDING_CONFIRMATION_ARN,
      Owner: subscription.owner,
      Endpoint: subscription.endpoint,
    })),
    NextToken: nextToken,
  };
};

const publish: Action = (params, caller, sns) => {
  const request = parsePublishParameters(params);
  const topic = topicOf('Publish', params, caller, sns);
  const message = acceptMessage(request, topic, sns.now());
  sns.publish(message, topic);
  return { MessageId: message.messageId };
};

export const ACTIONS: Readonly<Record<string, Action>> = {
  CreateTopic: createTopic,
  ListTopics: listTopics,
  Subscribe: subscribe,
  ConfirmSubscription: confirmSubscription,
  Unsubscribe: unsubscribe,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
  Publish: publish,
};

/** The actions SNS's emails link to, served without a signature. */
export const LINK_ACTIONS: ReadonlySet<string> = new Set(['ConfirmSubscription', 'Unsubscribe']);

/** The TopicArn's topic, once its form is checked and IAM allowed the action on it. */
function topicOf(action: string, params: URLSearchParams, caller: IamPrincipal | undefined, sns: SnsContext): Topic {
  const topicArn = params.get('TopicArn') ?? undefined;
  assertTopicArn(topicArn);
  authorize(caller, action, topicArn, sns);
  return sns.store.topic(topicArn);
}

function authorize(caller: IamPrincipal | undefined, action: string, resource: string, sns: SnsContext): void {
  if (caller && !sns.isAllowed(caller, `sns:${action}`, resource)) throw authorizationError(caller.userArn, action, resource);
}
