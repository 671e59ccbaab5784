// The lean DynamoDB client's own behaviour: its signature is the one the AWS SDK's signer makes,
// and it retries what the SDK's standard strategy retries, no more.
import { Sha256 } from '@aws-crypto/sha256-js';
import { DynamoDBServiceException, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLeanDynamoDbClient, createRequestSigner } from '../../../../../src/appsync/datasources/dynamodb/leanClient.ts';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

describe('its signature', () => {
  it('is the one the SDK signer makes for the same request', async () => {
    const payload = JSON.stringify({ TableName: 'products', Key: { productId: { S: 'p-1' } } });
    const now = new Date('2026-12-05T23:59:58.123Z');
    const headers = createRequestSigner('127.0.0.1:8000', 'eu-west-1', credentials)('GetItem', payload, now);
    // The same headers, less content-length, which the SDK would sign too and ours leaves out.
    const { authorization: _authorization, 'content-length': _length, ...unsigned } = headers;
    const signer = new SignatureV4({ credentials, region: 'eu-west-1', service: 'dynamodb', sha256: Sha256 });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 8000,
        path: '/',
        headers: unsigned,
        body: payload,
      }),
      { signingDate: now },
    );
    expect(headers.authorization).toBe(signed.headers.authorization);
    expect(headers.authorization).toContain('Credential=AKIDEXAMPLE/20261205/eu-west-1/dynamodb/aws4_request');
  });

  it('changes with the payload', () => {
    const sign = createRequestSigner('127.0.0.1:8000', 'eu-west-1', credentials);
    const now = new Date();
    expect(sign('GetItem', '{"a":1}', now).authorization).not.toBe(sign('GetItem', '{"a":2}', now).authorization);
  });
});

describe('retries', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((closed) => server?.close(closed));
    server = undefined;
  });

  /** A DynamoDB stand-in answering the given (status, body) pairs in turn, counting requests. */
  async function answering(...answers: [number, object][]): Promise<{ endpoint: string; requests: () => number }> {
    let count = 0;
    server = createServer((request, response) => {
      request.resume();
      const [status, body] = answers[Math.min(count, answers.length - 1)]!;
      count += 1;
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `request-${count}` });
      response.end(JSON.stringify(body));
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => count };
  }

  const get = new GetItemCommand({ TableName: 'products', Key: { productId: { S: 'p-1' } } });
  const internal = { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'busy' };
  const throttled = { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'slow down' };

  it('retries a 5xx and throttling, and answers what came after', async () => {
    const stub = await answering([500, internal], [400, throttled], [200, { Item: { productId: { S: 'p-1' } } }]);
    const client = createLeanDynamoDbClient({ endpoint: stub.endpoint, region: 'us-east-1', credentials });
    try {
      expect(await client.send(get)).toEqual({ Item: { productId: { S: 'p-1' } } });
      expect(stub.requests()).toBe(3);
    } finally {
      client.destroy();
    }
  });

  it('gives up after three attempts with the last error', async () => {
    const stub = await answering([503, internal]);
    const client = createLeanDynamoDbClient({ endpoint: stub.endpoint, region: 'us-east-1', credentials });
    try {
      const error = await client.send(get).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DynamoDBServiceException);
      expect(error).toMatchObject({
        name: 'InternalServerError',
        message: 'busy',
        $metadata: { httpStatusCode: 503, requestId: 'request-3' },
      });
      expect(stub.requests()).toBe(3);
    } finally {
      client.destroy();
    }
  });

  it('does not retry a request DynamoDB refused', async () => {
    const stub = await answering([400, { __type: 'com.amazon.coral.validate#ValidationException', message: 'bad key' }]);
    const client = createLeanDynamoDbClient({ endpoint: stub.endpoint, region: 'us-east-1', credentials });
    try {
      await expect(client.send(get)).rejects.toMatchObject({ name: 'ValidationException', message: 'bad key' });
      expect(stub.requests()).toBe(1);
    } finally {
      client.destroy();
    }
  });

  it('refuses a command it does not know before sending anything', async () => {
    const stub = await answering([200, {}]);
    const client = createLeanDynamoDbClient({ endpoint: stub.endpoint, region: 'us-east-1', credentials });
    try {
      class DescribeTableCommand {
        input = {};
      }
      await expect(client.send(new DescribeTableCommand() as never)).rejects.toThrow('does not send DescribeTableCommand');
      expect(stub.requests()).toBe(0);
    } finally {
      client.destroy();
    }
  });
});
