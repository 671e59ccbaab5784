// The gateway as this service is configured to reach it: Zalo Pay's v2 API at config.gateway.url,
// signing with key1 read from the payment secret at call time (a rotated key is picked up).
import { createZaloPayClient } from '../clients/zaloPay.ts';
import { config } from '../config.ts';
import { ServiceUnavailableError } from '../errors.ts';
import { paymentSecrets } from '../secrets.ts';

export async function gatewayClient(): Promise<ReturnType<typeof createZaloPayClient>> {
  const { gatewayKey1 } = await paymentSecrets.get().catch((error: unknown) => {
    throw new ServiceUnavailableError('The payment gateway could not be reached; try again shortly.', { cause: error });
  });
  return createZaloPayClient({ url: config.gateway.url, appId: config.gateway.appId, key1: gatewayKey1 });
}
