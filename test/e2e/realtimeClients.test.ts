// Live order status through AppSync's real-time protocol, with clients nobody here wrote (Amplify
// v6, aws-appsync-subscription-link with Apollo Client) and one written from the protocol's
// documentation (appsync-local/testing/realtimeClient.ts) for what libraries hide: the `?header=` form,
// server-side filtering, and connections that drop, send garbage or carry an expired token.
// On the test run's local stack: the back office moves orders over GraphQL; each status change
// travels through the orders table's stream, the bus and the rule's IAM-signed publishOrderStatus.
import { ApolloClient, type ApolloLink, gql, InMemoryCache } from '@apollo/client';
import { Amplify, type ResourcesConfig } from 'aws-amplify';
import { CONNECTION_STATE_CHANGE, ConnectionState, generateClient, type GraphQLSubscription } from 'aws-amplify/api';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { AUTH_TYPE } from 'aws-appsync-auth-link';
import { createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import type { AmplifyOutputs } from '../../local/outputs.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { expiredCopyOf } from '../support/expiredToken.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import {
  connectRealtime,
  type RealtimeConnection,
  RealtimeConnectionRefused,
  type RealtimeConnectOptions,
  userPoolHeader,
} from 'appsync-local/testing/realtimeClient.ts';
import {
  type BackOffice,
  expectedLife,
  expectedUpdates,
  FULFILMENT,
  inOrderMade,
  moveOrderOn,
  moveOrderThrough,
  ON_ORDER_STATUS_CHANGED,
  type OrderStatusUpdate,
  placeNewOrder,
  type SignedIn,
  transition,
} from '../support/orderUpdates.ts';
import { createStoreUser, type StoreUser } from '../support/storeUsers.ts';
import { installGlobalWebSocket, webSocketTrusting } from '../support/trustedWebSocket.ts';

const { local, localTls, outputsFile } = localStack();
/** From a status change in the orders table to subscribers: stream poll, bus, rule, publish. */
const DELIVERED = { timeout: 20_000, interval: 50 };
/** How long a subscriber is watched for an update that must not come, once a later one has. */
const QUIET_MS = 1500;

let admin: SignedIn;
let staff: BackOffice;
/** The URLs Amplify and the subscription link opened WebSockets to. */
const opened: string[] = [];
/** How many subscriptions the server has acknowledged (start_ack) on those WebSockets. */
let acknowledgedStarts = 0;
let restoreWebSocket: (() => void) | undefined;
const connections: RealtimeConnection[] = [];

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
  const [warehouse, delivery] = await Promise.all([
    createStoreUser(local, 'realtime-warehouse', ['warehouse']),
    createStoreUser(local, 'realtime-delivery', ['delivery']),
  ]);
  staff = { warehouse: warehouse.headers, delivery: delivery.headers };
  restoreWebSocket = installGlobalWebSocket(
    webSocketTrusting(localTls.certificatePem, (socket, url) => {
      opened.push(url);
      socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type?: string }).type === 'start_ack') acknowledgedStarts += 1;
      });
    }),
  );
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
  restoreWebSocket?.();
});

/** A connection of the test's own client, closed after the file. */
async function connect(token: string, options: Partial<RealtimeConnectOptions> = {}): Promise<RealtimeConnection> {
  const connection = await connectRealtime({
    url: local.realtimeUrl,
    header: userPoolHeader(local.graphqlUrl, token),
    ...options,
  });
  connections.push(connection);
  return connection;
}

function updatesOf(data: Record<string, unknown>[]): OrderStatusUpdate[] {
  return data.map((payload) => payload['onOrderStatusChanged'] as OrderStatusUpdate);
}

describe('aws-amplify v6 in Node, configured from amplify_outputs.json', () => {
  it('receives every status of a new order from NEW to FULFILLED, once each, over wss:// on the API port', async () => {
    const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as AmplifyOutputs;
    Amplify.configure(outputs);
    // amplify_outputs.json has no field for a user pool endpoint other than AWS's; Amplify's
    // resources config has one (Auth.Cognito.userPoolEndpoint): cognito-local's, from custom.local.
    const config: ResourcesConfig = Amplify.getConfig();
    const { userPoolId, userPoolClientId, loginWith, groups } = config.Auth!.Cognito;
    Amplify.configure({
      ...config,
      Auth: {
        Cognito: {
          userPoolId: userPoolId!,
          userPoolClientId: userPoolClientId!,
          loginWith,
          groups,
          userPoolEndpoint: outputs.custom.local.cognitoEndpoint,
        },
      },
    });

    const customer = outputs.custom.local.demoUsers.find((user) => user.groups.length === 0)!;
    const signedIn = await signIn({
      username: customer.username,
      password: customer.password,
      options: { authFlowType: 'USER_PASSWORD_AUTH' },
    });
    expect(signedIn).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    try {
      const updates: OrderStatusUpdate[] = [];
      const errors: unknown[] = [];
      const connected = new Promise<void>((resolve) => {
        const stopListening = Hub.listen('api', ({ payload }) => {
          const { connectionState } = payload.data as { connectionState?: string };
          if (payload.event === CONNECTION_STATE_CHANGE && connectionState === ConnectionState.Connected) {
            stopListening();
            resolve();
          }
        });
      });
      // Subscribed before the order exists, to the customer's own orders: no orderId to give yet.
      const subscription = generateClient()
        .graphql<GraphQLSubscription<{ onOrderStatusChanged: OrderStatusUpdate }>>({ query: ON_ORDER_STATUS_CHANGED })
        .subscribe({
          next: ({ data }) => updates.push(data.onOrderStatusChanged),
          error: (error: unknown) => errors.push(error),
        });
      try {
        await connected;
        expect(opened).toContain(localTls.realtimeUrl);

        const session = await fetchAuthSession();
        const order = await placeNewOrder(local, { authorization: session.tokens!.idToken!.toString() }, admin, false);
        await moveOrderThrough(local, staff, order.orderId);

        // The demo customer may have other orders under way (the explorer's test): this one's updates.
        const ofOrder = () => updates.filter((update) => update.orderId === order.orderId);
        await expect.poll(() => ofOrder().length, DELIVERED).toBe(FULFILMENT.length + 1);
        expect(inOrderMade(ofOrder()).map(transition)).toEqual(expectedLife(order.orderId));
        expect(new Set(updates.map((update) => update.userId))).toEqual(new Set([order.userId]));
        expect(errors).toEqual([]);
      } finally {
        subscription.unsubscribe();
      }
    } finally {
      await signOut();
    }
  }, 90_000);
});

describe('aws-appsync-subscription-link with Apollo Client', () => {
  it('receives every status of a new order from NEW to FULFILLED, once each', async () => {
    const shopper = await createStoreUser(local, 'realtime-apollo');
    const token = shopper.headers.authorization;
    // The link's types name @apollo/client's CommonJS build, the test imports its ES modules: one class at run time.
    const link = createSubscriptionHandshakeLink({
      url: local.graphqlUrl,
      region: local.region,
      auth: { type: AUTH_TYPE.AMAZON_COGNITO_USER_POOLS, jwtToken: async () => token },
    }) as unknown as ApolloLink;
    const client = new ApolloClient({ link, cache: new InMemoryCache() });

    const updates: OrderStatusUpdate[] = [];
    const errors: unknown[] = [];
    const before = acknowledgedStarts;
    const subscription = client
      .subscribe<{ onOrderStatusChanged: OrderStatusUpdate }>({ query: gql(ON_ORDER_STATUS_CHANGED) })
      .subscribe({
        next: (result) => {
          if (result.data) updates.push(result.data.onOrderStatusChanged);
          if (result.error) errors.push(result.error);
        },
        error: (error: unknown) => errors.push(error),
      });
    try {
      // Apollo Client passes on no result without data, so the link's own signal of start_ack is
      // lost: the test watches the link's WebSocket for it.
      await expect.poll(() => acknowledgedStarts, DELIVERED).toBe(before + 1);
      expect(opened).toContain(local.realtimeUrl);

      const order = await placeNewOrder(local, shopper.headers, admin, false);
      await moveOrderThrough(local, staff, order.orderId);

      await expect.poll(() => updates.length, DELIVERED).toBe(FULFILMENT.length + 1);
      expect(inOrderMade(updates).map(transition)).toEqual(expectedLife(order.orderId));
      expect(errors).toEqual([]);
    } finally {
      subscription.unsubscribe();
      client.stop();
    }
  }, 90_000);
});

describe('a client sending its auth as ?header=…&payload=…', () => {
  it('receives every status of a new order from NEW to FULFILLED, once each, over ws:// and wss://', async () => {
    const shopper = await createStoreUser(local, 'realtime-query-form');
    const plain = await connect(shopper.headers.authorization, { form: 'query' });
    const secure = await connect(shopper.headers.authorization, {
      form: 'query',
      url: localTls.realtimeUrl,
      ca: localTls.certificatePem,
    });
    expect([plain.protocol, secure.protocol]).toEqual(['graphql-ws', 'graphql-ws']);
    expect(plain.messages[0]).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: expect.any(Number) } });

    const subscriptions = await Promise.all([plain, secure].map((c) => c.subscribe(ON_ORDER_STATUS_CHANGED)));
    expect(subscriptions.map((s) => s.answer.type)).toEqual(['start_ack', 'start_ack']);

    const order = await placeNewOrder(local, shopper.headers, admin, false);
    await moveOrderThrough(local, staff, order.orderId);

    for (const subscription of subscriptions) {
      const updates = updatesOf(await subscription.received(FULFILMENT.length + 1, DELIVERED.timeout));
      expect(inOrderMade(updates).map(transition)).toEqual(expectedLife(order.orderId));
    }
    for (const subscription of subscriptions)
      expect(await subscription.stop()).toEqual({ type: 'complete', id: subscription.id });
  }, 90_000);
});

describe('who receives which order’s updates (filtered on the server)', () => {
  let alice: StoreUser;
  let bob: StoreUser;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([createStoreUser(local, 'realtime-alice'), createStoreUser(local, 'realtime-bob')]);
  });

  it('gives a customer nothing of another customer’s order, whatever they ask, and their own; admin, warehouse and delivery get both', async () => {
    const [aliceOrder, bobOrder] = await Promise.all([
      placeNewOrder(local, alice.headers, admin),
      placeNewOrder(local, bob.headers, admin),
    ]);
    const both = new Set([aliceOrder.orderId, bobOrder.orderId]);

    const aliceSide = await connect(alice.headers.authorization);
    const aliceOwn = await aliceSide.subscribe(ON_ORDER_STATUS_CHANGED, { orderId: aliceOrder.orderId });
    const bobSide = await connect(bob.headers.authorization);
    const bobOnAlices = await bobSide.subscribe(ON_ORDER_STATUS_CHANGED, { orderId: aliceOrder.orderId });
    const bobAll = await bobSide.subscribe(ON_ORDER_STATUS_CHANGED);
    const bobOwn = await bobSide.subscribe(ON_ORDER_STATUS_CHANGED, { orderId: bobOrder.orderId });
    const staffSubscriptions = await Promise.all(
      [admin, staff.warehouse, staff.delivery].map(async (caller) =>
        (await connect(caller.authorization)).subscribe(ON_ORDER_STATUS_CHANGED),
      ),
    );
    // Subscribing to someone else's order is accepted: the server's filter just never matches.
    expect([aliceOwn, bobOnAlices, bobAll, bobOwn, ...staffSubscriptions].map((s) => s.answer.type)).toEqual(
      Array(7).fill('start_ack'),
    );

    // Alice's update reaches her (and staff) before Bob's order even moves …
    await moveOrderOn(local, staff, aliceOrder.orderId, FULFILMENT[0]!);
    expect(updatesOf(await aliceOwn.received(1, DELIVERED.timeout)).map(transition)).toEqual(
      expectedUpdates(aliceOrder.orderId, FULFILMENT.slice(0, 1)),
    );
    // … so by the time Bob receives his own, he would have received hers.
    await moveOrderOn(local, staff, bobOrder.orderId, FULFILMENT[0]!);
    expect(updatesOf(await bobOwn.received(1, DELIVERED.timeout)).map(transition)).toEqual(
      expectedUpdates(bobOrder.orderId, FULFILMENT.slice(0, 1)),
    );
    expect(updatesOf(await bobAll.received(1, DELIVERED.timeout)).map(transition)).toEqual(
      expectedUpdates(bobOrder.orderId, FULFILMENT.slice(0, 1)),
    );
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));

    expect(bobOnAlices.data).toEqual([]);
    expect(updatesOf(bobAll.data).map((update) => update.orderId)).toEqual([bobOrder.orderId]);
    expect(updatesOf(aliceOwn.data).map((update) => update.orderId)).toEqual([aliceOrder.orderId]);
    for (const subscription of staffSubscriptions) {
      // Staff receive every order's updates, other tests' too: these two are among them.
      await subscription.connection.until(() => {
        const seen = updatesOf(subscription.data).filter((update) => both.has(update.orderId));
        return seen.length >= 2 ? seen : undefined;
      }, DELIVERED.timeout);
      const ours = updatesOf(subscription.data).filter((update) => both.has(update.orderId));
      expect(ours.map(transition).sort((a, b) => a.orderId.localeCompare(b.orderId))).toEqual(
        [
          ...expectedUpdates(aliceOrder.orderId, FULFILMENT.slice(0, 1)),
          ...expectedUpdates(bobOrder.orderId, FULFILMENT.slice(0, 1)),
        ].sort((a, b) => a.orderId.localeCompare(b.orderId)),
      );
    }
  }, 90_000);

  it('answers Unauthorized to a user token calling publishOrderStatus, and publishes nothing', async () => {
    const watcher = await (await connect(admin.authorization)).subscribe(ON_ORDER_STATUS_CHANGED);
    const forgedOrderId = `forged-${alice.username}`;
    const input = {
      orderId: forgedOrderId,
      userId: 'anyone',
      status: 'FULFILLED',
      previousStatus: 'NEW',
      modifiedDate: new Date().toISOString(),
    };
    for (const caller of [alice.headers, admin]) {
      const response = await postGraphQL(
        local.graphqlUrl,
        'mutation ($input: OrderStatusUpdateInput!) { publishOrderStatus(input: $input) { orderId status } }',
        {
          variables: { input },
          headers: caller,
        },
      );
      expect(response.body.data).toEqual({ publishOrderStatus: null });
      expect(response.body.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized' })]);
    }

    // A real change published after the refused ones reaches the watcher; the forged one never did.
    const order = await placeNewOrder(local, alice.headers, admin);
    await moveOrderOn(local, staff, order.orderId, FULFILMENT[0]!);
    await watcher.connection.until(
      () => updatesOf(watcher.data).find((update) => update.orderId === order.orderId),
      DELIVERED.timeout,
    );
    expect(updatesOf(watcher.data).filter((update) => update.orderId === forgedOrderId)).toEqual([]);
  }, 60_000);
});

describe('a failing connection affects no other', () => {
  /** A shopper with a NEW order, and a witness subscribed to it on a connection of its own. */
  async function watchedOrder(label: string) {
    const shopper = await createStoreUser(local, label);
    const order = await placeNewOrder(local, shopper.headers, admin);
    const witness = await (
      await connect(shopper.headers.authorization)
    ).subscribe(ON_ORDER_STATUS_CHANGED, { orderId: order.orderId });
    expect(witness.answer.type).toBe('start_ack');
    return { shopper, order, witness };
  }

  it('forgets a dropped connection and keeps delivering to the others, and to the user once reconnected', async () => {
    const { shopper, order, witness } = await watchedOrder('realtime-dropped');
    const victim = await connect(shopper.headers.authorization);
    expect((await victim.subscribe(ON_ORDER_STATUS_CHANGED, { orderId: order.orderId })).answer.type).toBe('start_ack');

    victim.drop();
    expect((await victim.closed).code).toBe(1006);
    await moveOrderOn(local, staff, order.orderId, FULFILMENT[0]!);
    expect(updatesOf(await witness.received(1, DELIVERED.timeout)).map(transition)).toEqual(
      expectedUpdates(order.orderId, FULFILMENT.slice(0, 1)),
    );

    const reconnected = await (
      await connect(shopper.headers.authorization)
    ).subscribe(ON_ORDER_STATUS_CHANGED, { orderId: order.orderId });
    await moveOrderOn(local, staff, order.orderId, FULFILMENT[1]!);
    expect(updatesOf(await reconnected.received(1, DELIVERED.timeout)).map(transition)).toEqual(
      expectedUpdates(order.orderId, FULFILMENT.slice(1, 2)),
    );
    expect(updatesOf(await witness.received(2, DELIVERED.timeout)).map(transition)).toEqual(
      expectedUpdates(order.orderId, FULFILMENT.slice(0, 2)),
    );
  }, 60_000);

  it('answers a malformed message with connection_error and closes that connection alone', async () => {
    const { shopper, order, witness } = await watchedOrder('realtime-malformed');
    const victim = await connect(shopper.headers.authorization);
    expect((await victim.subscribe(ON_ORDER_STATUS_CHANGED, { orderId: order.orderId })).answer.type).toBe('start_ack');

    victim.send('{"type":"start","id":');
    const refusal = await victim.next('connection_error');
    expect(refusal.payload?.errors).toEqual([
      expect.objectContaining({ errorType: expect.any(String), message: expect.any(String) }),
    ]);
    expect((await victim.closed).code).toBe(1000);

    await moveOrderOn(local, staff, order.orderId, FULFILMENT[0]!);
    expect(updatesOf(await witness.received(1, DELIVERED.timeout)).map(transition)).toEqual(
      expectedUpdates(order.orderId, FULFILMENT.slice(0, 1)),
    );
  }, 60_000);

  it('refuses an expired token, to connect or to subscribe, and keeps serving the others', async () => {
    const { shopper, order, witness } = await watchedOrder('realtime-expired');
    const expired = await expiredCopyOf(shopper.headers.authorization);
    // The copy differs from the token cognito-local issued only in being expired: refused for that.
    const overHttp = await postGraphQL(local.graphqlUrl, '{ getCart { subtotal } }', { headers: { authorization: expired } });
    expect(overHttp.status).toBe(401);
    expect(overHttp.body.errors).toEqual([{ errorType: 'UnauthorizedException', message: 'Token has expired.' }]);

    // Connecting with it: connection_error, then a clean close.
    const refused = await connect(expired).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RealtimeConnectionRefused);
    const { messages, closed } = refused as RealtimeConnectionRefused;
    expect(messages).toEqual([
      {
        type: 'connection_error',
        payload: { errors: [expect.objectContaining({ errorType: 'UnauthorizedException', message: 'Token has expired.' })] },
      },
    ]);
    expect(closed?.code).toBe(1000);

    // Subscribing with it on a good connection: that subscription is refused, the connection's others go on.
    const connection = await connect(shopper.headers.authorization);
    const kept = await connection.subscribe(ON_ORDER_STATUS_CHANGED, { orderId: order.orderId });
    const refusedStart = await connection.subscribe(
      ON_ORDER_STATUS_CHANGED,
      { orderId: order.orderId },
      userPoolHeader(local.graphqlUrl, expired),
    );
    expect(refusedStart.answer).toMatchObject({
      type: 'error',
      id: refusedStart.id,
      payload: { errors: [expect.objectContaining({ errorType: 'UnauthorizedException', message: 'Token has expired.' })] },
    });
    expect(connection.isOpen).toBe(true);

    await moveOrderOn(local, staff, order.orderId, FULFILMENT[0]!);
    const expected = expectedUpdates(order.orderId, FULFILMENT.slice(0, 1));
    expect(updatesOf(await kept.received(1, DELIVERED.timeout)).map(transition)).toEqual(expected);
    expect(updatesOf(await witness.received(1, DELIVERED.timeout)).map(transition)).toEqual(expected);
    expect(refusedStart.data).toEqual([]);
  }, 60_000);
});

describe('a cancellation, as its owner sees it live', () => {
  it('carries statusReason CANCELLED_BY_CUSTOMER to the subscriber, and keeps it on the order', async () => {
    const shopper = await createStoreUser(local, 'realtime-canceller');
    const order = await placeNewOrder(local, shopper.headers, admin);
    const side = await connect(shopper.headers.authorization);
    const subscription = await side.subscribe(
      'subscription ($orderId: ID) { onOrderStatusChanged(orderId: $orderId) { orderId status previousStatus statusReason } }',
      { orderId: order.orderId },
    );
    expect(subscription.answer.type).toBe('start_ack');

    const cancelled = await postGraphQL<{ cancelOrder: { status: string; statusReason: string | null } | null }>(
      local.graphqlUrl,
      'mutation ($id: ID!) { cancelOrder(orderId: $id) { status statusReason } }',
      { variables: { id: order.orderId }, headers: shopper.headers },
    );
    expect(cancelled.body).toEqual({ data: { cancelOrder: { status: 'CANCELLED', statusReason: 'CANCELLED_BY_CUSTOMER' } } });
    expect(updatesOf(await subscription.received(1, DELIVERED.timeout))).toEqual([
      { orderId: order.orderId, status: 'CANCELLED', previousStatus: 'NEW', statusReason: 'CANCELLED_BY_CUSTOMER' },
    ]);

    const read = await postGraphQL<{ getOrder: { statusReason: string | null } | null }>(
      local.graphqlUrl,
      'query ($id: ID!) { getOrder(orderId: $id) { statusReason } }',
      { variables: { id: order.orderId }, headers: shopper.headers },
    );
    expect(read.body.data!.getOrder).toEqual({ statusReason: 'CANCELLED_BY_CUSTOMER' });
  });
});
