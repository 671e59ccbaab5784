// secretSource against the local Secrets Manager through the real SDK client: read once and kept,
// read again when stale or refreshed (a rotated key), and a failed read not kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LOCAL_ACCOUNT_ID } from 'appsync-local/iam/principals.ts';
import type { RunningServer } from 'appsync-local/appsync/server.ts';
import { createSecretsManager, type LocalSecretsManager } from 'appsync-local/secretsmanager/index.ts';
import { secretSource } from '../../../../backend-services/platform/secrets.ts';

describe('secretSource', () => {
  let secrets: LocalSecretsManager;
  let server: RunningServer;
  let reads = 0;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
    secrets = createSecretsManager({
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      secrets: [{ name: 'commerce/test', secretString: 'v1' }],
      principals: (accessKeyId) =>
        accessKeyId === LOCAL_CREDENTIALS.accessKeyId
          ? {
              ...LOCAL_CREDENTIALS,
              accountId: LOCAL_ACCOUNT_ID,
              userArn: 'arn:aws:iam::000000000000:user/test',
              username: 'test',
            }
          : undefined,
    });
    server = await secrets.listen(0);
  });
  afterAll(() => server?.close());

  const source = (options: { now?: () => number; secretId?: string } = {}) =>
    secretSource({
      region: LOCAL_REGION,
      endpoint: server.url,
      secretId: options.secretId ?? 'commerce/test',
      parse: (text) => {
        reads += 1;
        return text;
      },
      maxAgeMs: 1000,
      ...(options.now ? { now: options.now } : {}),
    });

  it('reads the secret once while it is fresh, again once stale, and at once after refresh', async () => {
    let clock = 0;
    const keys = source({ now: () => clock });
    const before = reads;
    expect(await keys.get()).toBe('v1');
    expect(await keys.get()).toBe('v1');
    expect(reads - before).toBe(1);

    secrets.putSecretValue('commerce/test', 'v2');
    expect(await keys.get()).toBe('v1');
    clock = 1001;
    expect(await keys.get()).toBe('v2');

    secrets.putSecretValue('commerce/test', 'v3');
    keys.refresh();
    expect(await keys.get()).toBe('v3');
  });

  it('does not keep a failed read: the next call tries again', async () => {
    let refuse = true;
    const keys = secretSource({
      region: LOCAL_REGION,
      endpoint: server.url,
      secretId: 'commerce/test',
      parse: (text) => {
        if (refuse) throw new Error('The secret lacks a key.');
        return text;
      },
    });
    await expect(keys.get()).rejects.toThrow('The secret lacks a key.');
    refuse = false;
    expect(await keys.get()).toBe('v3');
    await expect(source({ secretId: 'commerce/missing' }).get()).rejects.toThrow(/can't find the specified secret/);
  });
});
