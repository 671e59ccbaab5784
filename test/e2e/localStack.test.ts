import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import { idTokenOf, signIn } from '../support/cognitoSignIn.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';

const { outputs, local, outputsFile, testCredentials } = localStack();

describe('amplify_outputs.json', () => {
  it('is written in the shape Amplify.configure() accepts, with custom.local holding exactly the local endpoints', () => {
    const written = JSON.parse(readFileSync(outputsFile, 'utf8'));
    expect(written).toEqual(outputs);
    expect(written.auth).toEqual(
      expect.objectContaining({
        aws_region: 'us-east-1',
        user_pool_id: local.userPoolId,
        user_pool_client_id: local.userPoolClientId,
      }),
    );
    expect(written.data).toEqual({
      aws_region: 'us-east-1',
      url: local.graphqlUrl,
      api_key: local.apiKey,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['API_KEY', 'AWS_IAM'],
    });
    expect(Object.keys(written.custom.local).sort()).toEqual(
      [
        'apiKey',
        'cognitoEndpoint',
        'demoUsers',
        'eventBusEndpoint',
        'explorerUrl',
        'graphqlUrl',
        'paymentProviderUrl',
        'realtimeUrl',
        'region',
        's3Endpoint',
        'mailboxUrl',
        'snsEndpoint',
        'alertEmail',
        'credentials',
        'dynamodbEndpoint',
        'userPoolClientId',
        'userPoolId',
      ].sort(),
    );
    expect(written.custom.local.demoUsers.map((u: { groups: string[] }) => u.groups)).toEqual([
      [],
      ['admin'],
      ['warehouse'],
      ['delivery'],
    ]);
  });
});

describe('signing in with the demo users', () => {
  it('gives each demo user tokens carrying their groups', async () => {
    for (const user of local.demoUsers) {
      const session = await signIn(local, user.username, user.password);
      expect(session.getIdToken().payload['cognito:groups'] ?? []).toEqual(user.groups);
    }
  });

  it('refuses a wrong password', async () => {
    await expect(signIn(local, 'customer@example.com', 'wrong-password')).rejects.toThrow();
  });

  it('lets the signed-in customer read the catalog and keeps the back office closed to them', async () => {
    const headers = { authorization: await idTokenOf(local, 'customer') };
    const catalog = await postGraphQL(local.graphqlUrl, '{ getProduct(productId: "demo-toys-03") { name } }', { headers });
    expect(catalog.body).toEqual({ data: { getProduct: { name: 'Puzzle 1000 pieces' } } });
    const backOffice = await postGraphQL(local.graphqlUrl, '{ getPackagingRequest(orderId: "x") { orderId } }', { headers });
    expect(backOffice.body.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized' })]);
  });

  it('opens the back office to the warehouse user', async () => {
    const headers = { authorization: await idTokenOf(local, 'warehouse') };
    const response = await postGraphQL(local.graphqlUrl, '{ getPackagingRequest(orderId: "x") { orderId } }', { headers });
    expect(response.body).toEqual({ data: { getPackagingRequest: null } });
  });

  it('serves guests with the API key from the outputs', async () => {
    const response = await postGraphQL(
      local.graphqlUrl,
      '{ getProductsByCategory(category: "books", limit: 1) { products { category } } }',
      {
        headers: { 'x-api-key': local.apiKey },
      },
    );
    expect(response.body).toEqual({ data: { getProductsByCategory: { products: [{ category: 'books' }] } } });
  });
});

describe('the event bus', () => {
  it('takes PutEvents from the AWS SDK, signed with an IAM role of the stack', async () => {
    const client = new EventBridgeClient({
      region: local.region,
      endpoint: local.eventBusEndpoint,
      credentials: testCredentials,
    });
    const result = await client.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: 'commerce', Source: 'ecommerce.tests', DetailType: 'Ping', Detail: '{"n":1}' }],
      }),
    );
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries?.[0]?.EventId).toEqual(expect.any(String));
    client.destroy();
  });

  it('refuses PutEvents signed with credentials the stack does not know', async () => {
    const client = new EventBridgeClient({
      region: local.region,
      endpoint: local.eventBusEndpoint,
      credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'nope' },
      maxAttempts: 1,
    });
    await expect(
      client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'commerce', Source: 'x', DetailType: 'y', Detail: '{}' }] })),
    ).rejects.toThrow();
    client.destroy();
  });
});

describe('the payment provider simulator', () => {
  it('pre-authorises a card at the URL in the outputs', async () => {
    const response = await fetch(`${local.paymentProviderUrl}/preauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cardNumber: '4242424242424242', amount: 2500 }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual(expect.objectContaining({ paymentToken: expect.any(String), status: 'AUTHORIZED' }));
  });
});
