// What each backend service's functions use, as its config.ts reads it: the tables (each its
// `<NAME>_TABLE` variable) and the DynamoDB actions it takes on each, the other services it
// calls (`<NAME>_API_URL`), the event bus (`EVENT_BUS_NAME`) and the payment provider. The CDK
// app sets each variable together with its grant; test/infra checks the variables against every
// config.ts and the actions against the commands each service's code sends.

/** DynamoDB actions a service may take on a table (a transaction needs each of its item actions). */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem';

export interface ServiceResources {
  readonly tables?: Readonly<Record<string, readonly TableAction[]>>;
  readonly calls?: readonly string[];
  readonly eventBus?: boolean;
  readonly paymentProvider?: boolean;
}

export const SERVICE_RESOURCES: Readonly<Record<string, ServiceResources>> = {
  products: {
    tables: {
      // batch reads; a product read before its conditional write; put, replace, delete; stock moved
      products: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      'stock-returns': ['dynamodb:PutItem'], // the return's record, in the same transaction
      'stock-movements': ['dynamodb:PutItem'], // each stock change's movement, in the same transaction
      'stock-adjustments': ['dynamodb:GetItem', 'dynamodb:PutItem'], // adjustStock's idempotency keys
    },
    eventBus: true,
  },
  'delivery-pricing': { calls: ['products'] },
  orders: {
    tables: {
      orders: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], // write an order; its payment's outcome moves it
      // Powertools' persistence layer: read, claim, complete and release a record.
      idempotency: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      // the stock read, then reserved in the order's transaction on the condition that it is still what was read
      products: ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem'],
      'stock-movements': ['dynamodb:PutItem'], // each line's ORDER_PLACED movement, in the same transaction
      carts: ['dynamodb:Query', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'], // read the cart; empty it with the order
    },
    calls: ['products', 'delivery-pricing', 'payment'],
    eventBus: true,
  },
  payment: {
    tables: {
      payments: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      'refund-idempotency': ['dynamodb:PutItem'], // a key's first use, conditional; a refused put answers the one held
    },
    eventBus: true,
    paymentProvider: true,
  },
};

/** The service a handler module belongs to: backend-services/<service>/…. */
export function serviceOfModule(module: string): string {
  const match = /^backend-services\/([^/]+)\//.exec(module);
  if (!match) throw new Error(`${module} is not a backend service's module.`);
  return match[1]!;
}
