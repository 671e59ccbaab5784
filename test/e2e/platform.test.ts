import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { FIXTURE_DECLARATION } from '../fixtures/fixtureDeclaration.ts';
import { sendSigned, signedRequest } from 'appsync-local/testing/sigv4Fetch.ts';

let stack: LocalStack;
let dynamodb: DynamoDBClient;
let caller: { accessKeyId: string; secretAccessKey: string };

beforeAll(async () => {
  stack = await startLocalStack({ declaration: FIXTURE_DECLARATION, ports: 'any-free' });
  dynamodb = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: stack.dynamodbEndpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  caller = stack.iam.createRole('platform-test', [
    { action: 'execute-api:Invoke', resource: 'arn:aws:execute-api:*/prod/GET/echo/*' },
  ]);
}, 60_000);

afterAll(async () => {
  dynamodb?.destroy();
  await stack?.stop();
});

async function recordsOf(noteId: string): Promise<Record<string, unknown>[]> {
  const result = await dynamodb.send(new ScanCommand({ TableName: 'fixture-records', ConsistentRead: true }));
  return (result.Items ?? [])
    .filter((item) => item.noteId?.S === noteId)
    .map((item) => JSON.parse(item.body!.S!) as Record<string, unknown>);
}

describe('the local platform, end to end', () => {
  it('carries a table change through the stream, the table-events handler, the bus, a rule and its target', async () => {
    const noteId = `note-${Date.now()}`;
    await dynamodb.send(
      new PutItemCommand({ TableName: 'fixture-notes', Item: { noteId: { S: noteId }, text: { S: 'first' } } }),
    );
    await dynamodb.send(
      new PutItemCommand({ TableName: 'fixture-notes', Item: { noteId: { S: noteId }, text: { S: 'second' } } }),
    );
    const records = await vi.waitFor(
      async () => {
        const recorded = await recordsOf(noteId);
        expect(recorded.length).toBeGreaterThanOrEqual(2);
        return recorded;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(records.map((r) => [r.change, r.text])).toEqual(
      expect.arrayContaining([
        ['INSERT', 'first'],
        ['MODIFY', 'second'],
      ]),
    );
    expect(records[0]).toEqual(expect.objectContaining({ noteId, ruleName: 'notes-to-recorder' }));
    expect(stack.events.deadLetters()).toEqual([]);
    expect(stack.events.failedBatches()).toEqual([]);
  });

  it('serves a service route through the REST API host, to a caller the IAM registry knows', async () => {
    const url = `${stack.services.urls.echo}/echo/abc`;
    const request = await signedRequest(url, '', caller, { service: 'execute-api', method: 'GET' });
    const response = await sendSigned(url, request);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      method: 'GET',
      path: '/echo/abc',
      id: 'abc',
      caller: expect.stringContaining('platform-test'),
    });
  });

  it('refuses a caller whose policy does not allow the route', async () => {
    const stranger = stack.iam.createRole('no-permissions');
    const url = `${stack.services.urls.echo}/echo/abc`;
    const response = await sendSigned(url, await signedRequest(url, '', stranger, { service: 'execute-api', method: 'GET' }));
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ Message: expect.stringContaining('is not authorized to perform: execute-api:Invoke') });
  });

  it('answers an unsigned call to a service with API Gateway’s 403', async () => {
    const response = await fetch(`${stack.services.urls.echo}/echo/abc`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
  });
});
