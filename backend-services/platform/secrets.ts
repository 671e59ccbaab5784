// A secret read from Secrets Manager at run time, never from the environment: the function's
// environment names the secret, its role may read it, and the value lives only in memory. Each
// value is kept for `maxAgeMs` (a rotated key is picked up within it) and read again on demand
// when a caller finds it stale (a MAC that no longer verifies, a 401).
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsManagerClient } from './awsClients.ts';

export interface SecretSource<Value> {
  /** The value, from memory while it is fresh. */
  get(): Promise<Value>;
  /** Forgets the value: the next get reads it again. */
  refresh(): void;
}

export interface SecretOptions<Value> {
  readonly region: string;
  /** Local only: the local Secrets Manager. */
  readonly endpoint?: string | undefined;
  /** The secret's name or ARN. */
  readonly secretId: string;
  /** Checks and shapes the secret's text; throws, naming what is wrong (never the value). */
  readonly parse: (secretString: string) => Value;
  /** Default five minutes. */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export function secretSource<Value>(options: SecretOptions<Value>): SecretSource<Value> {
  const client = secretsManagerClient({ region: options.region, endpoint: options.endpoint });
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { value: Promise<Value>; readAt: number } | undefined;
  return {
    get() {
      if (!cached || now() - cached.readAt > maxAgeMs) {
        const value = read(client, options);
        cached = { value, readAt: now() };
        // A failed read is not kept: the next call tries again.
        value.catch(() => {
          if (cached?.value === value) cached = undefined;
        });
      }
      return cached.value;
    },
    refresh() {
      cached = undefined;
    },
  };
}

async function read<Value>(client: ReturnType<typeof secretsManagerClient>, options: SecretOptions<Value>): Promise<Value> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: options.secretId }));
  if (SecretString === undefined) throw new Error(`The secret ${options.secretId} has no string value.`);
  return options.parse(SecretString);
}
