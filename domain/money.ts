// Money's bounds. Every amount is a whole number of minor units (cents), and every amount the API
// answers is a GraphQL Int, 32 bits: a total past GRAPHQL_INT_MAX would be placed and paid, and
// then fail every read of it (the order answered null, the shopper's order list failing whole).
// Prices and quantities alone cannot keep totals in range (999 units of one product at the top
// price are already past it), so an order's total has a bound of its own, which checkout holds
// before any payment. test/unit/domain/money.test.ts works out the worst cases.

/** The largest GraphQL Int: 2^31 − 1. */
export const GRAPHQL_INT_MAX = 2_147_483_647;

/** The highest price a product may have: 1,000,000.00. putProduct refuses more. */
export const MAX_PRICE = 100_000_000;

/** The highest delivery price the delivery-pricing service quotes; it refuses a delivery that would cost more. */
export const MAX_DELIVERY_PRICE = 100_000_000;

/** The highest total (lines and delivery) an order may have: 20,000,000.00. Checkout refuses more before any payment. */
export const MAX_ORDER_TOTAL = 2_000_000_000;
