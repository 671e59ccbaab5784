import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { type LocalApi, startLocalApi } from '../../support/localApi.ts';
import { sendSigned, signedRequest } from 'appsync-local/testing/sigv4Fetch.ts';

const QUERY = JSON.stringify({ query: '{ getProduct(productId: "demo-books-01") { name } }' });

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});

afterAll(async () => {
  await api?.close();
});

describe('AWS_IAM over HTTP', () => {
  it('accepts a correctly signed request, and applies the schema: the catalog is not for IAM callers', async () => {
    const response = await sendSigned(api.graphqlUrl, await signedRequest(api.graphqlUrl, QUERY, api.iamUser));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: { getProduct: null },
      errors: [expect.objectContaining({ errorType: 'Unauthorized', path: ['getProduct'] })],
    });
  });

  it('rejects a request whose body was changed after signing', async () => {
    const request = await signedRequest(api.graphqlUrl, QUERY, api.iamUser, { tamper: (b) => b.replace('books-01', 'books-02') });
    const response = await sendSigned(api.graphqlUrl, request);
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]?.errorType).toBe('InvalidSignatureException');
  });

  it('rejects a request signed with the wrong secret key', async () => {
    const request = await signedRequest(api.graphqlUrl, QUERY, { ...api.iamUser, secretAccessKey: 'wrong-secret' });
    const response = await sendSigned(api.graphqlUrl, request);
    expect(response.status).toBe(403);
  });

  it('rejects a request signed with an unknown access key', async () => {
    const request = await signedRequest(api.graphqlUrl, QUERY, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' });
    const response = await sendSigned(api.graphqlUrl, request);
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]?.errorType).toBe('UnrecognizedClientException');
  });

  it('rejects a request signed more than five minutes ago', async () => {
    const request = await signedRequest(api.graphqlUrl, QUERY, api.iamUser, { signingDate: new Date(Date.now() - 10 * 60_000) });
    const response = await sendSigned(api.graphqlUrl, request);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/^Signature expired/);
  });
});

describe('AMAZON_COGNITO_USER_POOLS over HTTP', () => {
  const query = '{ getProduct(productId: "demo-books-01") { name } }';

  it.each([
    ['an expired token', { expiresInSeconds: -60 }],
    ['a token from another issuer', { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }],
    ['a token signed by a key outside the JWKS', { foreignKey: true }],
    ['a token for another app client', { audience: 'someotherclient' }],
  ])('rejects %s with a 401', async (_, overrides) => {
    const token = await api.issuer.idToken({ username: 'carla' }, overrides);
    const response = await postGraphQL(api.graphqlUrl, query, { headers: { authorization: token } });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.errorType).toBe('UnauthorizedException');
  });

  it('lets a member of a listed group through a group-restricted field', async () => {
    const token = await api.issuer.idToken({ username: 'wanda', groups: ['warehouse'] });
    const response = await postGraphQL(api.graphqlUrl, '{ getPackagingRequest(orderId: "none") { orderId } }', {
      headers: { authorization: token },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { getPackagingRequest: null } });
  });
});
