// Topics and subscriptions as the local SNS keeps them: ARNs as SNS makes them, CreateTopic's
// name rule and idempotence, an email subscription pending until its token confirms it, and the
// lists' pages.
import { describe, expect, it } from 'vitest';
import { SnsError } from '../../../src/sns/errors.ts';
import { PAGE_SIZE, pageOf, TopicStore } from '../../../src/sns/store.ts';

const CONTEXT = { region: 'eu-west-1', accountId: '123456789012' };

function failure(action: () => unknown): { code: string; message: string; status: number } {
  try {
    action();
  } catch (error) {
    if (error instanceof SnsError) return { code: error.code, message: error.message, status: error.status };
    throw error;
  }
  return expect.fail('no error was thrown');
}

describe('TopicStore', () => {
  it('names a topic arn:aws:sns:<region>:<account>:<name>, and makes it once', () => {
    const store = new TopicStore(CONTEXT);
    const topic = store.create('order-alerts');
    expect(topic.arn).toBe('arn:aws:sns:eu-west-1:123456789012:order-alerts');
    expect(store.create('order-alerts')).toBe(topic);
    expect(store.list()).toEqual([topic]);
    expect(store.find('order-alerts')).toBe(topic);
    expect(store.find(topic.arn)).toBe(topic);
  });

  it("refuses names outside CreateTopic's rule, and attributes that differ from an existing topic's", () => {
    const store = new TopicStore(CONTEXT);
    for (const name of ['', 'with space', 'a'.repeat(257), 'orders.fifo']) {
      expect(failure(() => store.create(name))).toEqual({
        code: 'InvalidParameter',
        message: 'Invalid parameter: Topic Name',
        status: 400,
      });
    }
    store.create('order-alerts', { DisplayName: 'Orders' });
    expect(store.create('order-alerts', { DisplayName: 'Orders' }).displayName).toBe('Orders');
    expect(failure(() => store.create('order-alerts', { DisplayName: 'Other' })).message).toBe(
      'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
    );
  });

  it('answers InvalidParameter for a TopicArn that is no topic ARN and NotFound for one of no topic', () => {
    const store = new TopicStore(CONTEXT);
    store.create('order-alerts');
    expect(failure(() => store.topic('order-alerts')).code).toBe('InvalidParameter');
    expect(failure(() => store.topic(undefined)).code).toBe('InvalidParameter');
    expect(failure(() => store.topic('arn:aws:sns:eu-west-1:123456789012:order-errors'))).toEqual({
      code: 'NotFound',
      message: 'Topic does not exist',
      status: 404,
    });
    expect(failure(() => store.topic('arn:aws:sns:us-east-1:123456789012:order-alerts')).code).toBe('NotFound');
  });

  it('keeps an email subscription pending until ConfirmSubscription is given its token', () => {
    const store = new TopicStore(CONTEXT);
    const topic = store.create('order-errors');
    const subscription = store.subscribe(topic, 'email', 'team@example.com');
    expect(subscription).toMatchObject({
      protocol: 'email',
      endpoint: 'team@example.com',
      owner: '123456789012',
      confirmed: false,
    });
    expect(subscription.arn).toMatch(/^arn:aws:sns:eu-west-1:123456789012:order-errors:[0-9a-f-]{36}$/);
    expect(store.subscribe(topic, 'email', 'team@example.com')).toBe(subscription);
    expect(failure(() => store.confirm(topic, 'not-the-token')).message).toBe('Invalid parameter: Token');
    expect(store.confirm(topic, subscription.token)).toBe(subscription);
    expect(subscription.confirmed).toBe(true);
  });

  it('refuses protocols other than email, and endpoints that are no email address', () => {
    const store = new TopicStore(CONTEXT);
    const topic = store.create('order-errors');
    expect(failure(() => store.subscribe(topic, 'carrier-pigeon', 'x')).message).toBe(
      'Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon',
    );
    expect(failure(() => store.subscribe(topic, 'https', 'https://example.com/hook')).message).toMatch(
      /^Invalid parameter: Protocol Reason: the local SNS delivers to email subscriptions only, not https$/,
    );
    expect(failure(() => store.subscribe(topic, 'email', 'nobody')).message).toBe('Invalid parameter: Email address');
  });

  it('unsubscribes by ARN, and answers NotFound for a subscription that does not exist', () => {
    const store = new TopicStore(CONTEXT);
    const topic = store.create('order-errors');
    const subscription = store.subscribe(topic, 'email', 'team@example.com');
    store.unsubscribe(subscription.arn);
    expect(topic.subscriptions).toEqual([]);
    expect(failure(() => store.unsubscribe(subscription.arn))).toMatchObject({ code: 'NotFound', status: 404 });
  });
});

describe('pageOf', () => {
  it('gives the lists 100 at a time, with a NextToken while more remain', () => {
    const items = Array.from({ length: PAGE_SIZE * 2 + 5 }, (_, i) => i);
    const first = pageOf(items, undefined);
    expect(first.page).toHaveLength(PAGE_SIZE);
    const second = pageOf(items, first.nextToken);
    expect(second.page[0]).toBe(PAGE_SIZE);
    const last = pageOf(items, second.nextToken);
    expect(last).toEqual({ page: [200, 201, 202, 203, 204], nextToken: undefined });
    expect(failure(() => pageOf(items, '!!')).message).toBe('Invalid parameter: NextToken');
  });
});
