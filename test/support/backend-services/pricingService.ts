// The delivery-pricing service's REST API, its handler loaded afresh for the products service
// URL given (its config is read when it loads, as on Lambda).
import { vi } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { LocalIam } from 'appsync-local/iam/principals.ts';
import { startServiceApi } from './restApis.ts';

export async function startPricingService(iam: LocalIam, productsApiUrl: string): Promise<RunningRestApi> {
  Object.assign(process.env, { AWS_REGION: LOCAL_REGION, PRODUCTS_API_URL: productsApiUrl });
  vi.resetModules();
  const quote = await import('../../../backend-services/delivery-pricing/handlers/quote.ts');
  return startServiceApi(iam, 'delivery-pricing', [{ method: 'POST', path: '/pricing', handler: quote.handler }]);
}
