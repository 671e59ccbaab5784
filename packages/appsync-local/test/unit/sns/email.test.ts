// The two emails of SNS's email protocol, worded as SNS words them, with links to the local SNS.
import { describe, expect, it } from 'vitest';
import { CONFIRMATION_SUBJECT, confirmationEmail, DEFAULT_SUBJECT, notificationEmail } from '../../../src/sns/email.ts';
import { acceptMessage } from '../../../src/sns/publish.ts';
import { TopicStore } from '../../../src/sns/store.ts';

const ENDPOINT = 'http://127.0.0.1:4575';

function subscribed(displayName?: string) {
  const store = new TopicStore({ region: 'us-east-1', accountId: '000000000000' });
  const topic = store.create('order-errors', displayName === undefined ? {} : { DisplayName: displayName });
  return { topic, subscription: store.subscribe(topic, 'email', 'team@example.com') };
}

describe('confirmationEmail', () => {
  it('names the topic and links to ConfirmSubscription with its token', () => {
    const { topic, subscription } = subscribed();
    const email = confirmationEmail(subscription, topic, ENDPOINT);
    expect(email).toMatchObject({
      from: '"AWS Notifications" <no-reply@sns.amazonaws.com>',
      to: 'team@example.com',
      subject: CONFIRMATION_SUBJECT,
    });
    expect(email.text).toContain(
      'You have chosen to subscribe to the topic: \narn:aws:sns:us-east-1:000000000000:order-errors\n',
    );
    const link = new URL(/http:\S+/.exec(email.text)![0]);
    expect(`${link.origin}${link.pathname}`).toBe(`${ENDPOINT}/`);
    expect(Object.fromEntries(link.searchParams)).toEqual({
      Action: 'ConfirmSubscription',
      TopicArn: topic.arn,
      Token: subscription.token,
    });
  });
});

describe('notificationEmail', () => {
  it('is the Subject (or "AWS Notification Message") and the message, then the unsubscribe link', () => {
    const { topic, subscription } = subscribed('Commerce "errors"');
    const message = acceptMessage(
      {
        topicArn: topic.arn,
        subject: undefined,
        message: 'Checkout o-9 failed after authorisation.',
        messageStructure: undefined,
        messageAttributes: {},
      },
      topic,
      new Date(),
    );
    const email = notificationEmail(message, subscription, topic, ENDPOINT);
    expect(email.from).toBe('"Commerce \\"errors\\"" <no-reply@sns.amazonaws.com>');
    expect(email.subject).toBe(DEFAULT_SUBJECT);
    expect(email.text.split('\n--\n')[0]).toBe('Checkout o-9 failed after authorisation.\n');
    const link = new URL(/http:\S+/.exec(email.text)![0]);
    expect(Object.fromEntries(link.searchParams)).toEqual({ Action: 'Unsubscribe', SubscriptionArn: subscription.arn });
    expect(notificationEmail({ ...message, subject: 'Checkout failed' }, subscription, topic, ENDPOINT).subject).toBe(
      'Checkout failed',
    );
  });
});
