// The developer principal (custom.local.credentials): a person's key pair for the local stack,
// accepted wherever SigV4 is: the bus (PutEvents with the SDK's own client), the API's IAM mode
// (an IAM-only mutation), and the services' IAM-authorised routes.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedFetch } from '../../backend-services/platform/signedFetch.ts';
import { localStack } from '../support/stack.ts';

const { local } = localStack();
const { credentials } = local;

describe('the developer’s credentials', () => {
  it('put events on the bus with @aws-sdk/client-eventbridge, and the events reach their rules', async () => {
    const client = new EventBridgeClient({ region: local.region, endpoint: local.eventBusEndpoint, credentials });
    const orderId = `dev-${randomUUID()}`;
    const sent = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'commerce',
            Source: 'ecommerce.payment',
            DetailType: 'PaymentCaptured',
            Detail: JSON.stringify({ orderId, userId: 'user-dev', amount: 100 }),
          },
        ],
      }),
    );
    client.destroy();
    expect(sent.FailedEntryCount).toBe(0);
    const eventId = sent.Entries![0]!.EventId!;
    await expect
      .poll(
        async () => {
          const deliveries = (await (await fetch(new URL('/deliveries', local.eventBusEndpoint))).json()) as {
            eventId: string;
            rule: string;
          }[];
          return deliveries.filter((delivery) => delivery.eventId === eventId).map((delivery) => delivery.rule);
        },
        { timeout: 10_000, interval: 200 },
      )
      .toContain('issue-invoices');
  });

  it('call the API in its IAM mode: an IAM-only mutation answers', async () => {
    const response = await signedFetch(local.graphqlUrl, {
      method: 'POST',
      region: local.region,
      service: 'appsync',
      credentials: async () => credentials,
      body: {
        query: 'mutation ($input: ProductStockInput!) { publishProductStock(input: $input) { productId stock available } }',
        variables: { input: { productId: 'dev-product', stock: 3, modifiedDate: new Date().toISOString() } },
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { publishProductStock: { productId: 'dev-product', stock: 3, available: true } } });
  });
});
