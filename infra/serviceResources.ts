// What each backend service's functions use, as its config.ts reads it: the tables (each its
// `<NAME>_TABLE` variable), the other services it calls (`<NAME>_API_URL`), the event bus
// (`EVENT_BUS_NAME`) and the payment provider. The CDK app sets each variable together with
// its grant; test/infra checks this against every config.ts.
export interface ServiceResources {
  readonly tables?: readonly string[];
  readonly calls?: readonly string[];
  readonly eventBus?: boolean;
  readonly paymentProvider?: boolean;
}

export const SERVICE_RESOURCES: Readonly<Record<string, ServiceResources>> = {
  products: { tables: ['products', 'stock-returns'], eventBus: true },
  'delivery-pricing': { calls: ['products'] },
  orders: {
    tables: ['orders', 'idempotency', 'products', 'carts'],
    calls: ['products', 'delivery-pricing', 'payment'],
    eventBus: true,
  },
  payment: { tables: ['payments'], eventBus: true, paymentProvider: true },
};

/** The service a handler module belongs to: backend-services/<service>/…. */
export function serviceOfModule(module: string): string {
  const match = /^backend-services\/([^/]+)\//.exec(module);
  if (!match) throw new Error(`${module} is not a backend service's module.`);
  return match[1]!;
}
