import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { Sha256 as NodeSha256 } from '../../../src/iam/sha256.ts';
import { type IamPrincipal, type IncomingSignedRequest, verifySigV4 } from '../../../src/iam/sigv4.ts';
import { handSign } from './handSign.ts';

const principal: IamPrincipal = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  accountId: '123456789012',
  userArn: 'arn:aws:iam::123456789012:user/publisher',
  username: 'AIDAJQABLZS4A3QDU576Q',
};
const temporary: IamPrincipal = { ...principal, accessKeyId: 'ASIATEMPORARYEXAMPLE', sessionToken: 'session-token-value' };
const NOW = new Date('2024-05-01T10:00:00Z');
const HOST = 'abc123.appsync-api.eu-west-1.amazonaws.com';
const BODY = JSON.stringify({ query: 'mutation { publishOrderStatus(input: {orderId: "o-1"}) { orderId } }' });

const options = {
  service: 'appsync',
  region: 'eu-west-1',
  principals: (id: string) => [principal, temporary].find((p) => p.accessKeyId === id),
  now: () => NOW,
};

async function smithySigned(
  credentials: IamPrincipal,
  overrides: {
    signingDate?: Date;
    region?: string;
    service?: string;
    applyChecksum?: boolean;
    sha256?: typeof Sha256 | typeof NodeSha256;
  } = {},
): Promise<IncomingSignedRequest> {
  const signer = new SignatureV4({
    service: overrides.service ?? 'appsync',
    region: overrides.region ?? 'eu-west-1',
    credentials,
    sha256: overrides.sha256 ?? Sha256,
    applyChecksum: overrides.applyChecksum ?? false,
  });
  const request = new HttpRequest({
    method: 'POST',
    hostname: HOST,
    path: '/graphql',
    headers: { host: HOST, 'content-type': 'application/json' },
    body: BODY,
  });
  const signed = await signer.sign(request, { signingDate: overrides.signingDate ?? NOW });
  return { method: signed.method, path: signed.path, query: {}, headers: signed.headers, body: BODY };
}

describe('verifySigV4', () => {
  it('accepts a request signed by @smithy/signature-v4 and returns its principal', async () => {
    expect(await verifySigV4(await smithySigned(principal), options)).toEqual({ ok: true, principal });
  });

  it('accepts a request signed with the node:crypto hash the local signers use, signed as @aws-crypto/sha256-js signs it', async () => {
    for (const credentials of [principal, temporary]) {
      for (const applyChecksum of [false, true]) {
        const signed = await smithySigned(credentials, { sha256: NodeSha256, applyChecksum });
        expect(signed.headers).toEqual((await smithySigned(credentials, { applyChecksum })).headers);
        expect(await verifySigV4(signed, options)).toEqual({ ok: true, principal: credentials });
      }
    }
  });

  it('accepts a request signed by hand per the AWS specification', async () => {
    const headers = { Host: HOST, 'Content-Type': 'application/json', 'X-Amz-Date': '20240501T095800Z' };
    const authorization = handSign({
      method: 'POST',
      path: '/graphql',
      query: [],
      headers,
      body: BODY,
      accessKeyId: principal.accessKeyId,
      secretAccessKey: principal.secretAccessKey,
      region: 'eu-west-1',
      service: 'appsync',
      amzDate: '20240501T095800Z',
    });
    const result = await verifySigV4(
      { method: 'POST', path: '/graphql', query: {}, headers: { ...headers, Authorization: authorization }, body: BODY },
      options,
    );
    expect(result).toEqual({ ok: true, principal });
  });

  it('accepts temporary credentials whose signed x-amz-security-token matches', async () => {
    expect(await verifySigV4(await smithySigned(temporary), options)).toEqual({ ok: true, principal: temporary });
  });

  it('accepts a presigned URL', async () => {
    const signer = new SignatureV4({ service: 'appsync', region: 'eu-west-1', credentials: principal, sha256: Sha256 });
    const presigned = await signer.presign(
      new HttpRequest({ method: 'GET', hostname: HOST, path: '/graphql', query: { a: 'b c' }, headers: { host: HOST } }),
      { signingDate: NOW, expiresIn: 60 },
    );
    const request = {
      method: 'GET',
      path: '/graphql',
      query: presigned.query as Record<string, string>,
      headers: { host: HOST },
      body: '',
    };
    expect(await verifySigV4(request, options)).toEqual({ ok: true, principal });
    const later = { ...options, now: () => new Date(NOW.getTime() + 61_000) };
    expect(await verifySigV4(request, later)).toEqual({ ok: false, reason: 'expired', message: 'Request has expired' });
  });

  it('verifies the encoded path and query exactly as received over HTTP', async () => {
    const seen: Promise<IncomingSignedRequest> = new Promise((resolve) => {
      const server = createServer((req: IncomingMessage, res) => {
        const url = new URL(req.url ?? '/', 'http://placeholder');
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          res.end();
          server.close();
          resolve({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            headers: req.headersDistinct,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      }).listen(0, '127.0.0.1', async () => {
        const { port } = server.address() as AddressInfo;
        const host = `127.0.0.1:${port}`;
        const signer = new SignatureV4({ service: 'appsync', region: 'eu-west-1', credentials: principal, sha256: Sha256 });
        const signed = await signer.sign(
          new HttpRequest({
            method: 'POST',
            hostname: '127.0.0.1',
            port,
            path: '/items/a%20b/%C3%A9',
            query: { q: 'x y+z' },
            headers: { host },
            body: BODY,
          }),
          { signingDate: NOW },
        );
        const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host'));
        await fetch(`http://${host}/items/a%20b/%C3%A9?q=x%20y%2Bz`, { method: 'POST', headers, body: BODY });
      });
    });
    expect(await verifySigV4(await seen, options)).toEqual({ ok: true, principal });
  });

  it('rejects a tampered body', async () => {
    const request = { ...(await smithySigned(principal)), body: BODY.replace('o-1', 'o-2') };
    expect(await verifySigV4(request, options)).toMatchObject({ ok: false, reason: 'badSignature' });
  });

  it('rejects a tampered body whose x-amz-content-sha256 header still names the original', async () => {
    const request = { ...(await smithySigned(principal, { applyChecksum: true })), body: `${BODY} ` };
    expect(await verifySigV4(request, options)).toEqual({
      ok: false,
      reason: 'badSignature',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });

  it('rejects a request signed with the wrong secret key, with AWS message', async () => {
    const request = await smithySigned({ ...principal, secretAccessKey: 'not-the-secret' });
    expect(await verifySigV4(request, options)).toEqual({
      ok: false,
      reason: 'badSignature',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
  });

  it('rejects an x-amz-date more than 5 minutes old as expired', async () => {
    const request = await smithySigned(principal, { signingDate: new Date('2024-05-01T09:54:59Z') });
    expect(await verifySigV4(request, options)).toEqual({
      ok: false,
      reason: 'expired',
      message: 'Signature expired: 20240501T095459Z is now earlier than 20240501T095500Z (20240501T100000Z - 5 min.)',
    });
  });

  it('rejects an x-amz-date more than 5 minutes ahead as not yet current', async () => {
    const request = await smithySigned(principal, { signingDate: new Date('2024-05-01T10:05:01Z') });
    expect(await verifySigV4(request, options)).toEqual({
      ok: false,
      reason: 'expired',
      message: 'Signature not yet current: 20240501T100501Z is still later than 20240501T100500Z (20240501T100000Z + 5 min.)',
    });
  });

  it('accepts an x-amz-date exactly 5 minutes old', async () => {
    const request = await smithySigned(principal, { signingDate: new Date('2024-05-01T09:55:00Z') });
    expect(await verifySigV4(request, options)).toMatchObject({ ok: true });
  });

  it('rejects an unknown access key', async () => {
    const request = await smithySigned({ ...principal, accessKeyId: 'AKIAUNKNOWN' });
    expect(await verifySigV4(request, options)).toEqual({
      ok: false,
      reason: 'unknownKey',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('rejects a session token that differs from the principal’s', async () => {
    const request = await smithySigned({ ...temporary, sessionToken: 'other-token' });
    expect(await verifySigV4(request, options)).toMatchObject({ ok: false, reason: 'unknownKey' });
  });

  it('rejects temporary credentials sent without their session token', async () => {
    const { sessionToken: _dropped, ...withoutToken } = temporary;
    expect(await verifySigV4(await smithySigned(withoutToken), options)).toMatchObject({ ok: false, reason: 'unknownKey' });
  });

  it('rejects an x-amz-security-token that is not signed', async () => {
    const request = await smithySigned(principal);
    request.headers['x-amz-security-token'] = 'session-token-value';
    expect(await verifySigV4(request, options)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('rejects a scope for another region or service', async () => {
    expect(await verifySigV4(await smithySigned(principal, { region: 'us-east-1' }), options)).toEqual({
      ok: false,
      reason: 'wrongScope',
      message: "Credential should be scoped to a valid region, not 'us-east-1'.",
    });
    expect(await verifySigV4(await smithySigned(principal, { service: 'execute-api' }), options)).toEqual({
      ok: false,
      reason: 'wrongScope',
      message: "Credential should be scoped to correct service: 'appsync'.",
    });
  });

  it('reports a request without credentials as missing', async () => {
    const result = await verifySigV4(
      { method: 'POST', path: '/graphql', query: {}, headers: { host: HOST }, body: BODY },
      options,
    );
    expect(result).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('reports a non-SigV4 Authorization header as malformed, listing what is missing', async () => {
    const result = await verifySigV4(
      { method: 'POST', path: '/graphql', query: {}, headers: { host: HOST, authorization: 'eyJhbGciOi.x.y' }, body: BODY },
      options,
    );
    expect(result).toEqual({
      ok: false,
      reason: 'malformed',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
        'Authorization=eyJhbGciOi.x.y',
    });
  });

  it('requires the host header to be signed', async () => {
    const request = await smithySigned(principal);
    request.headers['authorization'] = String(request.headers['authorization']).replace(
      'SignedHeaders=content-type;host;',
      'SignedHeaders=content-type;',
    );
    expect(await verifySigV4(request, options)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
