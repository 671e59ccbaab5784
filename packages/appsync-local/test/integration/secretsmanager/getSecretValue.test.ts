// The local Secrets Manager, driven by the real @aws-sdk/client-secrets-manager client, as the
// payment service reads its gateway keys.
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  type GetSecretValueCommandInput,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamPrincipal } from '../../../src/iam/sigv4.ts';
import { createSecretsManager, type LocalSecretsManager } from '../../../src/secretsmanager/index.ts';
import { signHeaders } from '../../../src/testing/sigv4Fetch.ts';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const SECRET = 'payment/gateway';
const FIRST_VALUE = '{"apiKey":"sk_test_first"}';
/** Rotated by one test only, so that the others see its first value. */
const ROTATED = 'payment/webhook-signing';

const paymentRole: IamPrincipal = {
  accessKeyId: 'ASIAPAYMENTROLE00001',
  secretAccessKey: 'payment-role-secret-key',
  sessionToken: 'payment-role-session',
  accountId: ACCOUNT,
  userArn: `arn:aws:sts::${ACCOUNT}:assumed-role/payment/local`,
  username: 'AROAPAYMENT:local',
};
const ordersRole: IamPrincipal = {
  accessKeyId: 'ASIAORDERSROLE000001',
  secretAccessKey: 'orders-role-secret-key',
  accountId: ACCOUNT,
  userArn: `arn:aws:sts::${ACCOUNT}:assumed-role/orders/local`,
  username: 'AROAORDERS:local',
};

let secrets: LocalSecretsManager;
let url: string;
const checks: { principal: string; action: string; resource: string }[] = [];

function client(credentials: Pick<IamPrincipal, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> = paymentRole) {
  return new SecretsManagerClient({ endpoint: url, region: REGION, credentials, maxAttempts: 1 });
}

function get(input: GetSecretValueCommandInput, credentials?: Parameters<typeof client>[0]) {
  return client(credentials).send(new GetSecretValueCommand(input));
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const error = (await promise.then(
    () => expect.fail('the call succeeded'),
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

beforeAll(async () => {
  secrets = createSecretsManager({
    region: REGION,
    accountId: ACCOUNT,
    secrets: [
      { name: SECRET, secretString: FIRST_VALUE },
      { name: ROTATED, secretString: 'whsec_first' },
      { name: 'orders/signing-key', secretString: 'orders-only' },
    ],
    principals: (id) => [paymentRole, ordersRole].find((principal) => principal.accessKeyId === id),
    // The payment role may read the payment secrets (by their ARN pattern, as an IAM policy names them).
    isAllowed: (principal, action, resource) => {
      checks.push({ principal: principal.userArn, action, resource });
      return principal === paymentRole && resource.startsWith(`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:payment/`);
    },
  });
  url = (await secrets.listen(0)).url;
});
afterAll(() => secrets.close());

describe('GetSecretValue on the local Secrets Manager', () => {
  it('answers a secret by name with its current version, in AWS shape', async () => {
    const before = Date.now();
    const output = await get({ SecretId: SECRET });
    expect(output).toMatchObject({
      ARN: secrets.arnOf(SECRET),
      Name: SECRET,
      SecretString: FIRST_VALUE,
      VersionStages: ['AWSCURRENT'],
      VersionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(output.CreatedDate).toBeInstanceOf(Date);
    expect(output.CreatedDate!.getTime()).toBeLessThanOrEqual(before);
    expect(secrets.arnOf(SECRET)).toMatch(
      new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:payment/gateway-[A-Za-z0-9]{6}$`),
    );
  });

  it('asks IAM about the secret ARN for secretsmanager:GetSecretValue', async () => {
    await get({ SecretId: SECRET });
    expect(checks.at(-1)).toEqual({
      principal: paymentRole.userArn,
      action: 'secretsmanager:GetSecretValue',
      resource: secrets.arnOf(SECRET),
    });
  });

  it('answers a secret by its full ARN', async () => {
    const output = await get({ SecretId: secrets.arnOf(SECRET) });
    expect(output).toMatchObject({ Name: SECRET, SecretString: FIRST_VALUE });
  });

  it('answers a secret by its partial ARN, without the random suffix', async () => {
    const output = await get({ SecretId: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${SECRET}` });
    expect(output).toMatchObject({ ARN: secrets.arnOf(SECRET), SecretString: FIRST_VALUE });
  });

  it('answers a secret it does not have with ResourceNotFoundException', async () => {
    expect(await rejection(get({ SecretId: 'payment/unknown' }))).toEqual({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      status: 400,
    });
    expect(await rejection(get({ SecretId: `${secrets.arnOf(SECRET).slice(0, -6)}XXXXXX` }))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('answers a caller IAM does not allow with AccessDeniedException naming it, the action and the SecretId', async () => {
    expect(await rejection(get({ SecretId: SECRET }, ordersRole))).toEqual({
      name: 'AccessDeniedException',
      message:
        `User: ${ordersRole.userArn} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} ` +
        'because no identity-based policy allows the secretsmanager:GetSecretValue action',
      status: 400,
    });
  });

  it('decides access before existence: a caller without the permission cannot learn that a secret is missing', async () => {
    expect(await rejection(get({ SecretId: 'orders/unknown' }, ordersRole))).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('refuses a signature made with the wrong secret key', async () => {
    expect(await rejection(get({ SecretId: SECRET }, { ...paymentRole, secretAccessKey: 'not-the-key' }))).toEqual({
      name: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      status: 400,
    });
  });

  it('refuses an access key it does not know, and a wrong session token', async () => {
    const unknown = { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'whatever' };
    expect(await rejection(get({ SecretId: SECRET }, unknown))).toEqual({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      status: 400,
    });
    expect(await rejection(get({ SecretId: SECRET }, { ...paymentRole, sessionToken: 'stale' }))).toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('answers an unsigned request with MissingAuthenticationTokenException', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
      body: JSON.stringify({ SecretId: SECRET }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(((await response.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
  });

  it('answers any other operation with UnknownOperationException', async () => {
    expect(await rejection(client().send(new DescribeSecretCommand({ SecretId: SECRET })))).toMatchObject({
      name: 'UnknownOperationException',
      status: 400,
    });
  });

  it('answers a request without a SecretId with ValidationException', async () => {
    const body = '{}';
    const headers = await signHeaders(url, {
      credentials: paymentRole,
      region: REGION,
      service: 'secretsmanager',
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
      body,
    });
    const response = await fetch(url, { method: 'POST', headers, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null",
    });
  });

  it('serves a value put in process as the new AWSCURRENT, and keeps the old one as AWSPREVIOUS', async () => {
    const first = await get({ SecretId: ROTATED });
    const put = secrets.putSecretValue(ROTATED, 'whsec_rotated');
    expect(put).toEqual({
      ARN: secrets.arnOf(ROTATED),
      Name: ROTATED,
      VersionId: expect.any(String),
      VersionStages: ['AWSCURRENT'],
    });

    const current = await get({ SecretId: ROTATED });
    expect(current).toMatchObject({
      SecretString: 'whsec_rotated',
      VersionId: put.VersionId,
      VersionStages: ['AWSCURRENT'],
    });
    expect(await get({ SecretId: ROTATED, VersionStage: 'AWSPREVIOUS' })).toMatchObject({
      SecretString: first.SecretString,
      VersionId: first.VersionId,
      VersionStages: ['AWSPREVIOUS'],
    });
    expect(await get({ SecretId: ROTATED, VersionId: first.VersionId })).toMatchObject({ SecretString: first.SecretString });
    expect(await rejection(get({ SecretId: ROTATED, VersionStage: 'AWSPENDING' }))).toEqual({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
      status: 400,
    });
    expect(await rejection(get({ SecretId: ROTATED, VersionId: '00000000-0000-0000-0000-000000000000' }))).toMatchObject({
      message: "Secrets Manager can't find the specified secret value for VersionId: 00000000-0000-0000-0000-000000000000",
    });
  });
});
