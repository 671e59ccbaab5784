import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  headerSubprotocol,
  iamHeader,
  openRealtime,
  type RealtimeConnectOptions,
  connectRealtime,
} from '../../../../src/testing/realtimeClient.ts';
import { publisher, type RealtimeFixture, startRealtimeFixture } from './fixture.ts';

let api: RealtimeFixture;

beforeAll(async () => {
  api = await startRealtimeFixture({ keepAliveIntervalMs: 200, connectionInitTimeoutMs: 300 });
});

afterAll(async () => {
  await api?.close();
});

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

describe('connecting with each form of authorization', () => {
  it('acknowledges an API key sent in a header- subprotocol, with connectionTimeoutMs and the graphql-ws subprotocol', async () => {
    const client = await openRealtime({ url: api.server.realtimeUrl, header: api.keyHeaders });
    expect(client.protocol).toBe('graphql-ws');
    client.send({ type: 'connection_init' });
    expect(await client.next('connection_ack')).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    client.close();
  });

  it('acknowledges an API key sent as ?header=…&payload=… (older clients)', async () => {
    const query = `?header=${encodeURIComponent(base64(api.keyHeaders))}&payload=${encodeURIComponent(base64({}))}`;
    const client = await openRealtime({ url: `${api.server.realtimeUrl}${query}`, protocols: ['graphql-ws'] });
    client.send({ type: 'connection_init' });
    expect((await client.next('connection_ack')).payload).toEqual({ connectionTimeoutMs: 300000 });
    client.close();
  });

  it('acknowledges a Cognito user pool token in the Authorization header', async () => {
    const token = await api.issuer.idToken({ username: 'carol' });
    const client = await connectRealtime({
      url: api.server.realtimeUrl,
      header: { host: new URL(api.server.url).host, Authorization: token },
    });
    client.close();
  });

  it('acknowledges IAM headers signed for POST /graphql/connect with the body {}', async () => {
    const headers = await iamHeader(`${api.server.url}/graphql/connect`, '{}', publisher);
    const client = await connectRealtime({ url: api.server.realtimeUrl, header: headers });
    client.close();
  });
});

describe('refusing a connection', () => {
  async function refusal(options: Omit<RealtimeConnectOptions, 'url'>) {
    const client = await openRealtime({ url: api.server.realtimeUrl, ...options });
    client.send({ type: 'connection_init' });
    const message = await client.next('connection_error');
    return { message, closed: await client.closed };
  }

  it('answers an unknown API key with connection_error UnauthorizedException and a clean close', async () => {
    const { message, closed } = await refusal({ header: { ...api.keyHeaders, 'x-api-key': 'da2-notakey' } });
    expect(message).toEqual({
      type: 'connection_error',
      payload: {
        errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }],
      },
    });
    expect(closed.code).toBe(1000);
  });

  it('answers a connection without authorization with "Valid authorization header not provided."', async () => {
    const { message } = await refusal({ protocols: ['graphql-ws'] });
    expect(message.payload?.errors).toEqual([
      { errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.', errorCode: 401 },
    ]);
  });

  it('answers an expired Cognito token with "Token has expired."', async () => {
    const token = await api.issuer.idToken({ username: 'carol' }, { expiresInSeconds: -60 });
    const { message } = await refusal({ header: { host: 'localhost', Authorization: token } });
    expect(message.payload?.errors).toEqual([
      { errorType: 'UnauthorizedException', message: 'Token has expired.', errorCode: 401 },
    ]);
  });

  it('refuses IAM headers signed for another path than /graphql/connect', async () => {
    const headers = await iamHeader(`${api.server.url}/graphql`, '{}', publisher);
    const { message, closed } = await refusal({ header: headers });
    expect(message.payload?.errors?.[0]).toMatchObject({ errorType: 'InvalidSignatureException', errorCode: 403 });
    expect(closed.code).toBe(1000);
  });

  it('refuses an upgrade without the graphql-ws subprotocol, and another path', async () => {
    await expect(openRealtime({ url: api.server.realtimeUrl, protocols: [headerSubprotocol(api.keyHeaders)] })).rejects.toThrow(
      '400',
    );
    await expect(
      openRealtime({ url: api.server.realtimeUrl.replace('/realtime', '/elsewhere'), protocols: ['graphql-ws'] }),
    ).rejects.toThrow('404');
  });
});

describe('keeping the connection alive', () => {
  it('sends "ka" after the ack and then every keep-alive interval', async () => {
    const client = await api.connect();
    await client.next('ka');
    const started = Date.now();
    await client.next('ka');
    await client.next('ka');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    client.close();
  });

  it('closes a connection that never sends connection_init', async () => {
    const client = await openRealtime({ url: api.server.realtimeUrl, header: api.keyHeaders });
    const started = Date.now();
    await client.closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});

describe('malformed messages', () => {
  it('answers a frame that is not JSON with connection_error and closes only that connection', async () => {
    const bystander = await api.connect();
    const client = await api.connect();
    client.send('this is not json');
    expect((await client.next('connection_error')).payload?.errors).toEqual([
      { errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel', errorCode: 400 },
    ]);
    expect((await client.closed).code).toBe(1000);
    bystander.send({ type: 'connection_init' });
    await bystander.next('connection_ack');
    bystander.close();
  });

  it('answers a message of an unknown type with an UnsupportedOperation error and stays open', async () => {
    const client = await api.connect();
    client.send({ id: 'x1', type: 'subscribe' });
    expect(await client.next('error')).toEqual({
      type: 'error',
      id: 'x1',
      payload: {
        errors: [{ errorType: 'UnsupportedOperation', message: 'subscribe not supported through the realtime channel' }],
      },
    });
    client.send({ type: 'connection_init' });
    await client.next('connection_ack');
    client.close();
  });

  it('answers a start without data as an unknown operation', async () => {
    const client = await api.connect();
    client.send({
      id: 's1',
      type: 'start',
      payload: { query: 'subscription { onTicket { id } }', extensions: { authorization: api.keyHeaders } },
    });
    expect(await client.next('error')).toEqual({
      type: 'error',
      id: '',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' }] },
    });
    client.close();
  });
});
