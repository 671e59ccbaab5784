import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../../src/dynamodb/launcher.ts';

const originalPath = process.env.PATH;

afterEach(() => {
  process.env.PATH = originalPath;
});

describe('startDynamoDbLocal', () => {
  it('says what to install when Java is missing', async () => {
    process.env.PATH = mkdtempSync(join(tmpdir(), 'no-java-'));
    await expect(startDynamoDbLocal()).rejects.toThrow(/DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH/);
  });

  it('starts, answers on its endpoint, and stops without leaving a process', async () => {
    const dynamodb = await startDynamoDbLocal();
    const response = await fetch(dynamodb.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
    });
    expect(response.status).toBe(200);
    await dynamodb.stop();
    await expect(fetch(dynamodb.endpoint, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('names no other site in CORS (its default is *)', async () => {
    const dynamodb = await startDynamoDbLocal();
    try {
      const preflight = (origin: string) =>
        fetch(dynamodb.endpoint, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target' },
        });
      const foreign = await preflight('https://shop.example');
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const local = await preflight('http://localhost');
      expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost');
    } finally {
      await dynamodb.stop();
    }
  });
});
