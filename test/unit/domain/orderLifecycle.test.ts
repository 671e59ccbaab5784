import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConstArgumentNode, isEnumType, Kind } from 'graphql';
import { buildAppSyncSchema } from 'appsync-local/appsync/execution/schema.ts';
import { describe, expect, it } from 'vitest';
import {
  isOrderStatus,
  PAYMENT_OUTCOMES,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  type OrderTransition,
  type OrderTransitionField,
  paymentEffectOf,
  paymentSettlingStatuses,
  stockReturningStatuses,
} from '../../../domain/orderLifecycle.ts';
import type { OrderStatus } from '../../../generated/graphql.ts';
import { RESOLVERS } from '../../../system/api.ts';
import { RESOLVER_SOURCE_DIR, SCHEMA_FILE } from '../../../system/artifacts.ts';

const schema = buildAppSyncSchema(readFileSync(SCHEMA_FILE, 'utf8'));
const steps = Object.entries(ORDER_TRANSITIONS) as [OrderTransitionField, OrderTransition][];

/** The Mutation fields served by the status-change pipeline (system/api.ts). */
const transitionFields = RESOLVERS.filter(
  (resolver) =>
    resolver.typeName === 'Mutation' &&
    resolver.kind === 'PIPELINE' &&
    resolver.functions.join() === 'getOrderForTransition,transitionOrder',
).map((resolver) => resolver.fieldName);

/** The groups of a Mutation field's @aws_cognito_user_pools(cognito_groups: [...]); [] without one. */
function schemaGroupsOf(fieldName: string): string[] {
  const mutation = schema.getMutationType();
  const field = mutation?.getFields()[fieldName];
  if (!field) throw new Error(`The schema has no Mutation.${fieldName}.`);
  const directive = field.astNode?.directives?.find((candidate) => candidate.name.value === 'aws_cognito_user_pools');
  const groups = directive?.arguments?.find((argument: ConstArgumentNode) => argument.name.value === 'cognito_groups')?.value;
  if (!groups) return [];
  if (groups.kind !== Kind.LIST) throw new Error(`Mutation.${fieldName}'s cognito_groups is not a list.`);
  return groups.values.map((value) => (value.kind === Kind.STRING ? value.value : String(value.kind)));
}

/** The stash a status-change resolver's request leaves for the pipeline. */
async function transitionTakenBy(fieldName: string, callerId: string): Promise<unknown> {
  const resolver = (await import(join(RESOLVER_SOURCE_DIR, `Mutation.${fieldName}.ts`))) as { request(ctx: unknown): unknown };
  const ctx = {
    args: { orderId: 'order-1' },
    identity: { sub: callerId },
    stash: {} as { transition?: unknown },
    info: { fieldName },
  };
  resolver.request(ctx);
  return ctx.stash.transition;
}

describe('the order lifecycle', () => {
  it('has exactly the statuses of the schema’s OrderStatus, in its order', () => {
    const orderStatus = schema.getType('OrderStatus');
    expect(isEnumType(orderStatus)).toBe(true);
    expect(Object.keys(ORDER_STATUSES)).toEqual(
      isEnumType(orderStatus) ? orderStatus.getValues().map((value) => value.name) : [],
    );
  });

  it('has a step for every mutation the status-change pipeline serves, and no other', () => {
    expect(transitionFields.length).toBeGreaterThan(0);
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...transitionFields].sort());
  });

  it.each(steps)('lets %s be called by the groups the schema names', (field, step) => {
    expect(schemaGroupsOf(field).sort()).toEqual([...step.groups].sort());
    const order = schema.getMutationType()?.getFields()[field]?.type;
    expect(String(order)).toBe('Order');
  });

  it.each(steps)('has Mutation.%s’s resolver take the step the table gives it', async (field, step) => {
    expect(await transitionTakenBy(field, 'user-1')).toEqual({
      from: step.from,
      to: step.to,
      ownerId: step.ownerOnly ? 'user-1' : null,
      reason: step.reason,
    });
  });

  it('lets only the owner cancel, and only while NEW, saying so in the order’s statusReason', () => {
    expect(ORDER_TRANSITIONS.cancelOrder).toEqual({
      from: 'NEW',
      to: 'CANCELLED',
      groups: [],
      ownerOnly: true,
      reason: 'CANCELLED_BY_CUSTOMER',
    });
    expect(steps.filter(([, step]) => step.ownerOnly).map(([field]) => field)).toEqual(['cancelOrder']);
  });

  it('keeps customers out of every step but their own cancellation', () => {
    for (const [field, step] of steps) {
      expect(step.ownerOnly || step.groups.length > 0, field).toBe(true);
    }
  });

  it('reaches every status from the two an order is created in, and no mutation leads back to NEW or stays where it is', () => {
    const everyStep = [...steps.map(([, step]) => step), ...Object.values(PAYMENT_OUTCOMES)];
    const reached = new Set<OrderStatus>(['NEW', 'AWAITING_PAYMENT']);
    for (let round = 0; round < everyStep.length; round += 1) {
      for (const step of everyStep) if (reached.has(step.from)) reached.add(step.to);
    }
    expect([...reached].sort()).toEqual(Object.keys(ORDER_STATUSES).sort());
    expect(steps.filter(([, step]) => step.to === 'NEW' || step.from === step.to)).toEqual([]);
  });

  it('leaves AWAITING_PAYMENT only through the payment’s outcome, and never by a mutation', () => {
    expect(steps.filter(([, step]) => step.from === 'AWAITING_PAYMENT' || step.to === 'AWAITING_PAYMENT')).toEqual([]);
    expect(Object.values(PAYMENT_OUTCOMES).map((outcome) => [outcome.from, outcome.to, outcome.reason])).toEqual([
      ['AWAITING_PAYMENT', 'NEW', null],
      ['AWAITING_PAYMENT', 'CANCELLED', 'PAYMENT_FAILED'],
      ['AWAITING_PAYMENT', 'CANCELLED', 'PAYMENT_EXPIRED'],
    ]);
  });

  it('settles the payment and returns the stock only at statuses no step leaves, so each happens once', () => {
    const left = new Set([...steps.map(([, step]) => step.from), ...Object.values(PAYMENT_OUTCOMES).map((step) => step.from)]);
    const settling = (Object.keys(ORDER_STATUSES) as OrderStatus[]).filter(
      (status) => ORDER_STATUSES[status].payment !== null || ORDER_STATUSES[status].returnsStock,
    );
    expect(settling.filter((status) => left.has(status))).toEqual([]);
  });

  it('captures the payment of a FULFILLED order only, and releases it wherever the stock returns', () => {
    expect(paymentSettlingStatuses().filter((status) => paymentEffectOf(status) === 'CAPTURE')).toEqual(['FULFILLED']);
    expect(
      paymentSettlingStatuses()
        .filter((status) => paymentEffectOf(status) === 'RELEASE')
        .sort(),
    ).toEqual(stockReturningStatuses().sort());
    expect(stockReturningStatuses().sort()).toEqual(['CANCELLED', 'DELIVERY_FAILED', 'PACKAGING_FAILED']);
  });

  it.each(['AWAITING_PAYMENT', 'NEW', 'PACKAGING', 'PACKAGED', 'IN_DELIVERY', 'PAID', 'toString', 'constructor', ''])(
    'settles nothing for %j',
    (status) => {
      expect(paymentEffectOf(status)).toBeNull();
    },
  );

  it('knows a status from any other string', () => {
    expect(isOrderStatus('FULFILLED')).toBe(true);
    expect(isOrderStatus('fulfilled')).toBe(false);
    expect(isOrderStatus('hasOwnProperty')).toBe(false);
  });
});
