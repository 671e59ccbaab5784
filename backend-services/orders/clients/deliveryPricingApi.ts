// The delivery-pricing service as checkout sees it: POST {DELIVERY_PRICING_API_URL}/pricing/packages,
// signed with this function's role, with each line's package as checkout has just read it from
// the catalog, so that delivery-pricing prices without reading the catalog again (a route only
// the orders service's roles may call; delivery-pricing/handlers/quotePackages.ts). A product it
// does not know, or an input it refuses, is an answer; no answer, a 5xx or anything unexpected is
// SERVICE_UNAVAILABLE, with what happened as its cause.
import { signedFetch, UnreachableError } from '../../platform/signedFetch.ts';
import { QUOTE_CALL } from '../checkout/checkoutBudget.ts';
import { config } from '../config.ts';
import type { DeliveryQuote, PackagedLine } from '../domain/checkoutPorts.ts';
import type { AddressItem } from '../../../domain/order.ts';
import { ServiceUnavailableError, UnexpectedAnswerError } from '../errors.ts';

export async function quoteDelivery(lines: readonly PackagedLine[], address: AddressItem): Promise<DeliveryQuote> {
  const url = `${config.deliveryPricingApiUrl}/pricing/packages`;
  const products = lines.map(({ productId, quantity, package: box }) => ({ productId, quantity, package: box }));
  const body = { products, address };
  const response = await signedFetch(url, { method: 'POST', region: config.region, body, ...QUOTE_CALL }).catch(
    (error: unknown) => {
      throw error instanceof UnreachableError ? unavailable(error) : error;
    },
  );
  const answer = (response.body ?? {}) as {
    pricing?: unknown;
    error?: { code?: unknown; message?: unknown; productId?: unknown };
  };
  if (response.status === 200 && Number.isSafeInteger(answer.pricing) && (answer.pricing as number) >= 0)
    return { kind: 'priced', pricing: answer.pricing as number };
  if (response.status === 400 && answer.error?.code === 'UNKNOWN_PRODUCT' && typeof answer.error.productId === 'string') {
    return { kind: 'unknownProduct', productId: answer.error.productId };
  }
  if (response.status === 400 && answer.error?.code === 'INVALID_INPUT' && typeof answer.error.message === 'string') {
    return { kind: 'invalid', message: `The delivery could not be priced: ${answer.error.message}` };
  }
  throw unavailable(
    new UnexpectedAnswerError(`POST ${url} answered ${response.status}: ${JSON.stringify(response.body) ?? 'no body'}`),
  );
}

function unavailable(cause: Error): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'The delivery price could not be checked: the delivery-pricing service did not answer. Nothing was ordered or charged; try again shortly.',
    { cause },
  );
}
