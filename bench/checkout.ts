// Checkout under load: signed-in shoppers each fill their cart, pre-authorise a card at the
// provider and call placeOrder, over and over, against the whole local stack (in a child process
// of its own). Only placeOrder is timed; orders/s counts whole shopper loops. Scenarios: 1, 10
// and 50 shoppers buying products of their own, and 10 and 50 all buying one product (every
// order then reserves stock on the same item).
import type { LocalEndpoints } from '../local/outputs.ts';
import type { BenchConfig } from './config.ts';
import { median, percentile } from './load.ts';
import { createShoppers, type Shopper, signInAs } from './shoppers.ts';
import { alignColumns } from './table.ts';

export interface CheckoutScenario {
  readonly label: string;
  readonly shoppers: number;
  /** Every shopper buys the same product. */
  readonly oneProduct: boolean;
}

export interface CheckoutFigures {
  readonly scenario: CheckoutScenario;
  readonly ordersPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly orders: number;
  readonly failures: ReadonlyMap<string, number>;
}

export const CHECKOUT_SCENARIOS: readonly CheckoutScenario[] = [
  { label: '1 shopper', shoppers: 1, oneProduct: false },
  { label: '10 shoppers', shoppers: 10, oneProduct: false },
  { label: '50 shoppers', shoppers: 50, oneProduct: false },
  { label: '10 shoppers, one product', shoppers: 10, oneProduct: true },
  { label: '50 shoppers, one product', shoppers: 50, oneProduct: true },
];
const QUICK_SCENARIOS: readonly CheckoutScenario[] = [
  { label: '1 shopper', shoppers: 1, oneProduct: false },
  { label: '4 shoppers, one product', shoppers: 4, oneProduct: true },
];

const ADDRESS = {
  name: 'Bench Shopper',
  streetAddress: '1 Load Street',
  city: 'Lyon',
  country: 'FR',
  phoneNumber: '+33400000000',
};
const PLACE_ORDER =
  'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { success errors { code message } order { orderId total } } }';

/** `scenarios`: the quick or the full list by default; a profile of checkout runs one of its own. */
export async function benchCheckout(
  config: BenchConfig,
  local: LocalEndpoints,
  scenarios: readonly CheckoutScenario[] = config.quick ? QUICK_SCENARIOS : CHECKOUT_SCENARIOS,
): Promise<CheckoutFigures[]> {
  const admin = local.demoUsers.find((user) => user.groups.includes('admin'))!;
  const adminHeaders = await signInAs(local, admin.username, admin.password);
  const shoppers = await createShoppers(local, Math.max(...scenarios.map((s) => s.shoppers)));
  const figures: CheckoutFigures[] = [];
  for (const scenario of scenarios) {
    const runs: CheckoutFigures[] = [];
    for (let run = 0; run < config.runs; run += 1) {
      const active = shoppers.slice(0, scenario.shoppers);
      const products = await productsFor(local, adminHeaders, scenario, run);
      runs.push(await runScenario(local, scenario, active, products, config.seconds));
    }
    figures.push(medianOf(scenario, runs));
  }
  return figures;
}

/** One product per shopper, or one for all; stock far beyond what a run can sell. */
async function productsFor(
  local: LocalEndpoints,
  admin: { authorization: string },
  scenario: CheckoutScenario,
  run: number,
): Promise<string[]> {
  const count = scenario.oneProduct ? 1 : scenario.shoppers;
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const productId = `bench-${scenario.shoppers}-${scenario.oneProduct ? 'one' : 'own'}-${run}-${i}`;
      const input = {
        productId,
        name: 'Bench Kettle',
        category: 'bench',
        price: 3900,
        stock: 1_000_000,
        package: { width: 200, length: 200, height: 250, weight: 1200 },
      };
      await graphql(local, 'mutation ($input: ProductInput!) { putProduct(input: $input) { productId } }', { input }, admin);
      return productId;
    }),
  );
}

async function runScenario(
  local: LocalEndpoints,
  scenario: CheckoutScenario,
  shoppers: Shopper[],
  products: string[],
  seconds: number,
): Promise<CheckoutFigures> {
  const line = [{ productId: products[0]!, quantity: 1 }];
  const quote = await graphql(
    local,
    'query ($input: DeliveryPricingInput!) { getDeliveryPricing(input: $input) { pricing } }',
    {
      input: { products: line, address: ADDRESS },
    },
    shoppers[0]!.headers,
  );
  const deliveryPrice = (quote as { getDeliveryPricing: { pricing: number } }).getDeliveryPricing.pricing;
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    shoppers.map(async (shopper, i) => {
      const productId = products[i % products.length]!;
      // Bounded: the deadline ends every loop; a failing stack ends it at the first error.
      while (performance.now() < deadline) {
        await graphql(
          local,
          'mutation ($id: ID!) { addToCart(productId: $id, quantity: 1) { subtotal } }',
          { id: productId },
          shopper.headers,
        );
        const paymentToken = await preauthorize(local, 3900 + deliveryPrice);
        const before = performance.now();
        const answer = (await graphql(
          local,
          PLACE_ORDER,
          { input: { address: ADDRESS, deliveryPrice, paymentToken } },
          shopper.headers,
        )) as {
          placeOrder: { success: boolean; errors: { code: string }[] };
        };
        latencies.push(performance.now() - before);
        if (!answer.placeOrder.success) {
          const reason = answer.placeOrder.errors.map((e) => e.code).join(', ');
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
          // A refused order leaves its line in the cart: the next loop's addToCart would make it
          // two units, priced and pre-authorised for one, and every later order of the shopper
          // would be refused for that (WRONG_DELIVERY_PRICE, PAYMENT_DECLINED), not for the load.
          await graphql(local, 'mutation { clearCart { subtotal } }', {}, shopper.headers);
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const orders = latencies.length - [...failures.values()].reduce((a, b) => a + b, 0);
  return {
    scenario,
    ordersPerSecond: orders / elapsedSeconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    orders,
    failures,
  };
}

function medianOf(scenario: CheckoutScenario, runs: CheckoutFigures[]): CheckoutFigures {
  const failures = new Map<string, number>();
  for (const run of runs) for (const [reason, count] of run.failures) failures.set(reason, (failures.get(reason) ?? 0) + count);
  return {
    scenario,
    ordersPerSecond: median(runs.map((r) => r.ordersPerSecond)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    orders: runs.reduce((sum, r) => sum + r.orders, 0),
    failures,
  };
}

export function renderCheckoutTable(figures: readonly CheckoutFigures[], config: BenchConfig): string {
  const header = ['checkout (placeOrder)', 'orders/s', 'p50 ms', 'p99 ms', 'orders', 'failures'];
  const rows = figures.map((f) => [
    f.scenario.label,
    f.ordersPerSecond.toFixed(1),
    f.p50Ms.toFixed(1),
    f.p99Ms.toFixed(1),
    String(f.orders),
    String([...f.failures.values()].reduce((a, b) => a + b, 0)),
  ]);
  const failures = figures.flatMap((f) =>
    [...f.failures].map(([reason, count]) => `  ${f.scenario.label}: ${count} × ${reason}`),
  );
  return [
    `checkout on the whole local stack: ${config.runs} run(s) of ${config.seconds} s per scenario, medians; each shopper loops addToCart → preauth → placeOrder`,
    '',
    ...alignColumns([header, ...rows]),
    ...(failures.length > 0 ? ['', 'REFUSED ORDERS:', ...failures] : []),
  ].join('\n');
}

async function graphql(
  local: LocalEndpoints,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<unknown> {
  const response = await fetch(local.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new Error(`GraphQL failed (HTTP ${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function preauthorize(local: LocalEndpoints, amount: number): Promise<string> {
  const response = await fetch(new URL('/preauth', local.paymentProviderUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cardNumber: '4242424242424242', amount }),
  });
  const body = (await response.json()) as { paymentToken?: string };
  if (!body.paymentToken) throw new Error(`preauth failed: HTTP ${response.status}`);
  return body.paymentToken;
}
