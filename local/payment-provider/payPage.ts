// The gateway simulator's hosted payment page: what a shopper sees at an order's order_url. Plain
// HTML with no external assets, every value escaped. The page posts back to itself with
// `action=pay|decline`, carrying the callback fault switches it was opened with.
import type { GatewayOrder, GatewayOrderState } from './gateway.ts';

export interface PayPageOrder {
  readonly order: GatewayOrder;
  readonly state: GatewayOrderState;
}

/** The order, with Pay and Decline buttons (ids `pay` and `decline`) while it can still be paid. */
export function renderPayPage({ order, state }: PayPageOrder, switches: Readonly<Record<string, string>>): string {
  if (state !== 'PENDING') return renderClosedPage({ order, state });
  const hidden = Object.entries(switches)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const action = `/pay/${encodeURIComponent(order.zpTransToken)}`;
  const form = (value: 'pay' | 'decline', label: string) =>
    `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="action" value="${value}">${hidden}` +
    `<button type="submit" id="${value}">${label}</button></form>`;
  return page(
    'Zalo Pay (simulator)',
    `${orderSummary(order)}<p>Pay within ${escapeHtml(new Date(order.expiresAt).toISOString())}.</p>` +
      `<div class="actions">${form('pay', 'Pay')}${form('decline', 'Decline')}</div>`,
  );
}

/** After the shopper's choice: Paid or Declined, and the way back to the merchant if it gave one. */
export function renderResultPage({ order, state }: PayPageOrder, redirectUrl: string | undefined): string {
  const heading = state === 'PAID' ? 'Paid' : 'Declined';
  const back = redirectUrl ? `<p><a id="back" href="${escapeHtml(redirectUrl)}">Back to the shop</a></p>` : '';
  return page(heading, `<p id="result">${heading}</p>${orderSummary(order)}${back}`);
}

/** An order that can no longer be paid: expired, or paid or declined already. */
export function renderClosedPage({ order, state }: PayPageOrder): string {
  const why: Record<GatewayOrderState, string> = {
    PENDING: 'This order is still open.',
    PAID: 'This order was paid already.',
    DECLINED: 'This order was declined.',
    EXPIRED: 'This order has expired; it can no longer be paid.',
  };
  return page('Order closed', `<p id="result">${escapeHtml(why[state])}</p>${orderSummary(order)}`);
}

export function renderMessagePage(title: string, message: string): string {
  return page(title, `<p id="result">${escapeHtml(message)}</p>`);
}

/** 123456 → "123.456 ₫", as amounts in đồng are written in Vietnam (no minor unit). */
export function formatVnd(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function orderSummary(order: GatewayOrder): string {
  return (
    `<p id="amount" class="amount">${escapeHtml(formatVnd(order.amount))}</p>` +
    `<p id="description">${escapeHtml(order.description)}</p>` +
    `<ul id="items">${itemLines(order.item)}</ul>`
  );
}

/** The merchant defines its items; the docs' examples name them itemname (or itename), itemprice and itemquantity. */
function itemLines(item: string): string {
  let items: unknown;
  try {
    items = JSON.parse(item);
  } catch {
    items = undefined;
  }
  if (!Array.isArray(items)) return `<li>${escapeHtml(item)}</li>`;
  return items
    .map((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) return `<li>${escapeHtml(JSON.stringify(entry))}</li>`;
      const { itemname, itename, itemid, itemprice, itemquantity } = entry as Record<string, unknown>;
      const name = [itemname, itename, itemid].find((v) => typeof v === 'string' || typeof v === 'number');
      const label = name === undefined ? JSON.stringify(entry) : String(name);
      const quantity = typeof itemquantity === 'number' ? ` × ${itemquantity}` : '';
      const price = typeof itemprice === 'number' ? ` — ${formatVnd(itemprice)}` : '';
      return `<li>${escapeHtml(`${label}${quantity}${price}`)}</li>`;
    })
    .join('');
}

function page(title: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>` +
    'body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}' +
    '.amount{font-size:2rem;font-weight:bold}.actions{display:flex;gap:1rem}' +
    'button{font-size:1.1rem;padding:.5rem 1.5rem}#pay{background:#0068ff;color:#fff;border:0}' +
    `</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
  );
}
