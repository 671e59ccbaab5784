// How long each hop between a client and a backend service waits, from the outside in:
//
//   AppSync request  >  HTTP data source  >  API Gateway integration  >  Lambda function
//
// Each inner hop gives up before the one in front of it, so that whatever happens behind the API
// (an answer, a function timed out: 502, an integration timed out: 504) reaches the resolver as an
// answer it can map, and the client is told what is known. A handler must answer within its
// function's time: checkout's worst case is held to it (orders/checkout/checkoutBudget.ts).
// test/unit/system/timeouts.test.ts holds the chain in this order; the local stack
// (local/apiDefinition.ts, local/services.ts) and the CDK app (infra/constructs/) set it from here.
export interface Timeouts {
  readonly appsyncRequestMs: number;
  readonly httpDataSourceMs: number;
  readonly integrationMs: number;
  readonly functionMs: number;
}

/** Typed as numbers, not literals: tests run the stack with shorter ones. */
export const TIMEOUTS: Timeouts = {
  /**
   * AppSync's quota "Request execution time for mutations, queries, and subscriptions": 30 s, not
   * adjustable (https://docs.aws.amazon.com/general/latest/gr/appsync.html). Past it the field
   * fails with ExecutionTimeout and its resolver's response never runs.
   */
  appsyncRequestMs: 30_000,
  /**
   * How long an HTTP data source waits for its endpoint. On AWS it cannot be set (a data source's
   * HttpConfig holds an endpoint and an authorization config, nothing else) and only the request's
   * 30 s bounds it. The local runtime waits this long: past API Gateway's own limit, and early
   * enough for the resolver's response to run.
   */
  httpDataSourceMs: 29_500,
  /**
   * API Gateway's integration timeout of a REST API: its default, and its maximum without a quota
   * increase (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). Past it:
   * 504.
   */
  integrationMs: 29_000,
  /**
   * Every Lambda function's timeout. It ends before API Gateway stops waiting, so that no function
   * is still writing when the caller has been told the outcome is unknown. Past it: 502.
   */
  functionMs: 28_000,
};
