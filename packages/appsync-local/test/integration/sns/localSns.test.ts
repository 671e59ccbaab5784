// The local SNS, driven by the real @aws-sdk/client-sns client as the services will publish team
// alerts, delivering email subscriptions into a real MailDev started here and read back through
// MailDev's REST API (GET /api/email), as a person reads them in its web UI.
import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MailDev } from 'maildev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalIam, type LocalRole } from '../../../src/iam/principals.ts';
import { findFreePort } from '../../../src/ports.ts';
import {
  CONFIRMATION_SUBJECT,
  DEFAULT_SUBJECT,
  startLocalSns,
  type LocalSns,
  type PublishedMessage,
} from '../../../src/sns/index.ts';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const TOPICS = ['order-alerts', 'order-errors', 'critical-alerts'];
const ON_CALL = 'oncall@example.com';
const arnOf = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;

/** An email as MailDev's REST API gives it (the fields read here). */
interface MailDevEmail {
  subject: string;
  text: string;
  from: { address: string; name: string }[];
  to: { address: string; name: string }[];
}

const iam = new LocalIam();
let publisher: LocalRole;
let listerOnly: LocalRole;
let maildev: MailDev;
let mailDirectory: string;
let mailboxUrl: string;
let sns: LocalSns;

beforeAll(async () => {
  mailDirectory = await mkdtemp(join(tmpdir(), 'sns-maildev-'));
  maildev = new MailDev({ smtp: 0, web: 0, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true, mailDirectory });
  const servers = await maildev.start();
  const web = servers.api?.getAddress();
  if (!web) throw new Error('MailDev started without its web API.');
  mailboxUrl = `http://127.0.0.1:${web.port}`;
  publisher = iam.createRole('alerts-publisher', [{ action: 'sns:*', resource: `arn:aws:sns:${REGION}:${ACCOUNT}:*` }]);
  listerOnly = iam.createRole('lister', [{ action: 'sns:ListTopics', resource: '*' }]);
  sns = await startLocalSns({
    region: REGION,
    accountId: ACCOUNT,
    topics: TOPICS,
    subscriptions: [{ topic: 'critical-alerts', protocol: 'email', endpoint: ON_CALL }],
    smtp: { host: '127.0.0.1', port: servers.smtp.getAddress().port },
    principals: iam.principals,
    isAllowed: (principal, action, resource) => iam.isAllowed(principal, action, resource),
  });
});

afterAll(async () => {
  await sns?.close();
  await maildev?.stop();
  await rm(mailDirectory, { recursive: true, force: true });
});

function client(role: LocalRole = publisher): SNSClient {
  return new SNSClient({ endpoint: sns.endpoint, region: REGION, credentials: role, maxAttempts: 1 });
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const error = (await promise.then(
    () => expect.fail('the call succeeded'),
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

/** The emails MailDev holds for an address, once there are at least `count` (MailDev stores them just after SMTP accepts them). */
async function emailsTo(address: string, count = 1): Promise<MailDevEmail[]> {
  await sns.whenIdle();
  for (let attempt = 0; ; attempt += 1) {
    const all = (await (await fetch(`${mailboxUrl}/api/email`)).json()) as MailDevEmail[];
    const mine = all.filter((email) => email.to.some((to) => to.address === address));
    if (mine.length >= count || attempt === 50) return mine;
    await sleep(100);
  }
}

describe('Publish', () => {
  it('emails a confirmed subscriber the message with its Subject, from AWS Notifications, as SNS does', async () => {
    const { MessageId } = await client().send(
      new PublishCommand({
        TopicArn: arnOf('critical-alerts'),
        Subject: 'ALARM: "commerce-Errors-orders" in US East (N. Virginia)',
        Message: 'The function orders-placeOrder failed 3 times in 5 minutes.\nSee the dashboard.',
      }),
    );
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const [email, ...others] = await emailsTo(ON_CALL);
    expect(others).toEqual([]);
    expect(email!.subject).toBe('ALARM: "commerce-Errors-orders" in US East (N. Virginia)');
    expect(email!.from).toEqual([{ address: 'no-reply@sns.amazonaws.com', name: 'AWS Notifications' }]);
    expect(email!.text).toMatch(/^The function orders-placeOrder failed 3 times in 5 minutes\.\nSee the dashboard\.\n\n--\n/);
    expect(email!.text).toContain(
      `${sns.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(arnOf('critical-alerts'))}`,
    );
  });

  it('gives a message published without a Subject the subject "AWS Notification Message"', async () => {
    const before = (await emailsTo(ON_CALL)).length;
    await client().send(new PublishCommand({ TopicArn: arnOf('critical-alerts'), Message: 'no subject here' }));
    const emails = await emailsTo(ON_CALL, before + 1);
    expect(emails.at(-1)).toMatchObject({ subject: DEFAULT_SUBJECT, text: expect.stringMatching(/^no subject here\n/) });
  });

  it('sends an email subscriber the `email` entry of a message with MessageStructure json', async () => {
    const before = (await emailsTo(ON_CALL)).length;
    await client().send(
      new PublishCommand({
        TopicArn: arnOf('critical-alerts'),
        MessageStructure: 'json',
        Message: JSON.stringify({ default: '{"orderId":"o-1"}', email: 'Order o-1 could not be compensated.' }),
      }),
    );
    expect((await emailsTo(ON_CALL, before + 1)).at(-1)?.text).toMatch(/^Order o-1 could not be compensated\.\n/);
  });

  it('answers NotFound (404) "Topic does not exist" for a topic that does not exist', async () => {
    expect(await rejection(client().send(new PublishCommand({ TopicArn: arnOf('no-such-topic'), Message: 'hello' })))).toEqual({
      name: 'NotFoundException',
      message: 'Topic does not exist',
      status: 404,
    });
  });

  it('answers InvalidParameter for a TopicArn that is no topic ARN, an empty message and a subject with a line break', async () => {
    const refusals = await Promise.all([
      rejection(client().send(new PublishCommand({ TopicArn: 'order-alerts', Message: 'hello' }))),
      rejection(client().send(new PublishCommand({ TopicArn: arnOf('order-alerts'), Message: '' }))),
      rejection(client().send(new PublishCommand({ TopicArn: arnOf('order-alerts'), Message: 'hi', Subject: 'two\nlines' }))),
    ]);
    expect(refusals).toEqual([
      { name: 'InvalidParameterException', message: 'Invalid parameter: TopicArn', status: 400 },
      { name: 'InvalidParameterException', message: 'Invalid parameter: Empty message', status: 400 },
      { name: 'InvalidParameterException', message: 'Invalid parameter: Subject', status: 400 },
    ]);
  });

  it('answers ParameterValueInvalid for a message attribute without a value', async () => {
    const refusal = await rejection(
      client().send(
        new PublishCommand({
          TopicArn: arnOf('order-alerts'),
          Message: 'hello',
          MessageAttributes: { orderId: { DataType: 'String', StringValue: '' } },
        }),
      ),
    );
    expect(refusal).toEqual({
      name: 'InvalidParameterValueException',
      message:
        "The message attribute 'orderId' must contain non-empty message attribute value for message attribute type 'String'.",
      status: 400,
    });
  });

  it('refuses a caller IAM does not allow to publish (AuthorizationError) and a key it does not know (InvalidClientTokenId)', async () => {
    expect(
      await rejection(client(listerOnly).send(new PublishCommand({ TopicArn: arnOf('order-alerts'), Message: 'hi' }))),
    ).toEqual({
      name: 'AuthorizationErrorException',
      message: `User: ${listerOnly.userArn} is not authorized to perform: SNS:Publish on resource: ${arnOf('order-alerts')} because no identity-based policy allows the SNS:Publish action`,
      status: 403,
    });
    const stranger = new SNSClient({
      endpoint: sns.endpoint,
      region: REGION,
      credentials: { accessKeyId: 'AKIASTRANGER00000000', secretAccessKey: 'not-ours' },
      maxAttempts: 1,
    });
    expect(await rejection(stranger.send(new ListTopicsCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: 403,
    });
  });
});

describe('GET /messages', () => {
  it('lists every message published to a topic, with its attributes and each delivery', async () => {
    await client().send(
      new PublishCommand({
        TopicArn: arnOf('order-alerts'),
        Subject: 'Order placed',
        Message: 'Order o-42 was placed: 3 items, 59.90 EUR.',
        MessageAttributes: {
          orderId: { DataType: 'String', StringValue: 'o-42' },
          total: { DataType: 'Number', StringValue: '59.90' },
        },
      }),
    );
    await client().send(new PublishCommand({ TopicArn: arnOf('critical-alerts'), Message: 'critical, not an order' }));
    await sns.whenIdle();
    const response = await fetch(`${sns.endpoint}/messages?topic=order-alerts`);
    expect(response.status).toBe(200);
    const listed = (await response.json()) as PublishedMessage[];
    expect(listed.at(-1)).toEqual({
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      topicArn: arnOf('order-alerts'),
      topic: 'order-alerts',
      subject: 'Order placed',
      message: 'Order o-42 was placed: 3 items, 59.90 EUR.',
      messageAttributes: {
        orderId: { DataType: 'String', StringValue: 'o-42' },
        total: { DataType: 'Number', StringValue: '59.90' },
      },
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      deliveries: [],
    });
    expect(listed.every((message) => message.topic === 'order-alerts')).toBe(true);

    const critical = (await (
      await fetch(`${sns.endpoint}/messages?topic=${encodeURIComponent(arnOf('critical-alerts'))}`)
    ).json()) as PublishedMessage[];
    expect(critical.at(-1)?.deliveries).toEqual([
      {
        subscriptionArn: expect.stringMatching(/^arn:aws:sns:us-east-1:000000000000:critical-alerts:[0-9a-f-]{36}$/),
        protocol: 'email',
        endpoint: ON_CALL,
        status: 'delivered',
      },
    ]);
    expect(sns.messages('critical-alerts').at(-1)?.message).toBe('critical, not an order');
  });

  it('answers 404 for a topic that does not exist', async () => {
    expect((await fetch(`${sns.endpoint}/messages?topic=no-such-topic`)).status).toBe(404);
  });
});

describe('Subscribe (email)', () => {
  it('is pending until the link of its confirmation email is followed; then the address receives what is published', async () => {
    const address = 'team@example.com';
    const topicArn = arnOf('order-errors');
    const { SubscriptionArn } = await client().send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: address }),
    );
    expect(SubscriptionArn).toBe('pending confirmation');
    const pending = await client().send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(pending.Subscriptions).toEqual([
      { TopicArn: topicArn, Protocol: 'email', SubscriptionArn: 'PendingConfirmation', Owner: ACCOUNT, Endpoint: address },
    ]);
    await client().send(new PublishCommand({ TopicArn: topicArn, Message: 'before confirmation' }));

    const [confirmation, ...others] = await emailsTo(address);
    expect(others).toEqual([]); // the message published while pending was not sent
    expect(confirmation!.subject).toBe(CONFIRMATION_SUBJECT);
    expect(confirmation!.text).toContain(`You have chosen to subscribe to the topic: \n${topicArn}`);
    const link = /http:\/\/\S+Action=ConfirmSubscription\S+/.exec(confirmation!.text)?.[0];
    expect(link).toBeDefined();
    const confirmed = await fetch(link!);
    expect(confirmed.status).toBe(200);
    const subscriptionArn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(await confirmed.text())?.[1];
    expect(subscriptionArn).toMatch(new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));

    const listed = await client().send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(listed.Subscriptions?.[0]?.SubscriptionArn).toBe(subscriptionArn);
    await client().send(
      new PublishCommand({ TopicArn: topicArn, Subject: 'Compensation failed', Message: 'Stock for o-7 was not returned.' }),
    );
    expect((await emailsTo(address, 2)).at(-1)).toMatchObject({
      subject: 'Compensation failed',
      text: expect.stringMatching(/^Stock for o-7 was not returned\.\n/),
    });
    // Subscribing again changes nothing and answers the subscription's ARN.
    const again = await client().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: address }));
    expect(again.SubscriptionArn).toBe(subscriptionArn);
  });

  it('stops at the unsubscribe link each message carries', async () => {
    const address = 'leaver@example.com';
    const topicArn = arnOf('order-alerts');
    const { SubscriptionArn } = await client().send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: address, ReturnSubscriptionArn: true }),
    );
    expect(SubscriptionArn).toMatch(new RegExp(`^${topicArn}:`));
    const [confirmation] = await emailsTo(address);
    await fetch(/http:\/\/\S+Action=ConfirmSubscription\S+/.exec(confirmation!.text)![0]);
    await client().send(new PublishCommand({ TopicArn: topicArn, Message: 'first' }));
    const [, message] = await emailsTo(address, 2);
    const unsubscribe = await fetch(/http:\/\/\S+Action=Unsubscribe\S+/.exec(message!.text)![0]);
    expect(unsubscribe.status).toBe(200);
    const { Subscriptions } = await client().send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(Subscriptions?.map((s) => s.Endpoint)).not.toContain(address);
  });

  it('refuses a protocol the local SNS does not deliver, and an endpoint that is no email address', async () => {
    const [sqs, bad] = await Promise.all([
      rejection(
        client().send(
          new SubscribeCommand({
            TopicArn: arnOf('order-alerts'),
            Protocol: 'sqs',
            Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q',
          }),
        ),
      ),
      rejection(
        client().send(new SubscribeCommand({ TopicArn: arnOf('order-alerts'), Protocol: 'email', Endpoint: 'not an address' })),
      ),
    ]);
    expect(sqs).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(bad).toEqual({ name: 'InvalidParameterException', message: 'Invalid parameter: Email address', status: 400 });
  });
});

describe('CreateTopic and ListTopics', () => {
  it('make a topic once (CreateTopic again answers the same ARN) and list it after the declared ones', async () => {
    const first = await client().send(new CreateTopicCommand({ Name: 'stock-alerts', Attributes: { DisplayName: 'Stock' } }));
    const second = await client().send(new CreateTopicCommand({ Name: 'stock-alerts' }));
    expect(first.TopicArn).toBe(arnOf('stock-alerts'));
    expect(second.TopicArn).toBe(first.TopicArn);
    const { Topics, NextToken } = await client(listerOnly).send(new ListTopicsCommand({}));
    expect(Topics?.map((t) => t.TopicArn)).toEqual([...TOPICS, 'stock-alerts'].map(arnOf));
    expect(NextToken).toBeUndefined();
  });

  it('refuses a name CreateTopic does not allow', async () => {
    expect(await rejection(client().send(new CreateTopicCommand({ Name: 'no spaces' })))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Topic Name',
      status: 400,
    });
  });
});

describe('a mailbox that cannot be reached', () => {
  it('fails the delivery, shown in the listing, without failing Publish', async () => {
    const unreachable = await startLocalSns({
      region: REGION,
      accountId: ACCOUNT,
      topics: ['critical-alerts'],
      subscriptions: [{ topic: 'critical-alerts', protocol: 'email', endpoint: ON_CALL }],
      smtp: { host: '127.0.0.1', port: await findFreePort() },
      principals: iam.principals,
    });
    try {
      const publishing = new SNSClient({
        endpoint: unreachable.endpoint,
        region: REGION,
        credentials: publisher,
        maxAttempts: 1,
      });
      await publishing.send(new PublishCommand({ TopicArn: arnOf('critical-alerts'), Message: 'nobody hears this' }));
      await unreachable.whenIdle();
      expect(unreachable.messages('critical-alerts')[0]?.deliveries).toEqual([
        expect.objectContaining({ endpoint: ON_CALL, status: 'failed', error: expect.stringMatching(/ECONNREFUSED/) }),
      ]);
    } finally {
      await unreachable.close();
    }
  });
});
