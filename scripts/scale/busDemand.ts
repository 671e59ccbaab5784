// What an order's events set off: each event the tables' streams publish meets the bus's rules
// (system/events.ts, matched by the local bus's pattern matcher, as EventBridge matches them); each
// rule's target is a Lambda handler or a mutation of the API, whose result goes to the
// subscription the schema ties it to (@aws_subscribe). What a handler sends (an email, an alert)
// is not in the declaration: RULE_HANDLERS says it for each handler an order's placement reaches,
// and a handler it does not know fails the model rather than being left out.
import { compilePattern } from 'appsync-local/eventbridge/patterns/compile.ts';
import { matchesPattern } from 'appsync-local/eventbridge/patterns/match.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATUS_EMAILS } from '../../backend-services/notifications/domain/emailKinds.ts';
import type { DomainEvent } from '../../backend-services/platform/eventBus.ts';
import type { OrderStatus } from '../../generated/graphql.ts';
import { REPO_ROOT } from '../../system/artifacts.ts';
import { EVENT_RULES, mutationFieldsOf, rulePattern } from '../../system/events.ts';
import { ORDERS_TABLE, SENT_EMAILS_TABLE, type TableDeclaration } from '../../system/tables.ts';
import { LATENCIES } from './estimates.ts';

interface Count {
  readonly count: number;
}

export interface BusDemand {
  readonly events: readonly (Count & { readonly detailType: string })[];
  readonly ruleTargets: readonly (Count & { readonly rule: string; readonly target: string })[];
  /** The API's mutations the rules call (each an AppSync request). */
  readonly mutations: readonly (Count & { readonly field: string })[];
  /** The subscriptions their results go to: one message per subscriber the filter lets through. */
  readonly subscriptionMessages: readonly (Count & { readonly subscription: string })[];
  readonly invocations: readonly (Count & { readonly fn: string; readonly seconds: number })[];
  readonly emails: number;
  readonly snsPublishes: number;
  /** The handlers' reads and writes of the order's own items (keyed by order: never hot). */
  readonly handlerAccesses: readonly { readonly table: TableDeclaration; readonly read: boolean; readonly by: string }[];
}

/** An event as the bus matches it. */
interface BusEvent {
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail: Record<string, unknown>;
}

/** What a rule's handler does with one event: what its module's code sends. */
interface HandlerWork {
  readonly emails: number;
  readonly snsPublishes: number;
  readonly seconds: number;
  readonly reads: readonly TableDeclaration[];
  readonly writes: readonly TableDeclaration[];
}

const RULE_HANDLERS: Readonly<Record<string, (event: BusEvent) => HandlerWork>> = {
  // The order read (strongly); when its status has an email, the ledger claimed, one SES send, the ledger settled.
  'backend-services/notifications/handlers/orderStatusEmail.ts': (event) =>
    STATUS_EMAILS[event.detail.status as OrderStatus]
      ? {
          emails: 1,
          snsPublishes: 0,
          seconds: LATENCIES.email,
          reads: [ORDERS_TABLE],
          writes: [SENT_EMAILS_TABLE, SENT_EMAILS_TABLE],
        }
      : { emails: 0, snsPublishes: 0, seconds: LATENCIES.oneTableCall, reads: [ORDERS_TABLE], writes: [] },
  // The order read, one publish to the order-alerts topic.
  'backend-services/notifications/handlers/orderPlacedAlert.ts': () => ({
    emails: 0,
    snsPublishes: 1,
    seconds: LATENCIES.alert,
    reads: [ORDERS_TABLE],
    writes: [],
  }),
};

export function busDemand(events: readonly DomainEvent[]): BusDemand {
  const tally = new Map<string, number>();
  const add = (key: string, count = 1) => tally.set(key, (tally.get(key) ?? 0) + count);
  const invocations = new Map<string, number>();
  const handlerAccesses: { table: TableDeclaration; read: boolean; by: string }[] = [];
  let emails = 0;
  let snsPublishes = 0;

  for (const event of events.map(busEventOf)) {
    add(`event|${event['detail-type']}`);
    for (const rule of EVENT_RULES) {
      // The account's default bus carries AWS services' events (S3's), never ours.
      if (rule.bus === 'default' || !matchesPattern(compilePattern(rulePattern(rule, (name) => name)), event)) continue;
      for (const target of rule.targets) {
        if (target.type === 'APPSYNC') {
          for (const field of mutationFieldsOf(target.document)) {
            const subscription = SUBSCRIBED_BY[field];
            if (!subscription) throw new Error(`No subscription in schema/schema.graphql takes ${field}'s result.`);
            add(`target|${rule.name}|${field}`);
            add(`mutation|${field}`);
            add(`subscription|${subscription}`);
          }
          continue;
        }
        const work = RULE_HANDLERS[target.handler.module]?.(event);
        if (!work) {
          throw new Error(
            `${event['detail-type']} reaches ${target.handler.module} (rule ${rule.name}) when an order is placed: ` +
              'say in scripts/scale/busDemand.ts (RULE_HANDLERS) what it sends and how long it runs.',
          );
        }
        const handler = target.handler.module.split('/').pop()!;
        add(`target|${rule.name}|${handler}`);
        const fn = `rule ${rule.name}: ${handler}`;
        invocations.set(fn, work.seconds);
        add(`invocation|${fn}`);
        emails += work.emails;
        snsPublishes += work.snsPublishes;
        handlerAccesses.push(
          ...work.reads.map((table) => ({ table, read: true, by: `${rule.name}: the order read` })),
          ...work.writes.map((table) => ({ table, read: false, by: `${rule.name}: ${table.name}` })),
        );
      }
    }
  }

  const counted = (kind: string) =>
    [...tally].filter(([key]) => key.startsWith(`${kind}|`)).map(([key, count]) => ({ names: key.split('|').slice(1), count }));
  return {
    events: counted('event').map(({ names, count }) => ({ detailType: names[0]!, count })),
    ruleTargets: counted('target').map(({ names, count }) => ({ rule: names[0]!, target: names[1]!, count })),
    mutations: counted('mutation').map(({ names, count }) => ({ field: names[0]!, count })),
    subscriptionMessages: counted('subscription').map(({ names, count }) => ({ subscription: names[0]!, count })),
    invocations: counted('invocation').map(({ names, count }) => ({
      fn: names[0]!,
      count,
      seconds: invocations.get(names[0]!)!,
    })),
    emails,
    snsPublishes,
    handlerAccesses,
  };
}

/** The event as EventBridge hands it to a pattern: its detail as JSON would carry it. */
function busEventOf(event: DomainEvent): BusEvent {
  return {
    source: event.source,
    'detail-type': event.detailType,
    detail: JSON.parse(JSON.stringify(event.detail)) as Record<string, unknown>,
  };
}

/** Each mutation's subscription, from the schema's @aws_subscribe directives. */
const SUBSCRIBED_BY: Readonly<Record<string, string>> = (() => {
  const schema = readFileSync(join(REPO_ROOT, 'schema/schema.graphql'), 'utf8');
  const pairs: [string, string][] = [];
  for (const match of schema.matchAll(/(\w+)(?:\([^)]*\))?:\s*[^\s@]+\s*@aws_subscribe\(mutations: \[([^\]]*)\]\)/g)) {
    for (const mutation of match[2]!.matchAll(/"(\w+)"/g)) pairs.push([mutation[1]!, match[1]!]);
  }
  return Object.fromEntries(pairs);
})();
