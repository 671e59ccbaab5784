// The API's port on the test run's stack speaks TLS too, with the certificate the outputs carry:
// what a client configured from amplify_outputs.json needs to reach wss://…/graphql/realtime.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';

const { outputs, local, localTls } = localStack();
const QUERY = JSON.stringify({ query: 'query { getProducts(limit: 1) { products { productId } } }' });

/** The realtime URL Amplify v6 derives for a custom domain (all but *.appsync-api.*.amazonaws.com): `/realtime` appended, http(s) → wss. */
function amplifyRealtimeUrl(graphqlUrl: string): string {
  return `${graphqlUrl}/realtime`.replace('https://', 'wss://').replace('http://', 'wss://');
}

function postOverTls(url: string, ca: string | undefined): Promise<{ status: number; body: unknown }> {
  return new Promise((done, fail) => {
    const outgoing = request(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/json', 'x-api-key': local.apiKey } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    outgoing.on('error', fail);
    outgoing.end(QUERY);
  });
}

describe("the API's TLS listener", () => {
  it('is on the port of data.url, where Amplify v6 looks for the real-time endpoint', () => {
    const plain = new URL(outputs.data.url);
    expect(new URL(localTls.graphqlUrl)).toMatchObject({ protocol: 'https:', host: plain.host, pathname: '/graphql' });
    expect(localTls.realtimeUrl).toBe(amplifyRealtimeUrl(outputs.data.url));
    expect(new URL(local.realtimeUrl)).toMatchObject({ protocol: 'ws:', host: plain.host, pathname: '/graphql/realtime' });
  });

  it('answers GraphQL over HTTPS as over HTTP, to a client trusting the certificate of the outputs', async () => {
    const plain = await postGraphQL(local.graphqlUrl, 'query { getProducts(limit: 1) { products { productId } } }', {
      headers: { 'x-api-key': local.apiKey },
    });

    const secure = await postOverTls(localTls.graphqlUrl, localTls.certificatePem);

    expect(secure).toEqual({ status: 200, body: plain.body });
  });

  it('fails verification for a client that does not trust it', async () => {
    await expect(postOverTls(localTls.graphqlUrl, undefined)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('has its certificate written beside amplify_outputs.json, public part only', () => {
    expect(localTls.certificateFile).not.toBeNull();
    const pem = readFileSync(localTls.certificateFile!, 'utf8');
    expect(pem).toBe(localTls.certificatePem);
    expect(pem).not.toMatch(/PRIVATE KEY/);
    expect(JSON.stringify(outputs)).not.toMatch(/PRIVATE KEY/);
  });

  it('is trusted by a Node process started with NODE_EXTRA_CA_CERTS=<certificateFile>, and by no other', async () => {
    const script = `const r = await fetch(${JSON.stringify(localTls.graphqlUrl)}, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ${JSON.stringify(local.apiKey)} }, body: ${JSON.stringify(QUERY)} }); console.log(r.status);`;
    const run = (env: NodeJS.ProcessEnv) =>
      promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        env: { PATH: process.env.PATH, ...env },
      }).then(
        ({ stdout }) => stdout.trim(),
        (error: { stderr: string }) => (error.stderr.match(/DEPTH_ZERO_SELF_SIGNED_CERT/) ?? ['failed'])[0],
      );

    expect(await run({ NODE_EXTRA_CA_CERTS: localTls.certificateFile! })).toBe('200');
    expect(await run({})).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});
