// The GraphQL explorer in a real browser, on the test run's local stack (what `npm start` runs):
// the system's API on DynamoDB Local with the demo catalog, cognito-local with the demo users,
// and the explorer at the API's origin.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Request, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import { demoCatalog } from '../../backend-services/products/seed/demoCatalog.ts';
import { DEMO_USERS } from '../../local/demoUsers.ts';
import { EXPLORER_CONFIG_PATH, type ExplorerConfig } from 'appsync-local/explorer/config.ts';
import { launchChromium, trustCertificateArg } from '../support/browser.ts';
import { deliveryPricing, moveOrder, placeOrder, preauthorize } from '../support/checkout.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { untilCreationPublished } from '../support/orderUpdates.ts';
import { productInput, putProduct, storeClient, uniqueId } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

interface ExplorerStack {
  explorerUrl: string;
  config: ExplorerConfig;
  close(): Promise<void>;
}

interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; errorType?: string }[];
}

/** What the explorer sent for one operation and what it showed. */
interface Run {
  headers: Record<string, string>;
  result: GraphQLResult;
}

/** A message of AppSync's real-time protocol, either way. */
interface RealtimeMessage {
  type: string;
  id?: string;
  payload?: { data?: string; extensions?: { authorization?: Record<string, string> } };
}

/** A WebSocket the page opened, with the messages it sent and received. */
interface TrackedSocket {
  url: string;
  sent: RealtimeMessage[];
  received: RealtimeMessage[];
  closed: boolean;
}

const CUSTOMER = DEMO_USERS.find((u) => u.groups.length === 0)!;
const { local, localTls } = localStack();
const CATALOG_QUERY = '{ getProducts(limit: 3) { products { name price } } }';

let stack: ExplorerStack | undefined;
let browser: Browser | undefined;
let page: Page;
const screenshotDir = mkdtempSync(join(tmpdir(), 'explorer-e2e-'));
const requested: string[] = [];
const pageErrors: string[] = [];
const sockets: TrackedSocket[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startExplorerStack();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(15_000);
  page.on('request', (request) => requested.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('websocket', (socket) => sockets.push(trackSocket(socket)));
  await page.goto(stack.explorerUrl);
  await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the explorer server', () => {
  it('serves the page, the bundle and the configuration with their content types', async () => {
    const { explorerUrl } = stack!;
    const page = await fetch(explorerUrl);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<script src="/explorer.js"');
    expect((await fetch(new URL('/explorer.js', explorerUrl))).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await fetch(new URL('/explorer.css', explorerUrl))).headers.get('content-type')).toBe('text/css; charset=utf-8');

    const config = await fetch(new URL(EXPLORER_CONFIG_PATH, explorerUrl));
    expect(config.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(await config.json()).toEqual(stack!.config);
  });

  it('answers 404 for any other path', async () => {
    const response = await fetch(new URL('/nothing-here.js', stack!.explorerUrl));
    expect(response.status).toBe(404);
  });
});

describe('the explorer in a browser', () => {
  it('runs a catalog query with the API key', async () => {
    const run = await runInExplorer(CATALOG_QUERY);
    expect(run.headers['x-api-key']).toBe(stack!.config.apiKey);
    expect(run.headers['authorization']).toBeUndefined();
    expectCatalogProducts(run.result);
  });

  it("shows the schema's documentation", async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.getByRole('region', { name: 'Documentation Explorer' });
    await docs.locator('.graphiql-doc-explorer-type-name', { hasText: /^Query$/ }).click();
    await expect.poll(() => docs.innerText()).toContain('The catalog, paged.');
  });

  it("shows AppSync's 401 body when the API key is wrong", async () => {
    await setHeadersEditor('{ "x-api-key": "da2-not-a-key" }');
    try {
      const run = await runInExplorer(CATALOG_QUERY);
      expect(run.result.errors?.[0]?.errorType).toBe('UnauthorizedException');
    } finally {
      await setHeadersEditor('');
    }
  });

  it("shows Cognito's refusal of a wrong password", async () => {
    await page.screenshot({ path: join(screenshotDir, 'explorer-api-key.png') });
    await page.getByLabel('Username', { exact: true }).fill(CUSTOMER.username);
    await page.getByLabel('Password', { exact: true }).fill('Not-The-Password-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // Cognito says NotAuthorizedException; cognito-local says InvalidPasswordException.
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^(NotAuthorizedException|InvalidPasswordException): /);
    expect(await page.getByRole('radio', { name: 'Signed in' }).isDisabled()).toBe(true);
  });

  it('signs the demo customer in through Cognito and shows who is signed in', async () => {
    await page.getByLabel('Demo user', { exact: true }).selectOption(CUSTOMER.username);
    expect(await page.getByLabel('Username', { exact: true }).inputValue()).toBe(CUSTOMER.username);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe(CUSTOMER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByTestId('signed-in-username').waitFor();
    expect(await page.getByTestId('signed-in-username').textContent()).toBe(CUSTOMER.username);
    expect(await page.getByTestId('signed-in-groups').textContent()).toBe('none (customer)');
    expect(await page.getByRole('radio', { name: 'Signed in' }).isChecked()).toBe(true);
  });

  it("runs getProducts with the customer's ID token and shows real products", async () => {
    const run = await runInExplorer(CATALOG_QUERY);
    expect(run.headers['authorization']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(run.headers['x-api-key']).toBeUndefined();
    const names = expectCatalogProducts(run.result);
    expect(await page.locator('.result-window').innerText()).toContain(names[0]);

    const screenshot = join(screenshotDir, 'explorer-signed-in.png');
    await page.screenshot({ path: screenshot });
    console.log(`explorer screenshot: ${screenshot}`);
  });

  it("fills the customer's cart and prices its delivery", async () => {
    const [first] = demoCatalog();
    await runInExplorer('mutation { clearCart { subtotal } }');
    const added = await runInExplorer(
      `mutation { addToCart(productId: "${first!.productId}", quantity: 2) { subtotal items { quantity product { name } } } }`,
    );
    expect(added.result.errors).toBeUndefined();
    expect(added.result.data).toEqual({
      addToCart: { subtotal: 2 * first!.price, items: [{ quantity: 2, product: { name: first!.name } }] },
    });

    const priced = await runInExplorer(
      `{ getDeliveryPricing(input: { products: [{ productId: "${first!.productId}", quantity: 2 }], address: ` +
        '{ name: "Ada", streetAddress: "1 Main St", city: "Boston", country: "us", phoneNumber: "+15555550100" } }) { pricing } }',
    );
    expect(priced.result.errors).toBeUndefined();
    const { width, length, height, weight } = first!.package;
    const boxes = Math.max(Math.ceil((width * length * height * 2) / 125_000_000), Math.ceil((weight * 2) / 12_000));
    expect(priced.result.data).toEqual({ getDeliveryPricing: { pricing: boxes * 1500 } });
    await runInExplorer('mutation { clearCart { subtotal } }');
  });

  it('answers Unauthorized for an admin-only field to the customer', async () => {
    const run = await runInExplorer('mutation { deleteProduct(productId: "no-such-product") { productId } }');
    expect(run.headers['authorization']).toBeDefined();
    expect(run.result.data).toEqual({ deleteProduct: null });
    expect(run.result.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it("shows the customer's order status changes as the back office makes them, until stopped", async () => {
    const order = await placeDemoCustomerOrder();
    const live = await startSubscription(
      `subscription { onOrderStatusChanged(orderId: "${order.orderId}") { orderId status previousStatus } }`,
    );
    expect(live.url).toBe(stack!.config.realtimeUrl);
    const start = live.sent.find((message) => message.type === 'start')!;
    expect(start.payload?.extensions?.authorization).toEqual({
      Authorization: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      host: new URL(stack!.config.graphqlUrl).host,
    });

    const warehouse = await createStoreUser(local, 'explorer-warehouse', ['warehouse']);
    const steps = [
      { mutation: 'startPackaging', from: 'NEW', to: 'PACKAGING' },
      { mutation: 'completePackaging', from: 'PACKAGING', to: 'PACKAGED' },
    ];
    for (const step of steps) {
      const moved = await moveOrder(local, warehouse.headers, step.mutation, order.orderId);
      expect(moved.body.errors).toBeUndefined();
      await expect
        .poll(() => shownResult(), { timeout: 20_000 })
        .toEqual({ data: { onOrderStatusChanged: { orderId: order.orderId, status: step.to, previousStatus: step.from } } });
    }
    const screenshot = join(screenshotDir, 'explorer-subscription.png');
    await page.screenshot({ path: screenshot });
    console.log(`explorer subscription screenshot: ${screenshot}`);

    await page.getByRole('button', { name: 'Stop query (Ctrl-Enter)' }).click();
    await expect.poll(() => live.closed).toBe(true);
    expect(live.sent.map((message) => message.type)).toEqual(['connection_init', 'start', 'stop']);
    expect(live.received.map((message) => message.type)).toContain('complete');
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).waitFor();
  });

  it('stops a running subscription when the auth mode is switched', async () => {
    const live = await startSubscription('subscription { onOrderStatusChanged { orderId status } }');
    await page.getByRole('radio', { name: 'API key' }).check();
    await expect.poll(() => live.closed).toBe(true);
    expect(live.sent.map((message) => message.type)).toEqual(['connection_init', 'start', 'stop']);
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).waitFor();
    await page.getByRole('radio', { name: 'Signed in' }).check();
  });

  it('stops a running subscription when another tab is shown', async () => {
    const live = await startSubscription('subscription { onOrderStatusChanged { orderId status } }');
    await page.getByRole('button', { name: 'Add tab' }).click();
    await expect.poll(() => live.closed).toBe(true);
    expect(live.sent.map((message) => message.type)).toEqual(['connection_init', 'start', 'stop']);
    await page.getByRole('button', { name: 'Close Tab' }).last().click();
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).waitFor();
  });

  it('goes back to the API key when that mode is chosen, keeping the user signed in', async () => {
    await page.getByRole('radio', { name: 'API key' }).check();
    const run = await runInExplorer(CATALOG_QUERY);
    expect(run.headers['x-api-key']).toBe(stack!.config.apiKey);
    expect(run.headers['authorization']).toBeUndefined();
    expectCatalogProducts(run.result);
    expect(await page.getByTestId('signed-in-username').textContent()).toBe(CUSTOMER.username);
  });

  it("shows the real-time endpoint's refusal of a subscription the API key may not make", async () => {
    const before = sockets.length;
    const result = await runWithoutRequest('subscription { onOrderStatusChanged { orderId status } }');
    expect(result.errors?.[0]?.errorType).toMatch(/^Unauthorized/);
    const socket = sockets[before]!;
    expect(socket.received.map((message) => message.type)).toContain('error');
    await expect.poll(() => socket.closed).toBe(true);
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).waitFor();
  });

  it('keeps the user signed in across a reload', async () => {
    await page.reload();
    await page.getByTestId('signed-in-username').waitFor();
    expect(await page.getByTestId('signed-in-username').textContent()).toBe(CUSTOMER.username);
    expect(await page.getByRole('radio', { name: 'Signed in' }).isChecked()).toBe(true);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Demo user', { exact: true }).waitFor();
    expect(await page.getByRole('radio', { name: 'Signed in' }).isDisabled()).toBe(true);
  });

  it('loaded nothing from outside the local stack and raised no page errors', () => {
    const allowed = new Set([new URL(stack!.explorerUrl).origin, new URL(stack!.config.cognitoEndpoint).origin]);
    const outside = requested.filter((url) => !url.startsWith('data:') && !allowed.has(new URL(url).origin));
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('the explorer loaded over TLS, on the same port', () => {
  let tlsBrowser: Browser | undefined;

  beforeAll(async () => {
    // Chromium trusts the stack's certificate (that one, by its key) and verifies all others.
    tlsBrowser = await launchChromium([trustCertificateArg(localTls.certificatePem)]);
    // The helpers drive `page`: from here on, this one.
    page = await tlsBrowser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on('websocket', (socket) => sockets.push(trackSocket(socket)));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(new URL('/', localTls.graphqlUrl).href);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
  }, 60_000);

  afterAll(async () => {
    await tlsBrowser?.close();
  });

  it('sends queries over https and subscriptions over wss, to the page’s own origin', async () => {
    await page.getByLabel('Demo user', { exact: true }).selectOption(CUSTOMER.username);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('signed-in-username').waitFor();

    const sent = page.waitForRequest((request: Request) => request.method() === 'POST' && postedQuery(request) === CATALOG_QUERY);
    expectCatalogProducts(await runWithoutRequest(CATALOG_QUERY));
    expect((await sent).url()).toBe(localTls.graphqlUrl);

    const order = await placeDemoCustomerOrder();
    const live = await startSubscription(`subscription { onOrderStatusChanged(orderId: "${order.orderId}") { orderId status } }`);
    expect(live.url).toBe(localTls.realtimeUrl);
    const warehouse = await createStoreUser(local, 'explorer-tls-warehouse', ['warehouse']);
    expect((await moveOrder(local, warehouse.headers, 'startPackaging', order.orderId)).body.errors).toBeUndefined();
    await expect
      .poll(() => shownResult(), { timeout: 20_000 })
      .toEqual({ data: { onOrderStatusChanged: { orderId: order.orderId, status: 'PACKAGING' } } });

    await page.getByRole('button', { name: 'Stop query (Ctrl-Enter)' }).click();
    await expect.poll(() => live.closed).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * A NEW order of the demo customer (who is signed in in the browser), placed as their app does
 * through GraphQL: a product made for this test in the cart, delivery priced, a card pre-authorised.
 */
async function placeDemoCustomerOrder() {
  const customer = { authorization: await idTokenOf(local, 'customer') };
  const admin = { authorization: await idTokenOf(local, 'admin') };
  const product = await putProduct(
    local.graphqlUrl,
    admin,
    productInput({ productId: uniqueId('explorer'), name: 'Explorer Lamp', price: 1500, stock: 3 }),
  );
  const graphql = storeClient(local.graphqlUrl);
  await graphql('mutation { clearCart { subtotal } }', {}, customer);
  const added = await graphql(
    'mutation ($id: ID!) { addToCart(productId: $id, quantity: 1) { subtotal } }',
    { id: product.productId },
    customer,
  );
  expect(added.body.errors).toBeUndefined();
  const deliveryPrice = await deliveryPricing(local, customer, [{ productId: product.productId, quantity: 1 }]);
  const paymentToken = await preauthorize(local, product.price + deliveryPrice);
  const response = await placeOrder(local, customer, { deliveryPrice, paymentToken });
  expect(response).toMatchObject({ success: true, order: { status: 'NEW' } });
  // Its creation is published to subscribers before the test subscribes: the pane then shows its changes only.
  await untilCreationPublished(local, response.order!.orderId);
  return response.order!;
}

/** Runs a subscription and waits until the endpoint has acknowledged it; returns its WebSocket. */
async function startSubscription(query: string): Promise<TrackedSocket> {
  const before = sockets.length;
  await setEditor('.graphiql-query-editor .CodeMirror', query);
  await setEditor('.result-window .CodeMirror', '');
  await page.waitForTimeout(250);
  await page.locator('.graphiql-execute-button').click();
  await expect.poll(() => sockets.length).toBeGreaterThan(before);
  const socket = sockets[before]!;
  await expect.poll(() => socket.received.map((message) => message.type)).toContain('start_ack');
  return socket;
}

function trackSocket(socket: WebSocket): TrackedSocket {
  const tracked: TrackedSocket = { url: socket.url(), sent: [], received: [], closed: false };
  const parse = (payload: string | Buffer): RealtimeMessage => JSON.parse(payload.toString()) as RealtimeMessage;
  socket.on('framesent', ({ payload }) => tracked.sent.push(parse(payload)));
  socket.on('framereceived', ({ payload }) => tracked.received.push(parse(payload)));
  socket.on('close', () => {
    tracked.closed = true;
  });
  return tracked;
}

async function shownResult(): Promise<unknown> {
  const text = await editorValue('.result-window .CodeMirror');
  return text === '' ? undefined : JSON.parse(text);
}

/** The explorer of the test run's local stack: what `npm start` serves. */
async function startExplorerStack(): Promise<ExplorerStack> {
  const config = (await (await fetch(new URL(EXPLORER_CONFIG_PATH, local.explorerUrl))).json()) as ExplorerConfig;
  return { explorerUrl: local.explorerUrl, config, close: async () => undefined };
}

/** Types the operation into GraphiQL, runs it, and returns the request sent and the result shown. */
async function runInExplorer(query: string): Promise<Run> {
  const sent = page.waitForRequest(
    (request: Request) =>
      request.method() === 'POST' && request.url() === stack!.config.graphqlUrl && postedQuery(request) === query,
  );
  const result = await runWithoutRequest(query);
  return { headers: await (await sent).allHeaders(), result };
}

async function runWithoutRequest(query: string): Promise<GraphQLResult> {
  await setEditor('.graphiql-query-editor .CodeMirror', query);
  await setEditor('.result-window .CodeMirror', '');
  // GraphiQL reads the operation's name from the editor 100 ms after a change, as a typist leaves it.
  await page.waitForTimeout(250);
  await page.locator('.graphiql-execute-button').click();
  await expect.poll(() => editorValue('.result-window .CodeMirror'), { timeout: 15_000 }).not.toBe('');
  return JSON.parse(await editorValue('.result-window .CodeMirror')) as GraphQLResult;
}

async function setHeadersEditor(text: string): Promise<void> {
  await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
  await setEditor('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror', text);
}

/** CodeMirror 5 keeps its editor on the wrapper element. */
interface CodeMirrorElement {
  CodeMirror: { getValue(): string; setValue(value: string): void };
}

function setEditor(selector: string, text: string): Promise<void> {
  return page
    .locator(selector)
    .evaluate((element, value) => (element as unknown as CodeMirrorElement).CodeMirror.setValue(value), text);
}

async function editorValue(selector: string): Promise<string> {
  const value = await page
    .locator(selector)
    .evaluate((element) => (element as unknown as CodeMirrorElement).CodeMirror.getValue());
  return value.trim();
}

function postedQuery(request: Request): string | undefined {
  try {
    return (request.postDataJSON() as { query?: string } | null)?.query;
  } catch {
    return undefined;
  }
}

function expectCatalogProducts(result: GraphQLResult): string[] {
  expect(result.errors).toBeUndefined();
  const page = (result.data?.['getProducts'] as { products: { name: string; price: number }[] }).products;
  // The catalog's first page: demo products, or others the run's tests have added meanwhile.
  expect(page).toHaveLength(3);
  for (const product of page) {
    expect(product.name).toMatch(/\S/);
    expect(Number.isInteger(product.price) && product.price >= 0, `${product.name} has a price in cents`).toBe(true);
  }
  return page.map((p) => p.name);
}
