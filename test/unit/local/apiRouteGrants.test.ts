import { defaultRestApiId } from 'appsync-local/apigateway/definition.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { describe, expect, it } from 'vitest';
import { apiRouteGrants } from '../../../local/functions.ts';
import { SYSTEM } from '../../../system/index.ts';

const arn = (service: string, route: string) =>
  `arn:aws:execute-api:us-east-1:000000000000:${defaultRestApiId(service)}/prod/${route}`;

describe("the local API role's grants", () => {
  const iam = new LocalIam();
  const role = iam.createRole('appsync-api', apiRouteGrants(SYSTEM, 'us-east-1'));

  it('let the API invoke the routes its HTTP data sources name, as the CDK app grants them', () => {
    expect(iam.isAllowed(role, 'execute-api:Invoke', arn('payment', 'POST/payments/batch-get'))).toBe(true);
    expect(iam.isAllowed(role, 'execute-api:Invoke', arn('payment', 'POST/payments/refund'))).toBe(true);
    expect(iam.isAllowed(role, 'execute-api:Invoke', arn('orders', 'POST/checkout'))).toBe(true);
    expect(iam.isAllowed(role, 'execute-api:Invoke', arn('delivery-pricing', 'POST/pricing'))).toBe(true);
  });

  it('refuse the routes only services call', () => {
    expect(iam.isAllowed(role, 'execute-api:Invoke', arn('payment', 'POST/payments/authorize'))).toBe(false);
    expect(iam.isAllowed(role, 'execute-api:Invoke', arn('payment', 'POST/payments/void'))).toBe(false);
    expect(iam.isAllowed(role, 'execute-api:Invoke', arn('products', 'POST/products/batch-get'))).toBe(false);
  });
});
