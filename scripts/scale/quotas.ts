// The AWS quotas the scale model holds the system's demand to (docs/SCALE.md), each with the page
// it was read from. Defaults of us-east-1 where they differ by Region (other Regions are lower:
// `note` says how). A quota whose value could not be found is `value: null`, and the model prints
// its demand without a verdict rather than a guess. Read 2026-12; quotas change: before a launch,
// the account's Service Quotas console is the word that counts.

export interface Quota {
  readonly name: string;
  /** null: not found in what could be read; the demand is printed against nothing. */
  readonly value: number | null;
  readonly unit: string;
  /** Can it be raised (Service Quotas, a support case)? null when the page does not say. */
  readonly adjustable: boolean | null;
  readonly source: string;
  readonly note?: string;
}

const DYNAMODB_ON_DEMAND_THROTTLING = 'https://repost.aws/knowledge-center/on-demand-table-throttling-dynamodb';
const DYNAMODB_TRANSACTIONS = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html';
const LAMBDA_QUOTAS = 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html';
const APPSYNC_QUOTAS = 'https://docs.aws.amazon.com/general/latest/gr/appsync.html';
const EVENTBRIDGE_QUOTAS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html';

export const QUOTAS = {
  dynamodbPartition: {
    name: 'DynamoDB: one partition (3,000 RCU or 1,000 WCU a second, or a linear combination)',
    value: 1,
    unit: 'partition (RCU/3,000 + WCU/1,000)',
    adjustable: false,
    source: DYNAMODB_ON_DEMAND_THROTTLING,
    note:
      'Also https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html. ' +
      'An item is never split: a partition isolating one hot item still serves at most this ' +
      '(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html). ' +
      "A GSI's partitions have the same limit, and a GSI that cannot take its writes throttles the table's " +
      '(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/gsi-throttling.html).',
  },
  dynamodbTableOnDemand: {
    name: 'DynamoDB: an on-demand table (40,000 read and 40,000 write request units a second)',
    value: 40_000,
    unit: 'WRU/s',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode-max-throughput.html',
  },
  dynamodbNewTable: {
    name: 'DynamoDB: a new on-demand table at once (4,000 WRU or 12,000 RRU, then up to double the previous peak within 30 minutes)',
    value: 4_000,
    unit: 'WRU/s',
    adjustable: null,
    source: DYNAMODB_ON_DEMAND_THROTTLING,
    note:
      'Past double the previous peak within 30 minutes, throttling; pre-warming (warm throughput) sets the starting point ' +
      '(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/pre-warming-on-demand-capacity-mode.html).',
  },
  dynamodbTransactionItems: {
    name: 'DynamoDB: TransactWriteItems (100 items, 4 MB; each item written twice, prepare and commit, even when cancelled)',
    value: 100,
    unit: 'items',
    adjustable: false,
    source: DYNAMODB_TRANSACTIONS,
    note:
      'A transaction touching an item another transaction holds is cancelled (TransactionConflict), not queued; ' +
      'the capacity of a cancelled transaction is consumed all the same.',
  },
  lambdaConcurrency: {
    name: 'Lambda: concurrent executions, all functions of the account and Region',
    value: 1_000,
    unit: 'concurrent executions',
    adjustable: true,
    source: LAMBDA_QUOTAS,
    note: 'Raisable to tens of thousands; new accounts start lower.',
  },
  lambdaScalingRate: {
    name: 'Lambda: scaling rate, per function (1,000 new execution environments every 10 s)',
    value: 100,
    unit: 'new environments/s',
    adjustable: false,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html',
  },
  apiGatewayAccount: {
    name: 'API Gateway: requests, all APIs of the account and Region (burst 5,000)',
    value: 10_000,
    unit: 'requests/s',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
    note: '2,500/s (burst 1,250) in the newer Regions the page lists. Integration timeout 29 s (system/timeouts.ts).',
  },
  apiGatewayStage: {
    name: "API Gateway: one service's stage, as the stack throttles it (STAGE_THROTTLING, burst 1,000)",
    value: 500,
    unit: 'requests/s',
    adjustable: true,
    source: 'infra/constructs/backendService.ts (ours: infra/README.md, "Who may call the services")',
  },
  appsyncTokens: {
    name: 'AppSync: request tokens, all GraphQL APIs of the account and Region',
    value: 5_000,
    unit: 'tokens/s',
    adjustable: true,
    source:
      'https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html#aws-appsync-using-token-counts-to-optimize-requests',
    note:
      '"5,000 or 10,000 request tokens per second ... depending upon the AWS Region"; a request of up to 1,500 KB-seconds ' +
      'of memory and vCPU is 1 token. Older quota lists give 2,000. The account holds its own value under ' +
      'Service Quotas L-FC5E46D0.',
  },
  appsyncConnectionRate: {
    name: 'AppSync: new real-time connections per API',
    value: 200,
    unit: 'connections/s',
    adjustable: true,
    source: APPSYNC_QUOTAS,
    note:
      "Resource-level adjustable. The page's table could not be read here: the value is as a public AppSync broadcast " +
      "benchmark's README quotes it from that page (with the two quotas below).",
  },
  appsyncOutbound: {
    name: 'AppSync: outbound real-time messages per API',
    value: 1_000_000,
    unit: 'messages/s',
    adjustable: true,
    source: APPSYNC_QUOTAS,
    note:
      'Inbound messages per API: 10,000/s. Subscription payload: 240 KB (not adjustable). No quota on concurrent ' +
      'connections was found.',
  },
  eventBridgePutEvents: {
    name: 'EventBridge: PutEvents requests (up to 10 entries each), account and Region',
    value: 10_000,
    unit: 'requests/s',
    adjustable: true,
    source: EVENTBRIDGE_QUOTAS,
    note: 'us-east-1, us-west-2, eu-west-1; 2,400 in us-east-2, eu-central-1; 1,200, 600 elsewhere; 400 in the rest.',
  },
  eventBridgeInvocations: {
    name: "EventBridge: invocations (an event matched by a rule, sent to a target); over it they're delayed, not lost",
    value: 18_750,
    unit: 'invocations/s',
    adjustable: true,
    source: EVENTBRIDGE_QUOTAS,
    note: 'us-east-1, us-west-2, eu-west-1; 4,500 in us-east-2, eu-central-1; 2,250, 1,100 or 750 elsewhere. 5 targets per rule.',
  },
  sesSendingRate: {
    name: 'SES: sending rate (recipients a second)',
    value: null,
    unit: 'emails/s',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/ses/latest/dg/quotas.html',
    note:
      'In the sandbox 1 a second (and 200 a day); out of it the rate "varies based on your specific use case": no ' +
      'default is published, so the account must ask for at least the demand shown.',
  },
  snsPublish: {
    name: 'SNS: Publish requests, account and Region',
    value: null,
    unit: 'requests/s',
    adjustable: null,
    source: 'https://docs.aws.amazon.com/general/latest/gr/sns.html',
    note: 'Not found: the page holds it, but its table could not be read here.',
  },
} as const satisfies Record<string, Quota>;

export type QuotaName = keyof typeof QUOTAS;
