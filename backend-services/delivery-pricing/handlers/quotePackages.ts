// POST /pricing/packages: the delivery price of some products to an address, priced from the
// packages the caller sends, for the orders service's checkout, which has just read the catalog
// and would otherwise have this service read the same products again (one catalog read per
// checkout instead of two). The fee rules stay here; only the sizes come from the caller.
//
// Only a caller trusted with the catalog's sizes may send them: the route takes IAM, and the only
// roles granted execute-api:Invoke on it are the orders service's functions (system/serviceResources.ts:
// a service's `calls` grant every route of the service called). The GraphQL API's role is granted
// the routes its data source names, POST /pricing alone (system/api.ts), so a storefront's
// getDeliveryPricing can never send sizes: it is priced from the catalog, by handlers/quote.ts.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parsePackagesRequest } from '../domain/packagesRequest.ts';
import { quoteDelivery } from '../domain/quote.ts';

const { logger } = observabilityOf('delivery-pricing');

export const handler = observedHandler(
  'delivery-pricing',
  apiGatewayHandler(async (request) => {
    const quoteRequest = parsePackagesRequest(request.body);
    return { body: quoteDelivery(quoteRequest, quoteRequest.packages) };
  }, logger),
);
