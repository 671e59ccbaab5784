// The delivery-pricing service's environment, read once when the handler loads.
import { requireEnv } from '../platform/env.ts';

export const config = {
  region: requireEnv('AWS_REGION'),
  /** The products service's base URL, stage included: https://…/prod. */
  productsApiUrl: requireEnv('PRODUCTS_API_URL').replace(/\/+$/, ''),
} as const;
