// POST /pricing: the delivery price of some products to an address, priced from the catalog's
// packages (the client sends no sizes).
import type { CatalogProduct } from '../../../domain/catalog.ts';
import { fetchCatalogProducts, ProductsUnavailableError } from '../../platform/clients/productsApi.ts';
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { config } from '../config.ts';
import { quoteDelivery } from '../domain/quote.ts';
import { parseQuoteRequest } from '../domain/quoteRequest.ts';
import { ServiceUnavailableError } from '../errors.ts';

const productsApi = { baseUrl: config.productsApiUrl, region: config.region };
const { logger } = observabilityOf('delivery-pricing');

export const handler = observedHandler(
  'delivery-pricing',
  apiGatewayHandler(async (request) => {
    const quoteRequest = parseQuoteRequest(request.body);
    const products = await fetchCatalogProducts(
      productsApi,
      quoteRequest.lines.map((line) => line.productId),
    ).catch(catalogUnavailable);
    const packages = new Map([...products.values()].map((product) => [product.productId, product.package]));
    return { body: quoteDelivery(quoteRequest, packages) };
  }, logger),
);

function catalogUnavailable(error: unknown): Map<string, CatalogProduct> {
  if (!(error instanceof ProductsUnavailableError)) throw error;
  // The reason is for the logs; the caller learns only that the catalog could not be read.
  logger.error('The products service is unavailable', { error });
  throw new ServiceUnavailableError('The catalog could not be read from the products service; try again shortly.', {
    cause: error,
  });
}
