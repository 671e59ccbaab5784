import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedFetch, UnreachableError } from '../../../../backend-services/platform/signedFetch.ts';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { findFreePort } from 'appsync-local/ports.ts';
import { credentialsOf, invokerRole, startServiceApi, useRoleCredentials } from '../../../support/backend-services/restApis.ts';

describe('signedFetch', () => {
  const iam = new LocalIam();
  const caller = invokerRole(iam, 'caller');
  let api: RunningRestApi;
  let silent: Server;
  let silentUrl: string;

  beforeAll(async () => {
    api = await startServiceApi(iam, 'echo', [
      {
        method: 'POST',
        path: '/echo',
        handler: async (event) => ({
          statusCode: 200,
          body: JSON.stringify({ got: JSON.parse(event.body ?? 'null'), query: event.queryStringParameters }),
        }),
      },
      { method: 'GET', path: '/text', handler: async () => ({ statusCode: 200, body: 'not json' }) },
    ]);
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/anything`;
  });
  afterAll(async () => {
    await api?.close();
    silent?.closeAllConnections();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it('sends a JSON body and query, signed so that an IAM-authorized API accepts it', async () => {
    const response = await signedFetch(`${api.url}/echo?limit=5&q=a%20b`, {
      method: 'POST',
      region: LOCAL_REGION,
      body: { a: 1 },
      credentials: credentialsOf(caller),
    });
    expect(response).toEqual({ status: 200, body: { got: { a: 1 }, query: { limit: '5', q: 'a b' } } });
  });

  it('signs with the credentials of the standard environment variables by default', async () => {
    useRoleCredentials(caller);
    const response = await signedFetch(`${api.url}/echo`, { method: 'POST', region: LOCAL_REGION, body: {} });
    expect(response.status).toBe(200);
  });

  it('asks its credentials source again at every call: a signer serves many calls, but new keys take effect at once', async () => {
    const stranger = { accessKeyId: 'ASIASTRANGEREXAMPLE', secretAccessKey: 'not-a-local-role' };
    let current = credentialsOf(caller);
    const source = () => current();
    const call = () => signedFetch(`${api.url}/echo`, { method: 'POST', region: LOCAL_REGION, body: {}, credentials: source });
    expect((await call()).status).toBe(200);
    current = async () => stranger;
    expect((await call()).status).toBe(403);
  });

  it('answers a body that is not JSON as undefined', async () => {
    expect(
      await signedFetch(`${api.url}/text`, { method: 'GET', region: LOCAL_REGION, credentials: credentialsOf(caller) }),
    ).toEqual({ status: 200, body: undefined });
  });

  it('throws UnreachableError when nothing listens, after its retries', async () => {
    const url = `http://127.0.0.1:${await findFreePort()}/x`;
    await expect(signedFetch(url, { method: 'GET', region: LOCAL_REGION, credentials: credentialsOf(caller) })).rejects.toThrow(
      UnreachableError,
    );
  });

  it('gives up on an attempt after its timeout', async () => {
    const started = Date.now();
    await expect(
      signedFetch(silentUrl, {
        method: 'GET',
        region: LOCAL_REGION,
        credentials: credentialsOf(caller),
        timeoutMs: 100,
        retries: 1,
      }),
    ).rejects.toThrow(/after 2 attempt/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
