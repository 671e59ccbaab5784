import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRestApi, startRestApi } from '../../../src/apigateway/index.ts';
import type { IamPrincipal } from '../../../src/iam/sigv4.ts';
import { ACCOUNT_ID, apiDefinition, appsyncRole, echoHandler, outsider, REGION, signedFetch, signedHeaders } from './support.ts';

async function expectGatewayError(response: Response, status: number, errorType: string, body: unknown): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('x-amzn-errortype')).toBe(errorType);
  expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(JSON.parse(await response.text())).toEqual(body);
}

describe('AWS_IAM authorization', () => {
  const echo = echoHandler();
  const policyChecks: { principal: IamPrincipal; methodArn: string }[] = [];
  let api: RunningRestApi;

  beforeAll(async () => {
    api = await startRestApi(
      apiDefinition({
        routes: [
          { method: 'GET', path: '/products/{productId}', functionName: 'products-getProduct', handler: echo.handler },
          { method: 'POST', path: '/products', functionName: 'products-createProduct', handler: echo.handler },
        ],
        isAllowed: (principal, methodArn) => {
          policyChecks.push({ principal, methodArn });
          return principal.accessKeyId === appsyncRole.accessKeyId;
        },
      }),
    );
  });
  afterAll(() => api.close());

  it('invokes the handler for a request signed by an allowed principal', async () => {
    const before = echo.invocations.length;
    const response = await signedFetch(`${api.url}/products/p-1`);
    expect(response.status).toBe(200);
    expect(echo.invocations).toHaveLength(before + 1);
  });

  it('answers an unsigned request with 403 Missing Authentication Token', async () => {
    const before = echo.invocations.length;
    const response = await fetch(`${api.url}/products/p-1`);
    await expectGatewayError(response, 403, 'MissingAuthenticationTokenException', { message: 'Missing Authentication Token' });
    expect(echo.invocations).toHaveLength(before);
  });

  it('refuses a signature made with the wrong secret key', async () => {
    const response = await signedFetch(`${api.url}/products/p-1`, {
      credentials: { ...appsyncRole, secretAccessKey: 'not-the-secret-key' },
    });
    await expectGatewayError(response, 403, 'InvalidSignatureException', {
      message:
        'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
  });

  it('refuses a request whose body was changed after signing', async () => {
    const before = echo.invocations.length;
    const response = await signedFetch(`${api.url}/products`, {
      method: 'POST',
      body: '{"price":100}',
      sendBody: '{"price":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(echo.invocations).toHaveLength(before);
  });

  it('refuses a request whose query string was changed after signing', async () => {
    const headers = await signedHeaders(`${api.url}/products/p-1?limit=1`);
    const response = await fetch(`${api.url}/products/p-1?limit=1000`, { headers });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
  });

  it('refuses an access key it does not know', async () => {
    const response = await signedFetch(`${api.url}/products/p-1`, {
      credentials: { accessKeyId: 'AKIAUNKNOWNKEYEXAMPL', secretAccessKey: 'whatever' },
    });
    await expectGatewayError(response, 403, 'UnrecognizedClientException', {
      message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses a signature more than five minutes old', async () => {
    const signingDate = new Date(Date.now() - 10 * 60 * 1000);
    const response = await signedFetch(`${api.url}/products/p-1`, { signingDate });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const { message } = JSON.parse(await response.text()) as { message: string };
    expect(message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });

  it('refuses a signature scoped to another service', async () => {
    const response = await signedFetch(`${api.url}/products/p-1`, { service: 'appsync' });
    await expectGatewayError(response, 403, 'InvalidSignatureException', {
      message: "Credential should be scoped to correct service: 'execute-api'.",
    });
  });

  it('refuses a signature scoped to another region', async () => {
    const response = await signedFetch(`${api.url}/products/p-1`, { region: 'us-east-1' });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
  });

  it('answers an Authorization header that is not SigV4 with IncompleteSignatureException', async () => {
    const response = await fetch(`${api.url}/products/p-1`, { headers: { authorization: 'Bearer a.b.c' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
    expect(((await response.json()) as { message: string }).message).toContain(
      "Authorization header requires 'Credential' parameter.",
    );
  });

  it('answers a principal the policy denies with AccessDeniedException, capital-M Message and a masked account', async () => {
    const before = echo.invocations.length;
    const response = await signedFetch(`${api.url}/products/p-1`, { credentials: outsider });
    await expectGatewayError(response, 403, 'AccessDeniedException', {
      Message:
        `User: ${outsider.userArn} is not authorized to perform: execute-api:Invoke on resource: ` +
        `arn:aws:execute-api:${REGION}:********${ACCOUNT_ID.slice(-4)}:${api.restApiId}/prod/GET/products/p-1`,
    });
    expect(echo.invocations).toHaveLength(before);
  });

  it('asks the policy about the method ARN of the request', async () => {
    await signedFetch(`${api.url}/products`, { method: 'POST', body: '{}' });
    expect(policyChecks.at(-1)).toEqual({
      principal: appsyncRole,
      methodArn: `arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${api.restApiId}/prod/POST/products`,
    });
  });

  it('routes before it authenticates: a signed request to an unknown resource is Missing Authentication Token', async () => {
    const response = await signedFetch(`${api.url}/orders`);
    await expectGatewayError(response, 403, 'MissingAuthenticationTokenException', { message: 'Missing Authentication Token' });
  });
});

describe('authorization NONE', () => {
  it('invokes the handler for an unsigned request, with an identity that names no caller', async () => {
    const echo = echoHandler();
    const api = await startRestApi(
      apiDefinition({
        authorization: 'NONE',
        routes: [{ method: 'GET', path: '/health', functionName: 'health', handler: echo.handler }],
      }),
    );
    try {
      const response = await fetch(`${api.url}/health`, { headers: { authorization: 'Bearer kept' } });
      expect(response.status).toBe(200);
      const { event } = echo.invocations[0]!;
      expect(event.requestContext.identity).toMatchObject({ accessKey: null, caller: null, userArn: null, accountId: null });
      expect(event.headers.Authorization).toBe('Bearer kept');
    } finally {
      await api.close();
    }
  });
});

describe('per-route authorization', () => {
  const echo = echoHandler();
  let api: RunningRestApi;

  beforeAll(async () => {
    api = await startRestApi(
      apiDefinition({
        authorization: 'AWS_IAM',
        routes: [
          { method: 'GET', path: '/products/{productId}', functionName: 'products-getProduct', handler: echo.handler },
          { method: 'POST', path: '/webhooks', functionName: 'payment-webhook', handler: echo.handler, authorization: 'NONE' },
        ],
      }),
    );
  });
  afterAll(() => api.close());

  it('invokes a NONE route of an AWS_IAM API for an unsigned request, with an identity that names no caller', async () => {
    const before = echo.invocations.length;
    const response = await fetch(`${api.url}/webhooks`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(echo.invocations).toHaveLength(before + 1);
    expect(echo.invocations.at(-1)?.event.requestContext.identity).toMatchObject({
      accessKey: null,
      accountId: null,
      caller: null,
      user: null,
      userArn: null,
    });
  });

  it('still answers an unsigned request to the AWS_IAM route of the same API with Missing Authentication Token', async () => {
    const before = echo.invocations.length;
    const response = await fetch(`${api.url}/products/p-1`);
    await expectGatewayError(response, 403, 'MissingAuthenticationTokenException', { message: 'Missing Authentication Token' });
    expect(echo.invocations).toHaveLength(before);
  });

  it('neither verifies nor strips a signature sent to a NONE route, and names no caller', async () => {
    const response = await signedFetch(`${api.url}/webhooks`, {
      method: 'POST',
      body: '{}',
      credentials: { ...appsyncRole, secretAccessKey: 'not-the-secret-key' },
    });
    expect(response.status).toBe(200);
    const { event } = echo.invocations.at(-1)!;
    expect(event.headers.Authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(event.requestContext.identity.userArn).toBeNull();
  });

  it('lets an AWS_IAM route of an API whose default is NONE require a signature', async () => {
    const open = await startRestApi(
      apiDefinition({
        authorization: 'NONE',
        routes: [
          { method: 'GET', path: '/health', functionName: 'health', handler: echo.handler },
          { method: 'GET', path: '/admin', functionName: 'admin', handler: echo.handler, authorization: 'AWS_IAM' },
        ],
      }),
    );
    try {
      expect((await fetch(`${open.url}/health`)).status).toBe(200);
      const unsigned = await fetch(`${open.url}/admin`);
      expect(unsigned.status).toBe(403);
      expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
      const signed = await signedFetch(`${open.url}/admin`);
      expect(signed.status).toBe(200);
      const { event } = echo.invocations.at(-1)!;
      expect(event.requestContext.identity.userArn).toBe(appsyncRole.userArn);
      expect(event.headers.Authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});
