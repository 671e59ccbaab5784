// Asks the delivery-pricing service for a quote. The resolver refuses what is obviously wrong
// (no lines, a quantity out of range, a blank product id or country) before calling it, and maps
// the service's error codes to errorTypes: INVALID_INPUT → BadRequest, UNKNOWN_PRODUCT →
// NotFound, anything else (or no answer) → ServiceUnavailable.
import { type Context, type HTTPRequest, util } from '@aws-appsync/utils';
import type { DeliveryPricing, QueryGetDeliveryPricingArgs } from '../generated/graphql';
import { MAX_LINE_QUANTITY } from '../domain/cart';
import { ErrorType, resultOrError } from './lib/errors';

/** The most lines one quote may price (a cart holds fewer; an order the same as a quote). */
const MAX_QUOTE_LINES = 100;

interface ServiceResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

interface ServiceError {
  error?: { code?: string; message?: string; productId?: string } | null;
}

export function request(ctx: Context<QueryGetDeliveryPricingArgs>): HTTPRequest<string> {
  const { products, address } = ctx.args.input;
  assertValidQuote(ctx.args);
  return {
    method: 'POST',
    resourcePath: '/prod/pricing',
    params: {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ products, address }),
    },
  };
}

export function response(ctx: Context<QueryGetDeliveryPricingArgs>): DeliveryPricing {
  if (ctx.error) {
    util.error(`The delivery-pricing service could not be reached: ${ctx.error.message}`, ErrorType.ServiceUnavailable);
  }
  const result = resultOrError<ServiceResult>(ctx);
  if (result.statusCode === 200) {
    const quote = JSON.parse(result.body) as { pricing: number };
    return { pricing: quote.pricing };
  }
  const failure = isJson(result) ? (JSON.parse(result.body) as ServiceError).error : null;
  const code = failure ? failure.code : null;
  const message = failure && failure.message ? failure.message : null;
  if (result.statusCode === 400 && code === 'INVALID_INPUT') {
    util.error(message ?? 'The delivery-pricing service refused the request.', ErrorType.BadRequest);
  }
  if (result.statusCode === 400 && code === 'UNKNOWN_PRODUCT') {
    util.error(message ?? 'A product of the request does not exist.', ErrorType.NotFound, null, {
      productId: failure ? failure.productId : null,
    });
  }
  util.error(
    `Delivery pricing is unavailable right now (the service answered HTTP ${result.statusCode}${message ? `: ${message}` : ''}).`,
    ErrorType.ServiceUnavailable,
  );
}

function assertValidQuote(args: QueryGetDeliveryPricingArgs): void {
  const { products, address } = args.input;
  const problems: string[] = [];
  if (products.length === 0) {
    problems.push('products must hold at least one line');
  }
  if (products.length > MAX_QUOTE_LINES) {
    problems.push(`products may hold at most ${MAX_QUOTE_LINES} lines, got ${products.length}`);
  }
  let index = 0;
  for (const line of products) {
    if (line.productId.trim() === '') {
      problems.push(`products[${index}].productId must not be blank`);
    }
    if (line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY) {
      problems.push(`products[${index}].quantity must be between 1 and ${MAX_LINE_QUANTITY}, got ${line.quantity}`);
    }
    index += 1;
  }
  if (address.country.trim() === '') {
    problems.push('address.country must not be blank');
  }
  if (problems.length > 0) {
    util.error(`Invalid delivery pricing request: ${problems.join('; ')}.`, ErrorType.BadRequest);
  }
}

function isJson(result: ServiceResult): boolean {
  const headers = result.headers ?? {};
  const type = headers['content-type'] ?? headers['Content-Type'] ?? '';
  return type.includes('json') && result.body !== '';
}
