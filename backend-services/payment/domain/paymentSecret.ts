// The payment secret's value: JSON `{ providerSecretKey, gatewayKey1, gatewayKey2 }` — the card
// provider's secret key and the gateway's two keys (Zalo Pay's key1 signs our requests, key2 its
// callbacks). Whoever creates the secret (an operator on AWS, the local stack) writes this shape.

export interface PaymentSecrets {
  readonly providerSecretKey: string;
  readonly gatewayKey1: string;
  readonly gatewayKey2: string;
}

const FIELDS = ['providerSecretKey', 'gatewayKey1', 'gatewayKey2'] as const;

export function formatPaymentSecret(secrets: PaymentSecrets): string {
  return JSON.stringify(Object.fromEntries(FIELDS.map((field) => [field, secrets[field]])));
}

/** Throws, naming what is wrong (never a value). */
export function parsePaymentSecret(secretString: string): PaymentSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new Error(`The payment secret is not JSON: expected {${FIELDS.map((field) => `"${field}"`).join(', ')}}.`);
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const missing = FIELDS.filter((field) => typeof fields[field] !== 'string' || fields[field] === '');
  if (missing.length > 0) throw new Error(`The payment secret lacks ${missing.join(', ')} (each a non-empty string).`);
  const [providerSecretKey, gatewayKey1, gatewayKey2] = FIELDS.map((field) => fields[field] as string);
  return { providerSecretKey: providerSecretKey!, gatewayKey1: gatewayKey1!, gatewayKey2: gatewayKey2! };
}
