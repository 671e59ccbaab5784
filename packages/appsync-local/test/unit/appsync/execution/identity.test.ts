import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSyncServer, startAppSyncServer } from '../../../../src/appsync/api.ts';
import type { IamPrincipal } from '../../../../src/iam/sigv4.ts';
import { postGraphQL } from '../../../../src/testing/graphql.ts';
import { code } from '../../../support/inlineApi.ts';
import { sendSigned, signedRequest } from '../../../../src/testing/sigv4Fetch.ts';
import { startTestIssuer, type TestIssuer } from '../../../../src/testing/testIssuer.ts';

const service: IamPrincipal = {
  accessKeyId: 'AKIAIDENTITYTEST0001',
  secretAccessKey: 'identity-test-secret',
  accountId: '123456789012',
  userArn: 'arn:aws:iam::123456789012:role/events-target',
  username: 'AROAIDENTITYTEST:events',
};

let issuer: TestIssuer;
let server: AppSyncServer;

beforeAll(async () => {
  issuer = await startTestIssuer();
  server = await startAppSyncServer({
    schema: 'type Query { whoami: AWSJSON @aws_cognito_user_pools @aws_iam }',
    authentication: {
      defaultAuthentication: {
        type: 'AMAZON_COGNITO_USER_POOLS',
        userPoolId: issuer.userPoolId,
        region: 'us-east-1',
        issuer: issuer.issuer,
        jwks: { uri: issuer.jwksUri },
      },
      additionalAuthentications: [
        { type: 'AWS_IAM', region: 'us-east-1', principals: (id) => (id === service.accessKeyId ? service : undefined) },
      ],
    },
    dataSources: { none: { type: 'NONE' } },
    resolvers: [
      {
        typeName: 'Query',
        fieldName: 'whoami',
        dataSource: 'none',
        code: code(`
          export function request(ctx) { return { payload: JSON.stringify({ identity: ctx.identity, authType: util.authType() }) } }
          export function response(ctx) { return ctx.result }
        `),
      },
    ],
  });
});

afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

describe('ctx.identity', () => {
  it('describes a Cognito user: sub, username, groups, issuer, claims, source IPs, default strategy', async () => {
    const token = await issuer.idToken({ username: 'ada', sub: 'sub-ada', groups: ['admin', 'warehouse'] });
    const response = await postGraphQL<{ whoami: string }>(server.graphqlUrl, '{ whoami }', {
      headers: { authorization: token, 'x-forwarded-for': '203.0.113.7' },
    });
    const { identity, authType } = JSON.parse(response.body.data!.whoami);
    expect(authType).toBe('User Pool Authorization');
    expect(identity).toEqual({
      sub: 'sub-ada',
      username: 'ada',
      groups: ['admin', 'warehouse'],
      issuer: issuer.issuer,
      claims: expect.objectContaining({ 'cognito:username': 'ada', token_use: 'id', 'cognito:groups': ['admin', 'warehouse'] }),
      sourceIp: ['203.0.113.7', '127.0.0.1'],
      defaultAuthStrategy: 'ALLOW',
    });
  });

  it('describes an IAM caller: account, user ARN and username', async () => {
    const request = await signedRequest(server.graphqlUrl, JSON.stringify({ query: '{ whoami }' }), service);
    const response = await sendSigned<{ whoami: string }>(server.graphqlUrl, request);
    const { identity, authType } = JSON.parse(response.body.data!.whoami);
    expect(authType).toBe('IAM Authorization');
    expect(identity).toEqual(
      expect.objectContaining({
        accountId: '123456789012',
        userArn: service.userArn,
        username: service.username,
        sourceIp: ['127.0.0.1'],
      }),
    );
  });
});
