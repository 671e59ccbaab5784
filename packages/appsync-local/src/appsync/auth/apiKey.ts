// API_KEY mode: the x-api-key header must name a configured key that has not expired.
import { MESSAGES, unauthorized } from './errors.ts';
import type { ApiKeyProviderConfig, AuthenticationResult } from './types.ts';

export function createApiKeyVerifier(
  providers: ApiKeyProviderConfig[],
  now: () => Date,
): (apiKey: string) => AuthenticationResult {
  const expiries = new Map<string, number>();
  for (const provider of providers) for (const key of provider.apiKeys) expiries.set(key.id, key.expires);
  return (apiKey) => {
    const expires = expiries.get(apiKey);
    // An expired key gets the same answer as an unknown one.
    if (expires === undefined || expires * 1000 <= now().getTime()) return unauthorized(MESSAGES.apiKeyRejected);
    return { ok: true, auth: { authType: 'API_KEY', identity: null } };
  };
}
