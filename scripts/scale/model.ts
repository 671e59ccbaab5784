// The scale model's arithmetic: a scenario is a rate (orders, checkouts or stock changes a second)
// and what each unit of it asks of each resource; each resource's demand is rate × that, held to
// its quota (quotas.ts). The demands grow with the rate, so the quota with the largest share is the
// first the rate reaches, at rate ÷ share.
import type { OrderDemand, PartitionAccess, Phase, Scope } from './orderDemand.ts';
import { QUOTAS, type Quota, type QuotaName } from './quotas.ts';

export interface Load {
  readonly resource: string;
  readonly quota: QuotaName;
  /** In the quota's unit, per unit of the scenario's rate (or in all, when `fixed`). */
  readonly perUnit: number;
  /** A demand that does not grow with the scenario's rate (subscribers connecting before a sale). */
  readonly fixed?: boolean;
  /** How perUnit is made up, for the reader. */
  readonly how: string;
}

export interface Scenario {
  readonly title: string;
  readonly rate: number;
  readonly unit: string;
  readonly loads: readonly Load[];
}

export interface Row {
  readonly resource: string;
  readonly how: string;
  readonly quota: Quota;
  readonly demand: number;
  /** demand ÷ quota; null when the quota was not found. */
  readonly share: number | null;
  /** The rate at which the quota is reached; null when it was not found, or the demand does not grow with the rate. */
  readonly reachedAt: number | null;
}

export interface Evaluation {
  readonly scenario: Scenario;
  /** The quotas first reached first; those not found last. */
  readonly rows: readonly Row[];
  /** The quota the rate reaches first, and whether this rate passes it. */
  readonly first: Row | undefined;
}

export function evaluate(scenario: Scenario): Evaluation {
  const rows = scenario.loads.map((load): Row => {
    const quota: Quota = QUOTAS[load.quota];
    const demand = load.fixed ? load.perUnit : scenario.rate * load.perUnit;
    const share = quota.value === null ? null : demand / quota.value;
    return {
      resource: load.resource,
      how: load.how,
      quota,
      demand,
      share,
      reachedAt: share === null || share === 0 || load.fixed ? null : scenario.rate / share,
    };
  });
  rows.sort((a, b) => (b.share ?? -1) - (a.share ?? -1));
  return { scenario, rows, first: rows.find((row) => row.share !== null) };
}

/** One partition's share of its limit for these units: RCU/3,000 + WCU/1,000. */
export function partitionShare(rcu: number, wcu: number): number {
  return rcu / 3_000 + wcu / 1_000;
}

/** The most a partition can take of something costing these units, a second. */
export function partitionBound(rcu: number, wcu: number): number {
  return 1 / partitionShare(rcu, wcu);
}

/** Who is listening: the subscribers each kind of update reaches. */
export interface Audience {
  /** The shopper's own order page (onOrderStatusChanged, their orders). */
  readonly customerListening: number;
  /** Back-office screens: every order's status (admin, warehouse, delivery) and every inventory alert. */
  readonly staffSubscribers: number;
  /** Pages of a product open when its stock changes (onProductStockChanged, guests included). */
  readonly productWatchers: number;
}

export function subscribersOf(subscription: string, audience: Audience): number {
  switch (subscription) {
    case 'onOrderStatusChanged':
      return audience.customerListening + audience.staffSubscribers;
    case 'onProductStockChanged':
      return audience.productWatchers;
    case 'onInventoryAlert':
      return audience.staffSubscribers;
    default:
      throw new Error(`The scale model does not know who subscribes to ${subscription}: add it to subscribersOf.`);
  }
}

export interface OrderLoadOptions {
  readonly audience: Audience;
  /** Products the orders spread over, evenly (a product's own partitions get 1/products of the orders). */
  readonly products: number;
  /** Categories the orders spread over, evenly (the products' byCategory index). */
  readonly categories: number;
  /** Entries per PutEvents: 10 when the streams hand the outbox full batches, 1 when they trickle. */
  readonly entriesPerPutEvents: number;
  /** Tokens per AppSync request: 1 for any request under 1,500 KB-seconds (an estimate, not measured). */
  readonly tokensPerRequest: number;
  /** Per checkout: transactions sent (a flash sale's retries) and orders placed (1 when every checkout places one). */
  readonly perCheckout?: { readonly attempts: number; readonly placed: number };
  /** Replaces the orders function's duration (a flash sale's checkouts wait on the stock item). */
  readonly checkoutSeconds?: number;
}

/** What one checkout asks of each resource. */
export function orderLoads(demand: OrderDemand, options: OrderLoadOptions): Load[] {
  const { attempts, placed } = options.perCheckout ?? { attempts: 1, placed: 1 };
  const times = (phase: Phase) => (phase === 'checkout' ? 1 : phase === 'transaction' ? attempts : placed);
  const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);
  const per = `per ${placed === 1 && attempts === 1 ? 'order' : 'checkout'}`;
  const loads: Load[] = [];

  for (const [service, requests] of Object.entries(demand.apiGatewayRequests)) {
    loads.push({
      resource: `API Gateway: the ${service} stage`,
      quota: 'apiGatewayStage',
      perUnit: requests,
      how: `${requests} ${per}`,
    });
  }
  loads.push({
    resource: 'API Gateway: the account',
    quota: 'apiGatewayAccount',
    perUnit: sum(Object.values(demand.apiGatewayRequests), (n) => n),
    how: Object.entries(demand.apiGatewayRequests)
      .map(([service, count]) => `${service} ${count}`)
      .join(' + '),
  });

  const invocations = demand.invocations.map((call) => ({
    ...call,
    count: call.count * times(call.phase),
    seconds: call.fn.startsWith('orders:') && options.checkoutSeconds !== undefined ? options.checkoutSeconds : call.seconds,
  }));
  loads.push({
    resource: 'Lambda: concurrency of the account',
    quota: 'lambdaConcurrency',
    perUnit: sum(invocations, (call) => call.count * call.seconds),
    how: invocations.map((call) => `${call.fn} ${format(call.count)} × ${format(call.seconds)} s`).join(' + '),
  });

  const requests = demand.appsyncRequests.map((request) => ({ ...request, count: request.count * times(request.phase) }));
  loads.push({
    resource: 'AppSync: request tokens',
    quota: 'appsyncTokens',
    perUnit: sum(requests, (request) => request.count) * options.tokensPerRequest,
    how: `${requests.map((r) => `${r.field} ${format(r.count)}`).join(' + ')}, × ${options.tokensPerRequest} token`,
  });
  loads.push({
    resource: 'AppSync: outbound messages',
    quota: 'appsyncOutbound',
    perUnit: placed * sum(demand.subscriptionMessages, (m) => m.count * subscribersOf(m.subscription, options.audience)),
    how: demand.subscriptionMessages
      .map((m) => `${m.subscription} ${m.count} × ${subscribersOf(m.subscription, options.audience)}`)
      .join(' + '),
  });

  const entries = sum(demand.events, (event) => event.count);
  loads.push({
    resource: 'EventBridge: PutEvents',
    quota: 'eventBridgePutEvents',
    perUnit: (placed * entries) / options.entriesPerPutEvents,
    how: `${demand.events.map((e) => `${e.detailType} ${e.count}`).join(' + ')} entries ÷ ${options.entriesPerPutEvents} a request`,
  });
  loads.push({
    resource: 'EventBridge: invocations',
    quota: 'eventBridgeInvocations',
    perUnit: placed * sum(demand.ruleTargets, (target) => target.count),
    how: demand.ruleTargets.map((t) => `${t.rule} ${t.count}`).join(' + '),
  });
  loads.push({
    resource: 'SES: order emails',
    quota: 'sesSendingRate',
    perUnit: placed * demand.emails,
    how: `${demand.emails} per order`,
  });
  loads.push({
    resource: 'SNS: team alerts (order-alerts)',
    quota: 'snsPublish',
    perUnit: placed * demand.snsPublishes,
    how: `${demand.snsPublishes} per order`,
  });

  const tableUnits = new Map<string, number>();
  for (const access of demand.accesses) {
    if (access.where.includes('.')) continue;
    tableUnits.set(access.where, (tableUnits.get(access.where) ?? 0) + access.wcu * times(access.phase));
  }
  const [busiest, units] = [...tableUnits].sort((a, b) => b[1] - a[1])[0]!;
  const how = `${format(units)} WCU ${per}`;
  loads.push({ resource: `DynamoDB: the ${busiest} table`, quota: 'dynamodbTableOnDemand', perUnit: units, how });
  loads.push({ resource: `DynamoDB: the ${busiest} table, new`, quota: 'dynamodbNewTable', perUnit: units, how });

  for (const partition of sharedPartitions(demand.accesses, times)) {
    const spread = { shop: 1, category: options.categories, product: options.products }[partition.scope];
    loads.push({
      resource: `DynamoDB: ${partition.where}, ${partition.key}${spread > 1 ? ` (1 of ${spread.toLocaleString('en-US')})` : ''}`,
      quota: 'dynamodbPartition',
      perUnit: partitionShare(partition.rcu, partition.wcu) / spread,
      how: `${format(partition.rcu)} RCU + ${format(partition.wcu)} WCU ${per}${spread > 1 ? ` ÷ ${spread.toLocaleString('en-US')}` : ''}`,
    });
  }
  return loads;
}

/** The partitions shared beyond one order (scope product, category, shop), with their units per checkout. */
export function sharedPartitions(
  accesses: readonly PartitionAccess[],
  times: (phase: Phase) => number = () => 1,
): (PartitionAccess & { scope: Exclude<Scope, 'order'> })[] {
  const byKey = new Map<string, PartitionAccess & { scope: Exclude<Scope, 'order'> }>();
  for (const access of accesses) {
    if (access.scope === 'order') continue;
    const id = `${access.where}|${access.key}`;
    const known = byKey.get(id);
    const rcu = access.rcu * times(access.phase);
    const wcu = access.wcu * times(access.phase);
    byKey.set(
      id,
      known ? { ...known, rcu: known.rcu + rcu, wcu: known.wcu + wcu } : { ...access, scope: access.scope, rcu, wcu },
    );
  }
  return [...byKey.values()];
}

export interface FanOutOptions {
  readonly subscribers: number;
  /** Stock changes a second of the product they all watch (the flash sale's sales). */
  readonly changesPerSecond: number;
  /** How long they take to connect, e.g. the minute before the sale opens. */
  readonly connectSeconds: number;
  readonly tokensPerRequest: number;
}

/** Many shoppers on one product's page: connecting before the sale, then told each stock change. */
export function fanOutScenario(options: FanOutOptions): Scenario {
  const { subscribers, changesPerSecond, connectSeconds, tokensPerRequest } = options;
  const connecting = subscribers / connectSeconds;
  const many = subscribers.toLocaleString('en-US');
  return {
    title: `${many} subscribers on one product's page`,
    rate: changesPerSecond,
    unit: 'stock changes/s',
    loads: [
      {
        resource: 'AppSync: outbound messages',
        quota: 'appsyncOutbound',
        perUnit: subscribers,
        how: `${many} subscribers a change (onProductStockChanged)`,
      },
      {
        resource: 'AppSync: request tokens, pushes',
        quota: 'appsyncTokens',
        perUnit: tokensPerRequest,
        how: 'publishProductStock 1 a change',
      },
      {
        resource: 'AppSync: new connections',
        quota: 'appsyncConnectionRate',
        perUnit: connecting,
        fixed: true,
        how: `${many} connecting within ${connectSeconds} s`,
      },
      {
        resource: 'AppSync: request tokens, page loads',
        quota: 'appsyncTokens',
        perUnit: connecting * tokensPerRequest,
        fixed: true,
        how: `each subscriber's getProduct as it connects`,
      },
    ],
  };
}

export function format(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 1) return value.toFixed(1).replace(/\.0$/, '');
  return value.toPrecision(2);
}
