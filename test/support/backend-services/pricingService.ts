// The delivery-pricing service's REST API, both routes, its handlers loaded afresh for the
// products service URL given (its config is read when it loads, as on Lambda).
import { vi } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { LocalIam } from 'appsync-local/iam/principals.ts';
import { startServiceApi } from './restApis.ts';

export async function startPricingService(iam: LocalIam, productsApiUrl: string): Promise<RunningRestApi> {
  Object.assign(process.env, { AWS_REGION: LOCAL_REGION, PRODUCTS_API_URL: productsApiUrl });
  vi.resetModules();
  const [quote, quotePackages] = await Promise.all([
    import('../../../backend-services/delivery-pricing/handlers/quote.ts'),
    import('../../../backend-services/delivery-pricing/handlers/quotePackages.ts'),
  ]);
  return startServiceApi(iam, 'delivery-pricing', [
    { method: 'POST', path: '/pricing', handler: quote.handler },
    { method: 'POST', path: '/pricing/packages', handler: quotePackages.handler },
  ]);
}
