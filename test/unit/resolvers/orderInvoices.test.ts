// The invoice fields' resolvers, run as bundled (npm run build) by the runtime's APPSYNC_JS
// evaluator: a page of getOrders costs the invoices service one call for its invoices and credit
// notes together, or none when the query asks for neither; Order.invoice and Order.creditNotes
// then answer what the page fetched without a call, and anyone but the owner and admin gets null
// and [] without one.
import { readFileSync } from 'node:fs';
import { createInvocation } from 'appsync-local/appsync/js/invocation.ts';
import { JsEvaluator } from 'appsync-local/appsync/js/evaluator.ts';
import { describe, expect, it } from 'vitest';
import { functionBundlePath, resolverBundlePath } from '../../../system/artifacts.ts';

const evaluator = new JsEvaluator();
const attach = evaluator.load(readFileSync(functionBundlePath('attachOrderInvoices'), 'utf8'), 'attachOrderInvoices.js');
const invoiceField = evaluator.load(readFileSync(resolverBundlePath('Order', 'invoice'), 'utf8'), 'Order.invoice.js');
const creditNotesField = evaluator.load(readFileSync(resolverBundlePath('Order', 'creditNotes'), 'utf8'), 'Order.creditNotes.js');

const document = (orderId: string, invoiceNumber: string, total: number) => ({
  orderId,
  invoiceNumber,
  issuedDate: '2026-03-04',
  total,
  url: `https://bucket.s3.amazonaws.com/invoices/2026/${invoiceNumber}.pdf?X-Amz-Signature=abc`,
});
const shown = ({ orderId: _id, ...invoice }: ReturnType<typeof document>) => invoice;
const order = (orderId: string, userId = 'shopper-1') => ({ orderId, userId, status: 'FULFILLED' });
const shopper = { sub: 'shopper-1', username: 'shopper-1', groups: null, claims: {} };
const stranger = { ...shopper, sub: 'someone-else' };

function context(overrides: Record<string, unknown>) {
  return {
    arguments: {},
    args: {},
    identity: shopper,
    source: null,
    stash: {},
    prev: { result: null },
    result: null,
    info: { selectionSetList: [], selectionSetGraphQL: '' },
    ...overrides,
  };
}

function run(code: typeof attach, handler: 'request' | 'response', ctx: Record<string, unknown>) {
  return evaluator.evaluate(code, handler, ctx, createInvocation('AMAZON_COGNITO_USER_POOLS'));
}

function bodyOf(request: unknown): unknown {
  return JSON.parse((request as { value: { params: { body: string } } }).value.params.body) as unknown;
}

describe('attachOrderInvoices', () => {
  const page = () => ({ orders: [order('o-1'), order('o-2'), order('o-3')], nextToken: null });
  const selecting = (selectionSetList: string[], selectionSetGraphQL: string) => ({ selectionSetList, selectionSetGraphQL });

  it.each([
    [
      'the invoices',
      ['orders', 'orders/orderId', 'orders/invoice', 'orders/invoice/url'],
      '{ orders { orderId invoice { url } } }',
    ],
    ['the credit notes', ['orders', 'orders/creditNotes', 'orders/creditNotes/total'], '{ orders { creditNotes { total } } }'],
    ['both, and payments', ['orders', 'orders/invoice', 'orders/creditNotes', 'orders/payment'], '{ orders { … } }'],
    [
      'an aliased invoice',
      ['orders', 'orders/bill', 'orders/bill/url'],
      '{\n  orders {\n    bill: invoice {\n      url\n    }\n  }\n}',
    ],
    ['invoices through a named fragment', ['orders', 'orders/invoice', 'orders/invoice/url'], '{ orders { ...OrderDocuments } }'],
  ])('asks the invoices service once for the whole page when the query selects %s', (_what, list, printed) => {
    const request = run(attach, 'request', context({ prev: { result: page() }, info: selecting(list, printed) }));
    expect(request).toMatchObject({ kind: 'value', value: { method: 'POST', resourcePath: '/prod/invoices/batch-get' } });
    expect(bodyOf(request)).toEqual({ orderIds: ['o-1', 'o-2', 'o-3'] });
  });

  it('calls nothing when the query selects neither, or the page is empty', () => {
    const info = selecting(['orders', 'orders/orderId', 'orders/payment'], '{ orders { orderId payment { status } } }');
    expect(run(attach, 'request', context({ prev: { result: page() }, info }))).toMatchObject({
      kind: 'earlyReturn',
      data: page(),
    });
    const empty = { orders: [], nextToken: null };
    const asking = selecting(['orders', 'orders/invoice'], '{ orders { invoice { url } } }');
    expect(run(attach, 'request', context({ prev: { result: empty }, info: asking }))).toMatchObject({
      kind: 'earlyReturn',
      data: empty,
    });
  });

  it('puts each order’s invoice and credit notes on it: null and [] where the service has none', () => {
    const invoice = document('o-1', 'INV-2026-000001', 6900);
    const notes = [document('o-1', 'CN-2026-000001', 1000), document('o-1', 'CN-2026-000002', 500)];
    const other = document('o-3', 'CN-2026-000003', 300);
    const body = { invoices: [invoice], creditNotes: [...notes, other], missing: ['o-2', 'o-3'] };
    const outcome = run(
      attach,
      'response',
      context({ prev: { result: page() }, result: { statusCode: 200, body: JSON.stringify(body) } }),
    );
    expect(outcome).toEqual({
      kind: 'value',
      value: {
        orders: [
          { ...order('o-1'), invoice: shown(invoice), creditNotes: notes.map(shown) },
          { ...order('o-2'), invoice: null, creditNotes: [] },
          { ...order('o-3'), invoice: null, creditNotes: [shown(other)] },
        ],
        nextToken: null,
      },
    });
  });

  it('marks the page’s invoices unavailable when the service fails, keeping the orders', () => {
    for (const failed of [
      { error: { message: 'connect ECONNREFUSED', type: 'HTTP' } },
      { result: { statusCode: 502, body: '{"message":"Internal server error"}' } },
    ]) {
      const outcome = run(attach, 'response', context({ prev: { result: page() }, ...failed }));
      const orders = (outcome as { value: { orders: Record<string, unknown>[] } }).value.orders;
      expect(orders).toHaveLength(3);
      for (const each of orders) {
        expect(each.invoicesUnavailable).toMatch(/could not be reached: connect ECONNREFUSED|answered HTTP 502/);
        expect(each).not.toHaveProperty('invoice');
      }
    }
  });
});

describe('Order.invoice', () => {
  const invoice = shown(document('o-1', 'INV-2026-000001', 6900));

  it('answers the invoice the page fetched, or null, with no call', () => {
    expect(run(invoiceField, 'request', context({ source: { ...order('o-1'), invoice } }))).toMatchObject({
      kind: 'earlyReturn',
      data: invoice,
    });
    expect(run(invoiceField, 'request', context({ source: { ...order('o-1'), invoice: null } }))).toMatchObject({
      kind: 'earlyReturn',
      data: null,
    });
  });

  it('asks for its own order’s documents when nothing fetched them, and answers its invoice or null', () => {
    const request = run(invoiceField, 'request', context({ source: order('o-9') }));
    expect(request).toMatchObject({ kind: 'value', value: { resourcePath: '/prod/invoices/batch-get' } });
    expect(bodyOf(request)).toEqual({ orderIds: ['o-9'] });
    const found = { invoices: [document('o-9', 'INV-2026-000009', 4200)], creditNotes: [], missing: [] };
    const answered = run(
      invoiceField,
      'response',
      context({ source: order('o-9'), result: { statusCode: 200, body: JSON.stringify(found) } }),
    );
    expect(answered).toEqual({ kind: 'value', value: shown(found.invoices[0]!) });
    const none = { invoices: [], creditNotes: [], missing: ['o-9'] };
    expect(
      run(invoiceField, 'response', context({ source: order('o-9'), result: { statusCode: 200, body: JSON.stringify(none) } })),
    ).toEqual({
      kind: 'value',
      value: null,
    });
  });

  it('answers null, with no call and no error, to anyone but the owner and admin, even what a page fetched', () => {
    expect(run(invoiceField, 'request', context({ identity: stranger, source: order('o-1') }))).toEqual({
      kind: 'earlyReturn',
      data: null,
    });
    const warehouse = { ...stranger, groups: ['warehouse'] };
    expect(run(invoiceField, 'request', context({ identity: warehouse, source: { ...order('o-1'), invoice } }))).toEqual({
      kind: 'earlyReturn',
      data: null,
    });
    const admin = { ...stranger, groups: ['admin'] };
    expect(run(invoiceField, 'request', context({ identity: admin, source: order('o-1') }))).toMatchObject({ kind: 'value' });
  });

  it('fails the field alone, ServiceUnavailable, when the invoices cannot be read', () => {
    const unavailable = { ...order('o-1'), invoicesUnavailable: 'The invoices service answered HTTP 503.' };
    expect(run(invoiceField, 'request', context({ source: unavailable }))).toMatchObject({
      kind: 'error',
      error: { errorType: 'ServiceUnavailable', message: expect.stringContaining('answered HTTP 503') },
    });
    const failed = context({ source: order('o-1'), error: { message: 'timeout', type: 'HTTP' } });
    expect(run(invoiceField, 'response', failed)).toMatchObject({ kind: 'error', error: { errorType: 'ServiceUnavailable' } });
  });
});

describe('Order.creditNotes', () => {
  const notes = [shown(document('o-1', 'CN-2026-000001', 1000))];

  it('answers the credit notes the page fetched, with no call', () => {
    expect(run(creditNotesField, 'request', context({ source: { ...order('o-1'), creditNotes: notes } }))).toMatchObject({
      kind: 'earlyReturn',
      data: notes,
    });
  });

  it('asks for its own order’s documents when nothing fetched them, and answers its credit notes in order, or []', () => {
    const request = run(creditNotesField, 'request', context({ source: order('o-9') }));
    expect(bodyOf(request)).toEqual({ orderIds: ['o-9'] });
    const found = {
      invoices: [document('o-9', 'INV-2026-000009', 4200)],
      creditNotes: [document('o-9', 'CN-2026-000004', 100), document('o-9', 'CN-2026-000007', 200)],
      missing: [],
    };
    expect(
      run(
        creditNotesField,
        'response',
        context({ source: order('o-9'), result: { statusCode: 200, body: JSON.stringify(found) } }),
      ),
    ).toEqual({ kind: 'value', value: found.creditNotes.map(shown) });
    const none = { invoices: [], creditNotes: [], missing: ['o-9'] };
    expect(
      run(
        creditNotesField,
        'response',
        context({ source: order('o-9'), result: { statusCode: 200, body: JSON.stringify(none) } }),
      ),
    ).toEqual({ kind: 'value', value: [] });
  });

  it('answers [] to anyone but the owner and admin, with no call', () => {
    expect(
      run(creditNotesField, 'request', context({ identity: stranger, source: { ...order('o-1'), creditNotes: notes } })),
    ).toEqual({
      kind: 'earlyReturn',
      data: [],
    });
  });

  it('answers [] with an appended ServiceUnavailable error when they cannot be read, so the order stays whole', () => {
    const invocation = createInvocation('AMAZON_COGNITO_USER_POOLS');
    const unavailable = { ...order('o-1'), invoicesUnavailable: 'The invoices service answered HTTP 503.' };
    expect(evaluator.evaluate(creditNotesField, 'request', context({ source: unavailable }), invocation)).toMatchObject({
      kind: 'earlyReturn',
      data: [],
    });
    expect(invocation.appendedErrors).toEqual([
      expect.objectContaining({ errorType: 'ServiceUnavailable', message: expect.stringContaining('answered HTTP 503') }),
    ]);

    const failing = createInvocation('AMAZON_COGNITO_USER_POOLS');
    const failed = context({ source: order('o-1'), error: { message: 'timeout', type: 'HTTP' } });
    expect(evaluator.evaluate(creditNotesField, 'response', failed, failing)).toEqual({ kind: 'value', value: [] });
    expect(failing.appendedErrors).toEqual([expect.objectContaining({ errorType: 'ServiceUnavailable' })]);
  });
});
