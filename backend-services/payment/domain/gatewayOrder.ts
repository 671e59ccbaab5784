// What the gateway is told of an order (Zalo Pay's create-order fields, in its own units and
// limits): the shopper sees the description and the items on the gateway's page.
import { createHash } from 'node:crypto';
import type { GatewayItem } from './gatewayStartRequest.ts';

/** Zalo Pay's `item` is a JSON string of at most 2048 characters; `app_user` at most 50. */
const MAX_ITEM_CHARS = 2048;
const MAX_APP_USER_CHARS = 50;
const SHORT_NAME_CHARS = 24;

export type GatewayItemEntry = { itemid: string; itemname: string; itemprice: number; itemquantity: number };

/** The items in Zalo Pay's documented shape, names shortened (then the list dropped) to fit its limit. */
export function gatewayItems(items: readonly GatewayItem[]): GatewayItemEntry[] {
  const shaped = (nameLength: number) =>
    items.map((item) => ({
      itemid: item.productId,
      itemname: item.name.slice(0, nameLength),
      itemprice: item.price,
      itemquantity: item.quantity,
    }));
  for (const nameLength of [Number.MAX_SAFE_INTEGER, SHORT_NAME_CHARS, 0]) {
    const entries = shaped(nameLength);
    if (JSON.stringify(entries).length <= MAX_ITEM_CHARS) return entries;
  }
  // Even ids alone do not fit: the page shows the description and amount only.
  return [];
}

/** The user as the gateway knows them: the id, or a digest of it when it is too long. */
export function gatewayUser(userId: string): string {
  return userId.length <= MAX_APP_USER_CHARS
    ? userId
    : createHash('sha256').update(userId).digest('hex').slice(0, MAX_APP_USER_CHARS);
}

/** What the shopper reads on the gateway's page. */
export function gatewayDescription(orderId: string): string {
  return `Payment for order ${orderId}`;
}

/** The order's id travels in embed_data, signed with the callback, to find its payment again. */
export function gatewayEmbedData(orderId: string, redirectUrl: string | undefined): Record<string, string> {
  return { orderId, ...(redirectUrl ? { redirecturl: redirectUrl } : {}) };
}

/** The order id embed_data carries, or undefined when it carries none. */
export function orderIdOfEmbedData(embedData: string): string | undefined {
  try {
    const { orderId } = JSON.parse(embedData) as { orderId?: unknown };
    return typeof orderId === 'string' && orderId !== '' ? orderId : undefined;
  } catch {
    return undefined;
  }
}
