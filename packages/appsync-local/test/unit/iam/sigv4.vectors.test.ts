// Requests and signatures from AWS's SigV4 test suite (aws-sig-v4-test-suite, as carried by
// smithy-typescript's suite.fixture.ts): the verifier must accept every one of them.
import { describe, expect, it } from 'vitest';
import { type IamPrincipal, verifySigV4 } from '../../../src/iam/sigv4.ts';

const ACCESS_KEY_ID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const STS_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';
const NOW = new Date('2015-08-30T12:36:00Z');

interface Vector {
  name: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string | string[]>;
  body?: string;
  signedHeaders: string;
  signature: string;
}

const vectors: Vector[] = [
  {
    name: 'get-vanilla',
    method: 'GET',
    path: '/',
    signedHeaders: 'host;x-amz-date',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'get-vanilla-query-order-key-case',
    method: 'GET',
    path: '/',
    query: { Param2: 'value2', Param1: 'value1' },
    signedHeaders: 'host;x-amz-date',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'get-vanilla-query-unreserved',
    method: 'GET',
    path: '/',
    query: {
      '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz':
        '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    },
    signedHeaders: 'host;x-amz-date',
    signature: '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197',
  },
  {
    name: 'get-vanilla-utf8-query',
    method: 'GET',
    path: '/',
    query: { ሴ: 'bar' },
    signedHeaders: 'host;x-amz-date',
    signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04',
  },
  {
    name: 'get-unreserved',
    method: 'GET',
    path: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    signedHeaders: 'host;x-amz-date',
    signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f',
  },
  {
    name: 'get-utf8',
    method: 'GET',
    path: '/ሴ',
    signedHeaders: 'host;x-amz-date',
    signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85',
  },
  {
    name: 'get-header-value-trim',
    method: 'GET',
    path: '/',
    headers: { 'My-Header1': ' value1', 'My-Header2': ' "a   b   c"' },
    signedHeaders: 'host;my-header1;my-header2;x-amz-date',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'get-header-key-duplicate',
    method: 'GET',
    path: '/',
    headers: { 'My-Header1': ['value2', 'value2', 'value1'] },
    signedHeaders: 'host;my-header1;x-amz-date',
    signature: 'c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea',
  },
  {
    name: 'post-header-value-case',
    method: 'POST',
    path: '/',
    headers: { 'My-Header1': 'VALUE1' },
    signedHeaders: 'host;my-header1;x-amz-date',
    signature: 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d',
  },
  {
    name: 'post-vanilla-query',
    method: 'POST',
    path: '/',
    query: { Param1: 'value1' },
    signedHeaders: 'host;x-amz-date',
    signature: '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11',
  },
  {
    name: 'post-vanilla-query-nonunreserved',
    method: 'POST',
    path: '/',
    query: { '@#$%^': '', '+': '/,?><`";:\\|][{}' },
    signedHeaders: 'host;x-amz-date',
    signature: '66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e',
  },
  {
    name: 'post-x-www-form-urlencoded-parameters',
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf8' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
    signature: '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe',
  },
  {
    name: 'post-sts-header-before',
    method: 'POST',
    path: '/',
    headers: { 'X-Amz-Security-Token': STS_TOKEN },
    signedHeaders: 'host;x-amz-date;x-amz-security-token',
    signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
  },
];

function principalFor(vector: Vector): IamPrincipal {
  const principal: IamPrincipal = {
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET,
    accountId: '111122223333',
    userArn: 'arn:aws:iam::111122223333:user/example',
    username: 'AIDAEXAMPLE',
  };
  return vector.headers?.['X-Amz-Security-Token'] ? { ...principal, sessionToken: STS_TOKEN } : principal;
}

describe('verifySigV4 against the AWS SigV4 test suite', () => {
  for (const vector of vectors) {
    it(`accepts ${vector.name}`, async () => {
      const authorization =
        `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20150830/us-east-1/service/aws4_request, ` +
        `SignedHeaders=${vector.signedHeaders}, Signature=${vector.signature}`;
      const principal = principalFor(vector);
      const result = await verifySigV4(
        {
          method: vector.method,
          path: vector.path,
          query: vector.query ?? {},
          headers: {
            Host: 'example.amazonaws.com',
            'X-Amz-Date': '20150830T123600Z',
            ...vector.headers,
            Authorization: authorization,
          },
          body: vector.body ?? '',
        },
        {
          service: 'service',
          region: 'us-east-1',
          principals: (id) => (id === ACCESS_KEY_ID ? principal : undefined),
          now: () => NOW,
        },
      );
      expect(result).toEqual({ ok: true, principal });
    });
  }

  it('rejects a suite request whose signature has one digit changed', async () => {
    const authorization =
      `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20150830/us-east-1/service/aws4_request, ` +
      'SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf32';
    const result = await verifySigV4(
      {
        method: 'GET',
        path: '/',
        query: {},
        headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z', authorization },
        body: '',
      },
      { service: 'service', region: 'us-east-1', principals: () => principalFor(vectors[0]!), now: () => NOW },
    );
    expect(result).toMatchObject({ ok: false, reason: 'badSignature' });
  });
});
