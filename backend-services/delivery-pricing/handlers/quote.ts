// POST /pricing: the delivery price of some products to an address, priced from the catalog's
// packages (the client sends no sizes).
import { apiGatewayHandler } from '../../shared/http.ts';
import { fetchPackages } from '../clients/productsApi.ts';
import { quoteDelivery } from '../domain/quote.ts';
import { parseQuoteRequest } from '../domain/quoteRequest.ts';

export const handler = apiGatewayHandler(async (request) => {
  const quoteRequest = parseQuoteRequest(request.body);
  const packages = await fetchPackages(quoteRequest.lines.map((line) => line.productId));
  return { body: quoteDelivery(quoteRequest, packages) };
});
