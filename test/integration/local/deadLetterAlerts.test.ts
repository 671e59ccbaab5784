// A dead letter on the local bus becomes an order-errors alert in the team's mailbox, as a
// dead-letter queue's alarm notifies order-errors on AWS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { createEventBus } from 'appsync-local/eventbridge/index.ts';
import { LOCAL_ACCOUNT_ID, LocalIam } from 'appsync-local/iam/principals.ts';
import { listEmails } from 'appsync-local/mail/index.ts';
import { deadLetterReporter } from '../../../local/deadLetterAlerts.ts';
import { startTeamAlerts, type TeamAlerts } from '../../support/teamAlerts.ts';

const iam = new LocalIam();
let alerts: TeamAlerts;

beforeAll(async () => {
  alerts = await startTeamAlerts({
    topics: ['order-errors'],
    principals: iam.principals,
    isAllowed: (principal, action, resource) => iam.isAllowed(principal, action, resource),
  });
});

afterAll(async () => {
  await alerts?.close();
});

describe('deadLetterReporter', () => {
  it('publishes each dead letter to order-errors with its event, rule, target and last error', async () => {
    const { sns, mailbox } = alerts;
    const topicArn = sns.topicArn('order-errors');
    const bus = createEventBus({
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      busNames: ['commerce'],
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 },
      principals: iam.principals,
      onDeadLetter: deadLetterReporter({
        region: LOCAL_REGION,
        snsEndpoint: sns.endpoint,
        topicArn,
        role: iam.createRole('dead-letter-alarms', [{ action: 'sns:Publish', resource: topicArn }]),
        log: (line) => {
          throw new Error(line);
        },
      }),
      rules: [
        {
          name: 'email-order-updates',
          eventBusName: 'commerce',
          eventPattern: { source: ['ecommerce.orders'] },
          targets: [
            {
              id: 'notifications-order-status',
              deliver: async () => {
                throw new Error('The mail server is down.');
              },
            },
          ],
        },
      ],
    });
    const { Entries } = bus.putEvents([
      { EventBusName: 'commerce', Source: 'ecommerce.orders', DetailType: 'OrderCreated', Detail: '{"orderId":"o-dead"}' },
    ]);
    await bus.whenIdle();
    await expect.poll(() => sns.messages('order-errors').length, { timeout: 5_000 }).toBe(1);
    await sns.whenIdle();
    const [email] = await listEmails(mailbox.url);
    expect(email?.subject).toBe('Dead letter: OrderCreated to notifications-order-status');
    expect(email?.text).toContain(`(event ${Entries[0]!.EventId}) to notifications-order-status`);
    expect(email?.text).toContain('through rule email-order-updates after 2 attempt(s): Error: The mail server is down.');
    expect(email?.text).toContain('"orderId": "o-dead"');
    await bus.close();
  });
});
