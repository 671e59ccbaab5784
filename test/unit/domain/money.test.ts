import { describe, expect, it } from 'vitest';
import { MAX_CART_CHECKOUT_LINES } from '../../../backend-services/orders/domain/checkout.ts';
import { MAX_ORDER_LINES } from '../../../backend-services/orders/domain/checkoutRequest.ts';
import { demoCatalog } from '../../../backend-services/products/seed/demoCatalog.ts';
import { MAX_LINE_QUANTITY } from '../../../domain/cart.ts';
import { GRAPHQL_INT_MAX, MAX_DELIVERY_PRICE, MAX_ORDER_TOTAL, MAX_PRICE } from '../../../domain/money.ts';

/** GraphQL's Int, as graphql-js serializes it: a 32-bit signed integer. */
const isGraphQLInt = (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1;

describe('money bounds', () => {
  it('take GraphQL’s Int as 2^31 − 1', () => {
    expect(GRAPHQL_INT_MAX).toBe(2 ** 31 - 1);
  });

  it('keep the largest order checkout accepts, lines and delivery, within a GraphQL Int', () => {
    // Checkout refuses a total past MAX_ORDER_TOTAL before any payment (catalogChecks.ts), so this
    // is the largest total an order, its payment, its invoice or a refund of it can have.
    expect(isGraphQLInt(MAX_ORDER_TOTAL)).toBe(true);
  });

  it('keep each amount an order shows within a GraphQL Int: a price, a quantity, the delivery price', () => {
    expect(isGraphQLInt(MAX_PRICE)).toBe(true);
    expect(isGraphQLInt(MAX_LINE_QUANTITY)).toBe(true);
    expect(isGraphQLInt(MAX_DELIVERY_PRICE)).toBe(true);
    expect(MAX_DELIVERY_PRICE).toBeLessThanOrEqual(MAX_ORDER_TOTAL);
  });

  it('need the total’s own bound: prices and quantities alone allow totals far past a GraphQL Int', () => {
    const lines = Math.max(MAX_ORDER_LINES, MAX_CART_CHECKOUT_LINES);
    const largestByInputs = lines * MAX_LINE_QUANTITY * MAX_PRICE + MAX_DELIVERY_PRICE;
    expect(largestByInputs).toBe(4_895_200_000_000);
    expect(isGraphQLInt(largestByInputs)).toBe(false);
    // One full line at the top price is past it already.
    expect(isGraphQLInt(MAX_LINE_QUANTITY * MAX_PRICE)).toBe(false);
  });

  it('let the demo catalog’s products be put again as they are', () => {
    for (const product of demoCatalog()) expect(product.price, product.productId).toBeLessThanOrEqual(MAX_PRICE);
  });
});
