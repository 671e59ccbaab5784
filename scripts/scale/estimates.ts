// What the scale model estimates rather than measures or reads from the code, in one place, each
// with what it stands on (docs/SCALE.md, "Estimated, not measured"). Replace them with what AWS
// reports (Lambda's Duration, AppSync's x-amzn-appsync-TokensConsumed, DynamoDB's latency) once
// the stack runs there.

/**
 * How long each function runs, in seconds. bench/results.md times whole requests on the local
 * stack (a quick run: 1 s per scenario), not hops: these are stand-ins taken from it.
 */
export const LATENCIES = {
  /** placeOrder's p50 on the whole local stack, 1 shopper (81 ms; p99 180 ms): the orders function and AppSync's and API Gateway's hops. */
  checkout: 0.081,
  /** getProduct's p50 through the local runtime (13.6 ms): one call to DynamoDB, as batch-get makes. */
  oneTableCall: 0.014,
  /** A function that calls another service first (authorize asks the card provider): two of the above. */
  nestedCall: 0.028,
  /** A function that reads nothing (delivery-pricing's quote of the packages it is sent): taken as half of one call. */
  pureCall: 0.007,
  /** The email handler: the order read, the ledger claimed and settled, SES. Not measured: four calls. */
  email: 0.056,
  /** The team alert: the order read, SNS. Not measured: two calls. */
  alert: 0.028,
} as const;

/** AppSync tokens per request: 1 for any request under 1,500 KB-seconds; ours are small, but none was measured on AWS. */
export const TOKENS_PER_REQUEST = 1;

/** The flash sale's DynamoDB timings (scripts/scale/flashSale.ts): not measured, typical of a small transaction on AWS. */
export const FLASH_SALE_TIMINGS = {
  /** How long one TransactWriteItems holds the stock item, prepare to commit. */
  transactionMs: 20,
  /** Checkout before its write: the cart, the catalog and quote in parallel, the payment claimed (placeOrder's local p50 less the write). */
  beforeWriteMs: 60,
} as const;
