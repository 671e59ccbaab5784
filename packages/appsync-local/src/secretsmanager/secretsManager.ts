// The local Secrets Manager: secrets declared at creation, GetSecretValue over HTTP for the
// services' own SDK clients, and new versions put in process (a test rotating a key).
import { listen as listenHttp, type RunningServer } from '../appsync/server.ts';
import type { IamPrincipal } from '../iam/sigv4.ts';
import { createEndpointHandler } from './endpoint.ts';
import type { IsAllowed } from './getSecretValue.ts';
import { SecretStore, type PutSecretValueResult, type SecretDefinition } from './store.ts';

export interface SecretsManagerOptions {
  region: string;
  accountId: string;
  secrets: readonly SecretDefinition[];
  /** Who may call the endpoint: the SigV4 key lookup. */
  principals: (accessKeyId: string) => IamPrincipal | undefined;
  /** IAM's decision on `secretsmanager:GetSecretValue` for a secret's ARN; omitted = allowed. */
  isAllowed?: IsAllowed;
  /** The clock of versions' CreatedDate; tests replace it. */
  now?: () => Date;
}

export interface LocalSecretsManager {
  /** Serves GetSecretValue on host:port; port 0 picks a free one. */
  listen(port?: number, host?: string): Promise<RunningServer>;
  /** A new version of the secret becomes AWSCURRENT (the old one AWSPREVIOUS), as PutSecretValue does. */
  putSecretValue(name: string, secretString: string): PutSecretValueResult;
  /** The secret's full ARN, with the random suffix it was given at creation. */
  arnOf(name: string): string;
  /** Stops every server listen() started. */
  close(): Promise<void>;
}

export function createSecretsManager(options: SecretsManagerOptions): LocalSecretsManager {
  const store = new SecretStore(options.secrets, {
    region: options.region,
    accountId: options.accountId,
    now: options.now ?? (() => new Date()),
  });
  const handler = createEndpointHandler({
    region: options.region,
    principals: options.principals,
    isAllowed: options.isAllowed ?? (() => true),
    store,
  });
  const servers: RunningServer[] = [];
  return {
    async listen(port = 0, host = '127.0.0.1') {
      const server = await listenHttp(handler, port, host);
      servers.push(server);
      return server;
    },
    putSecretValue: (name, secretString) => store.put(name, secretString),
    arnOf: (name) => store.arnOf(name),
    async close() {
      await Promise.all(servers.splice(0).map((server) => server.close()));
    },
  };
}
