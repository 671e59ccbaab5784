// The scale model of docs/SCALE.md: `npm run scale` prints what one order asks of AWS (from the
// code: scripts/scale/orderDemand.ts), a simulated flash sale on one product, and each scenario's
// demand on each resource against its quota (scripts/scale/quotas.ts, each with its source), the
// first quota reached first. Markdown, so that docs/SCALE.md can quote it.
import {
  BACKOFF_BASE_MS,
  SEND_TIMEOUT_MS,
  STOCK_MOVED_ATTEMPTS,
  STOCK_MOVED_BACKOFF_CAP_MS,
  TRANSACTION_ATTEMPTS,
  WRITE_ORDER_BUDGET_MS,
} from '../backend-services/orders/store/writeOrder.ts';
import { STAGE_THROTTLING } from '../infra/constructs/backendService.ts';
import { FLASH_SALE_TIMINGS, TOKENS_PER_REQUEST } from './scale/estimates.ts';
import { type FlashSaleInput, type FlashSaleResult, simulateFlashSale } from './scale/flashSale.ts';
import {
  type Audience,
  evaluate,
  type Evaluation,
  fanOutScenario,
  format,
  orderLoads,
  partitionBound,
  sharedPartitions,
} from './scale/model.ts';
import { type OrderDemand, orderDemand } from './scale/orderDemand.ts';
import { QUOTAS } from './scale/quotas.ts';

if (STAGE_THROTTLING.rateLimit !== QUOTAS.apiGatewayStage.value) {
  throw new Error(
    `infra's STAGE_THROTTLING is ${STAGE_THROTTLING.rateLimit}/s; scripts/scale/quotas.ts says ${QUOTAS.apiGatewayStage.value}.`,
  );
}

/** Who listens, in the scenarios across products: a shopper's order page, the back office, a few pages per product. */
const AUDIENCE: Audience = { customerListening: 1, staffSubscribers: 20, productWatchers: 5 };
const ACROSS_PRODUCTS = {
  products: 10_000,
  categories: 6,
  entriesPerPutEvents: 10,
  tokensPerRequest: TOKENS_PER_REQUEST,
} as const;

const FLASH_SALE: Omit<FlashSaleInput, 'arrivalsPerSecond' | 'wcuPerAttempt' | 'readsPerShopper'> = {
  seconds: 20,
  stock: 1_000,
  ...FLASH_SALE_TIMINGS,
  policy: {
    movedAttempts: STOCK_MOVED_ATTEMPTS,
    busyAttempts: TRANSACTION_ATTEMPTS,
    budgetMs: WRITE_ORDER_BUDGET_MS,
    backoffBaseMs: BACKOFF_BASE_MS,
    movedBackoffCapMs: STOCK_MOVED_BACKOFF_CAP_MS,
    sendTimeoutMs: SEND_TIMEOUT_MS,
  },
};
const FLASH_SALE_RATES = [10, 20, 50, 100, 250, 500, 1_000, 2_000];

const oneLine = orderDemand({ lines: 1 });
const twoLines = orderDemand({ lines: 2 });

print('# Scale model (`npm run scale`)');
print('Every figure is per second unless it says otherwise. Estimates are marked in docs/SCALE.md.');

print('## One order');
printOrder(oneLine);
printOrder(twoLines);

print('## A flash sale: one product, 1,000 units');
const hot = sharedPartitions(oneLine.accesses).filter((p) => p.scope === 'product');
const stockItem = hot.find((p) => p.where === 'products')!;
const transactionWcu = oneLine.accesses.find((a) => a.where === 'products' && a.phase === 'transaction')!.wcu;
const bigItem = orderDemand({ lines: 1, extraProductBytes: 3_000 });
const bigWcu = bigItem.accesses.find((a) => a.where === 'products' && a.phase === 'transaction')!.wcu;
print(
  `The stock item (${oneLine.productBytes} bytes, the demo catalog's) takes ${transactionWcu} WCU per transaction sent: ` +
    `its partition takes at most ${format(partitionBound(0, transactionWcu))} a second, sent or cancelled, ` +
    `${format(partitionBound(stockItem.rcu, transactionWcu))} with each checkout's ${stockItem.rcu} strong reads of it. ` +
    `With a 3 KB description (${bigItem.productBytes} bytes): ${format(partitionBound(0, bigWcu))}.`,
);
print(`Partitions every order of the product shares: ${hot.map((p) => `${p.where} (${p.key})`).join(', ')}.`);
const simulations = FLASH_SALE_RATES.map((rate) => ({ rate, result: simulateFlashSale(flashSaleInput(rate)) }));
printSimulations(simulations);
printChanges(20);
printChanges(1_000);
for (const rate of [100, 1_000]) {
  const { result } = simulations.find((s) => s.rate === rate)!;
  printEvaluation(
    evaluate({
      title: `A flash sale: ${format(rate)} checkouts a second on one product`,
      rate,
      unit: 'checkouts/s',
      loads: orderLoads(oneLine, {
        ...ACROSS_PRODUCTS,
        products: 1,
        audience: AUDIENCE,
        perCheckout: { attempts: result.attemptsPerSecond / rate, placed: result.soldPerSecond / rate },
        checkoutSeconds: result.meanSeconds,
      }),
    }),
  );
}

print('## Orders across products');
for (const rate of [1_000, 10_000]) {
  printEvaluation(
    evaluate({
      title: `${format(rate)} orders a second, 2 lines each, over ${format(ACROSS_PRODUCTS.products)} products`,
      rate,
      unit: 'orders/s',
      loads: orderLoads(twoLines, { ...ACROSS_PRODUCTS, audience: AUDIENCE }),
    }),
  );
}

print('## Subscribers');
const sold = simulations.find((s) => s.rate === 100)!.result.soldPerSecond;
for (const subscribers of [100_000, 1_000_000]) {
  for (const changesPerSecond of [sold, 1]) {
    printEvaluation(
      evaluate({
        ...fanOutScenario({ subscribers, changesPerSecond, connectSeconds: 60, tokensPerRequest: TOKENS_PER_REQUEST }),
        title:
          `${format(subscribers)} subscribers on the sale's product page, connecting within a minute; ` +
          `${format(changesPerSecond)} stock push${changesPerSecond === 1 ? '' : 'es'} a second`,
      }),
    );
  }
}

function flashSaleInput(arrivalsPerSecond: number): FlashSaleInput {
  return {
    ...FLASH_SALE,
    arrivalsPerSecond,
    wcuPerAttempt: transactionWcu,
    readsPerShopper: oneLine.accesses.filter((a) => a.where === 'products' && a.rcu > 0).length,
  };
}

function printOrder(demand: OrderDemand): void {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const byTable = new Map<string, number>();
  for (const access of demand.accesses) byTable.set(access.where, (byTable.get(access.where) ?? 0) + access.wcu);
  print(`### ${demand.lines} line${demand.lines === 1 ? '' : 's'} (an order item of ${demand.orderBytes} bytes)`);
  table(
    ['what', 'per order'],
    [
      ['transaction items (of 100)', `${demand.transactionItems}`],
      ['WCU, all tables and indexes', format(sum(demand.accesses.map((a) => a.wcu)))],
      [
        'WCU by table and index',
        [...byTable]
          .filter(([, wcu]) => wcu > 0)
          .map(([where, wcu]) => `${where} ${format(wcu)}`)
          .join(', '),
      ],
      ['RCU (strongly consistent)', format(sum(demand.accesses.map((a) => a.rcu)))],
      ['AppSync requests', demand.appsyncRequests.map((r) => `${r.field} ${r.count}`).join(', ')],
      [
        'API Gateway requests',
        Object.entries(demand.apiGatewayRequests)
          .map(([s, n]) => `${s} ${n}`)
          .join(', '),
      ],
      ['Lambda invocations', demand.invocations.map((i) => `${i.fn} ${i.count}`).join(', ')],
      ['events on the bus', demand.events.map((e) => `${e.detailType} ${e.count}`).join(', ')],
      ['rule targets', demand.ruleTargets.map((t) => `${t.rule} → ${t.target.split('/').pop()} ${t.count}`).join(', ')],
      [
        'subscription messages',
        demand.subscriptionMessages.map((m) => `${m.subscription} ${m.count} × its subscribers`).join(', '),
      ],
      ['SES emails, SNS publishes', `${demand.emails}, ${demand.snsPublishes}`],
    ],
  );
  table(
    ['partition shared beyond the order', 'shared by', 'RCU', 'WCU', 'by'],
    sharedPartitions(demand.accesses).map((p) => [
      `${p.where}: ${p.key}`,
      p.scope === 'shop'
        ? 'every order'
        : p.scope === 'category'
          ? "every order of the category's products"
          : 'every order of the product',
      format(p.rcu),
      format(p.wcu),
      [...new Set(demand.accesses.filter((a) => a.where === p.where && a.key === p.key).map((a) => a.by))].join('; '),
    ]),
  );
}

/** The columns both sale tables share, and each run's cells for them. */
function saleColumns(): string[] {
  return ['sold/s', 'transactions/s', 'throttled', 'sold', 'busy (503)', 'sold out', 'mean s'];
}

function saleCells(result: FlashSaleResult): string[] {
  const { outcomes, shoppers } = result;
  return [
    format(result.soldPerSecond),
    format(result.attemptsPerSecond),
    format(result.throttledAttempts),
    percent(outcomes.sold, shoppers),
    percent(outcomes.busy + outcomes.stockKeptMoving, shoppers),
    percent(outcomes.soldOutBeforePayment + outcomes.soldOutAfterPayment, shoppers),
    format(result.meanSeconds),
  ];
}

function printSimulations(runs: readonly { rate: number; result: FlashSaleResult }[]): void {
  print(
    `Simulated (scripts/scale/flashSale.ts): ${FLASH_SALE.seconds} s of arrivals, transactions holding the item ` +
      `${FLASH_SALE.transactionMs} ms, checkout ${FLASH_SALE.beforeWriteMs} ms before its write; writeOrder.ts's retries ` +
      `(${TRANSACTION_ATTEMPTS} attempts after conflicts or throttling, ${STOCK_MOVED_ATTEMPTS} rounds when the stock moved, ${WRITE_ORDER_BUDGET_MS / 1000} s).`,
  );
  table(
    ['checkouts/s', ...saleColumns(), 'p99 s', 'orders fn concurrency'],
    runs.map(({ rate, result }) => [format(rate), ...saleCells(result), format(result.p99Seconds), format(result.concurrency)]),
  );
}

/** The sale again, with what would change: conflicts retried as a moved stock is (worse), the stock in shards. */
function printChanges(rate: number): void {
  const asMoved = { ...FLASH_SALE.policy, conflictsAsMoved: true };
  const changes: [string, Partial<FlashSaleInput>][] = [
    ['as it is', {}],
    ['conflicts retried like a moved stock', { policy: asMoved }],
    ['stock in 10 shards', { shards: 10 }],
    ['stock in 50 shards', { shards: 50 }],
  ];
  print(`What would change, at ${format(rate)} checkouts a second:`);
  table(
    ['change', ...saleColumns(), "product item's reads over its partition"],
    changes.map(([change, input]) => {
      const result = simulateFlashSale({ ...flashSaleInput(rate), ...input });
      return [
        change,
        ...saleCells(result),
        percent(result.readsOverCapacity, result.shoppers * flashSaleInput(rate).readsPerShopper),
      ];
    }),
  );
}

function printEvaluation({ scenario, rows, first }: Evaluation): void {
  print(`### ${scenario.title}`);
  if (first) {
    const passed = (first.share ?? 0) >= 1;
    const where = first.reachedAt === null ? 'whatever the rate' : `at ${format(first.reachedAt)} ${scenario.unit}`;
    const here = passed ? `${format(first.share!)}× over it here` : `${Math.round(first.share! * 100)} % of it here`;
    print(`First quota reached: **${first.resource}** (${first.quota.name}), ${where}: ${here}.`);
  }
  table(
    ['resource', 'demand', 'quota', 'share', `reached at (${scenario.unit})`, 'how'],
    rows.map((row) => [
      row.resource,
      `${format(row.demand)} ${row.quota.unit}`,
      row.quota.value === null ? 'not found' : format(row.quota.value),
      row.share === null ? '—' : `${row.share >= 10 ? format(row.share) : row.share.toFixed(2)}×`,
      row.reachedAt === null ? '—' : format(row.reachedAt),
      row.how,
    ]),
  );
}

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / Math.max(1, whole))} %`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  print([line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n'));
}

function print(text: string): void {
  console.log(`${text}\n`);
}
