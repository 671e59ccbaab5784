// A small ticketing API served with its real-time endpoint, for the real-time tests: API key by
// default, Cognito user pools (tokens from a test issuer) and IAM besides, and inline APPSYNC_JS
// resolvers that publish, filter, refuse and invalidate.
import type { IamPrincipal } from '../../../../src/iam/sigv4.ts';
import { type AppSyncServer, startAppSyncServer } from '../../../../src/appsync/api.ts';
import { postGraphQL } from '../../../../src/testing/graphql.ts';
import { startTestIssuer, type TestIssuer } from '../../../../src/testing/testIssuer.ts';
import { connectRealtime, type RealtimeConnection } from '../../../../src/testing/realtimeClient.ts';

export const API_KEY = 'da2-realtimetestkey000000001';
export const withKey = { 'x-api-key': API_KEY };

export const publisher: IamPrincipal = {
  accessKeyId: 'AKIAREALTIMETEST0001',
  secretAccessKey: 'realtime/test/secret/key/0000000000000000',
  accountId: '123456789012',
  userArn: 'arn:aws:iam::123456789012:role/realtime-publisher',
  username: 'AROAREALTIMETEST0001',
};

const schema = /* GraphQL */ `
  type Owner @aws_api_key @aws_cognito_user_pools @aws_iam {
    name: String
    level: Int
  }

  type Ticket @aws_api_key @aws_cognito_user_pools @aws_iam {
    id: ID!
    group: String
    severity: Int
    priority: String
    tags: [String]
    owner: Owner
    note: String
    secret: String @aws_cognito_user_pools(cognito_groups: ["admin"])
  }

  input OwnerInput {
    name: String
    level: Int
  }

  input TicketInput {
    id: ID!
    group: String
    severity: Int
    priority: String
    tags: [String]
    owner: OwnerInput
    note: String
    secret: String
  }

  type Query {
    ping: String
  }

  type Mutation {
    createTicket(input: TicketInput!): Ticket @aws_api_key @aws_iam @aws_cognito_user_pools
    failTicket(input: TicketInput!): Ticket
    removeFromGroup(group: String!): String
  }

  type Subscription {
    onTicket(group: String, severity: Int): Ticket
      @aws_subscribe(mutations: ["createTicket", "failTicket"])
      @aws_api_key
      @aws_cognito_user_pools
      @aws_iam
    "The filter is the rule argument (JSON of a filterGroup), set by the resolver."
    onFiltered(rule: String!): Ticket @aws_subscribe(mutations: ["createTicket"])
    "util.transform.toSubscriptionFilter over the severity argument."
    onSevere(atLeast: Int!): Ticket @aws_subscribe(mutations: ["createTicket"])
    onAdminTicket: Ticket @aws_subscribe(mutations: ["createTicket"]) @aws_cognito_user_pools(cognito_groups: ["admin"])
    onRefused: Ticket @aws_subscribe(mutations: ["createTicket"])
    onGroupTicket(group: String!): Ticket @aws_subscribe(mutations: ["createTicket"])
    onStrict(group: String): Ticket! @aws_subscribe(mutations: ["createTicket"])
  }
`;

const HEADER = "import { util, extensions } from '@aws-appsync/utils';\n";
const none = (response: string, request = 'return { payload: ctx.args.input ?? null };') =>
  `${HEADER}export function request(ctx) { ${request} }\nexport function response(ctx) { ${response} }`;

export interface RealtimeFixture {
  readonly server: AppSyncServer;
  readonly issuer: TestIssuer;
  /** Runs a mutation over HTTP with the API key and waits until its events are delivered. */
  mutate(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): ReturnType<typeof postGraphQL>;
  connect(authorization?: Record<string, string>): Promise<RealtimeConnection>;
  /** The headers a client sends for the API key, host included. */
  readonly keyHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startRealtimeFixture(
  realtime: { keepAliveIntervalMs?: number; connectionInitTimeoutMs?: number } = {},
): Promise<RealtimeFixture> {
  const issuer = await startTestIssuer();
  const server = await startAppSyncServer({
    schema,
    realtime,
    authentication: {
      defaultAuthentication: { type: 'API_KEY', apiKeys: [{ id: API_KEY, expires: Math.floor(Date.now() / 1000) + 3600 }] },
      additionalAuthentications: [
        {
          type: 'AMAZON_COGNITO_USER_POOLS',
          userPoolId: issuer.userPoolId,
          region: 'us-east-1',
          issuer: issuer.issuer,
          jwks: { uri: issuer.jwksUri },
        },
        { type: 'AWS_IAM', region: 'us-east-1', principals: (id) => (id === publisher.accessKeyId ? publisher : undefined) },
      ],
    },
    dataSources: { none: { type: 'NONE' } },
    resolvers: [
      { typeName: 'Mutation', fieldName: 'createTicket', dataSource: 'none', code: none('return ctx.result;') },
      {
        typeName: 'Mutation',
        fieldName: 'failTicket',
        dataSource: 'none',
        code: none("util.error('no tickets today', 'Refused');"),
      },
      {
        typeName: 'Mutation',
        fieldName: 'removeFromGroup',
        dataSource: 'none',
        code: none(
          "extensions.invalidateSubscriptions({ subscriptionField: 'onGroupTicket', payload: { group: ctx.args.group } }); return ctx.args.group;",
          'return { payload: null };',
        ),
      },
      {
        typeName: 'Subscription',
        fieldName: 'onFiltered',
        dataSource: 'none',
        code: none('extensions.setSubscriptionFilter(JSON.parse(ctx.args.rule)); return null;', 'return { payload: null };'),
      },
      {
        typeName: 'Subscription',
        fieldName: 'onSevere',
        dataSource: 'none',
        code: none(
          'extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ severity: { ge: ctx.args.atLeast } })); return null;',
          'return { payload: null };',
        ),
      },
      {
        typeName: 'Subscription',
        fieldName: 'onRefused',
        dataSource: 'none',
        code: none('util.unauthorized();', 'return { payload: null };'),
      },
      {
        typeName: 'Subscription',
        fieldName: 'onGroupTicket',
        dataSource: 'none',
        code: none(
          "extensions.setSubscriptionInvalidationFilter({ filterGroup: [{ filters: [{ fieldName: 'group', operator: 'eq', value: ctx.args.group }] }] }); return null;",
          'return { payload: null };',
        ),
      },
    ],
  });
  const keyHeaders = { host: new URL(server.url).host, 'x-api-key': API_KEY };
  return {
    server,
    issuer,
    keyHeaders,
    async mutate(query, variables, headers = withKey) {
      const response = await postGraphQL(server.graphqlUrl, query, { variables, headers });
      await server.api.realtime.settled();
      return response;
    },
    connect: (authorization = keyHeaders) => connectRealtime({ url: server.realtimeUrl, header: authorization }),
    async close() {
      await server.close();
      await issuer.close();
    },
  };
}

export const CREATE_TICKET = /* GraphQL */ `
  mutation Create($input: TicketInput!) {
    createTicket(input: $input) {
      id
      group
      severity
      priority
      tags
      owner {
        name
        level
      }
      note
      secret
    }
  }
`;

/** A short wait for messages that must not arrive. */
export function quietPeriod(ms = 150): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
