// What is deployed is exactly what runs locally. The local side comes from the functions the local
// stack runs (local/apiDefinition.ts, local/dynamodb/tables.ts, local/services.ts,
// local/eventPlatform.ts), not from system/, so that a drift in either runtime fails here. The
// local servers are replaced by recorders of what they are given; nothing listens.
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CfnElement, Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { synthesizeStack, TEST_INVOICING, TEST_MAIL, type TemplateResource } from './synthesizeStack.ts';
import { HANDLER_RUNTIME } from '../../../infra/constructs/handlerFunction.ts';
import { buildLocalApiDefinition } from '../../../local/apiDefinition.ts';
import type { RestApiDefinition } from 'appsync-local/apigateway/index.ts';
import { createTables } from 'appsync-local/dynamodb/tables.ts';
import type { StreamPollersOptions } from 'appsync-local/dynamodb/streams/types.ts';
import type { EventBusOptions } from 'appsync-local/eventbridge/index.ts';
import { startEventPlatform } from '../../../local/eventPlatform.ts';
import { apiRouteGrants, createServiceFunctions, type ServiceFunctions } from '../../../local/functions.ts';
import { LOCAL_API_ID } from '../../../local/apiDefinition.ts';
import { defaultRestApiId } from 'appsync-local/apigateway/definition.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { HandlerReference } from '../../../system/handlers.ts';
import { functionNameOf } from '../../../system/handlers.ts';
import { LOCAL_ACCOUNT_ID, LocalIam, type PolicyStatement } from 'appsync-local/iam/principals.ts';
import { startServices } from '../../../local/services.ts';
import { SYSTEM } from '../../../system/index.ts';
import { TABLES } from '../../../system/tables.ts';

const recorded = vi.hoisted(() => ({
  restApis: [] as RestApiDefinition[],
  eventBuses: [] as EventBusOptions[],
  streamPollers: [] as StreamPollersOptions[],
  /** The handler each delivered event reached, or 'APPSYNC'. */
  delivered: [] as string[],
}));

vi.mock('appsync-local/apigateway/index.ts', async (original) => ({
  ...(await original<object>()),
  startRestApi: (definition: RestApiDefinition) => {
    recorded.restApis.push(definition);
    return Promise.resolve({ url: `http://${definition.name}.invalid/${definition.stage}`, close: () => Promise.resolve() });
  },
}));
vi.mock('appsync-local/eventbridge/index.ts', async (original) => ({
  ...(await original<object>()),
  createEventBus: (options: EventBusOptions) => {
    recorded.eventBuses.push(options);
    return { listen: () => Promise.resolve({ url: 'http://bus.invalid' }), close: () => Promise.resolve() };
  },
}));
vi.mock('appsync-local/dynamodb/streams/index.ts', async (original) => ({
  ...(await original<object>()),
  startStreamPollers: (options: StreamPollersOptions) => {
    recorded.streamPollers.push(options);
    return Promise.resolve({ drain: () => Promise.resolve(), close: () => Promise.resolve() });
  },
}));
vi.mock('appsync-local/eventbridge/targets/appsync.ts', () => ({
  createAppSyncTarget: () => () => {
    recorded.delivered.push('APPSYNC');
    return Promise.resolve();
  },
}));
// Handlers read their service's environment when they load; here they only say who they are.
vi.mock('../../../local/handlers.ts', async (original) => ({
  ...(await original<object>()),
  loadHandler: (reference: HandlerReference) =>
    Promise.resolve(() => {
      recorded.delivered.push(`${reference.module}#${reference.export}`);
      return Promise.resolve();
    }),
}));

type Resource = TemplateResource;
type Reference = { Ref?: string; 'Fn::GetAtt'?: [string, string] };

let resources: Record<string, Resource>;
/** Each resource's construct id (one above its Cfn element): the declared name infra/ gives it. */
let constructIds: Map<string, string>;
/** The local stack's service functions (their environments). */
let functions: ServiceFunctions;
/** Each local role's statements, by role name, as the local stack makes them. */
const localRoles = new Map<string, readonly PolicyStatement[]>();

beforeAll(async () => {
  const synthesized = synthesizeStack();
  const { stack } = synthesized;
  resources = synthesized.resources;
  constructIds = new Map(
    stack.node
      .findAll()
      .filter((c): c is CfnElement => c instanceof CfnElement)
      .map((element) => [Stack.of(element).getLogicalId(element), element.node.scope!.node.id]),
  );

  const iam = new LocalIam();
  const createRole = iam.createRole.bind(iam);
  iam.createRole = (name, statements) => {
    const role = createRole(name, statements);
    localRoles.set(name, iam.statementsOf(role));
    return role;
  };
  localRoles.set('appsync-api', apiRouteGrants(SYSTEM, LOCAL_REGION));
  functions = createServiceFunctions({
    declaration: SYSTEM,
    iam,
    region: 'us-east-1',
    dynamodbEndpoint: 'http://dynamodb.invalid',
    eventBus: { name: SYSTEM.eventBusName, endpoint: 'http://bus.invalid' },
    payments: {
      providerUrl: 'http://payment-provider.invalid',
      secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:commerce/payment-AbCdEf',
      secretsManagerEndpoint: 'http://secrets.invalid',
      gateway: {
        url: 'http://gateway.invalid',
        appId: 2553,
        callbackUrl: 'http://payment.invalid/prod/payments/callback',
        paymentTtlSeconds: 900,
        sweepGraceSeconds: 60,
      },
    },
    serviceUrls: Object.fromEntries(SYSTEM.services.map((s) => [s.name, `http://${s.name}.invalid/prod`])),
    s3: {
      endpoint: 'http://s3.invalid',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      buckets: { invoices: 'commerce-invoices' },
    },
    invoicing: TEST_INVOICING,
    mail: { ...TEST_MAIL, smtp: { host: '127.0.0.1', port: 2525 } },
    alerts: {
      endpoint: 'http://sns.invalid',
      topicArns: {
        'order-alerts': 'arn:aws:sns:us-east-1:000000000000:order-alerts',
        'order-errors': 'arn:aws:sns:us-east-1:000000000000:order-errors',
        'critical-alerts': 'arn:aws:sns:us-east-1:000000000000:critical-alerts',
      },
    },
  });
  await startServices({ declaration: SYSTEM, iam, functions, ports: SYSTEM.services.map(() => 0) });
  await startEventPlatform({
    declaration: SYSTEM,
    iam,
    functions,
    graphqlUrl: 'http://appsync.invalid/graphql',
    apiId: LOCAL_API_ID,
    dynamodbEndpoint: 'http://dynamodb.invalid',
    bucketNames: { invoices: 'commerce-invoices' },
    port: 0,
  });
}, 60_000);

const ofType = (type: string): Resource[] => Object.values(resources).filter((r) => r.Type === type);
const referenced = (value: unknown): string => {
  const reference = value as Reference;
  const id = reference.Ref ?? reference['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`Not a reference: ${JSON.stringify(value)}`);
  return id;
};
/** A pattern with each bucket's reference (`{ Ref: <bucket> }`) as the local S3 names that bucket. */
const withLocalBucketNames = (pattern: unknown): unknown =>
  JSON.parse(JSON.stringify(pattern ?? null), (_key, value: unknown) => {
    const ref = (value as { Ref?: string } | null)?.Ref;
    return ref && resources[ref]?.Type === 'AWS::S3::Bucket' ? `commerce-${bucketOfRef(ref)}` : value;
  }) ?? undefined;
const bucketOfRef = (ref: string): string => ref.replace(/^Buckets/, '').replace(/[0-9A-F]{8}$/, '');
const byKey = <T>(entries: [string, T][]): Record<string, T> =>
  Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));

/** A method's integration timeout: CloudFormation's TimeoutInMillis, 29 000 when absent. */
const integrationTimeoutOf = (method: Resource): number =>
  Number((method.Properties.Integration as { TimeoutInMillis?: number } | undefined)?.TimeoutInMillis ?? 29_000);

describe('the AppSync API', () => {
  const localApi = async () =>
    buildLocalApiDefinition({
      dynamodbEndpoint: 'http://dynamodb.invalid',
      authentication: { defaultAuthentication: { type: 'API_KEY', apiKeys: [] }, additionalAuthentications: [] },
      role: new LocalIam().createRole('appsync-api'),
      serviceUrls: Object.fromEntries(SYSTEM.services.map((s) => [s.name, `http://${s.name}.invalid`])),
      eventBus: { endpoint: 'http://bus.invalid', name: SYSTEM.eventBusName },
    });

  it('resolves the same fields, each of the same kind, data source and functions in order', async () => {
    const functionNames = new Map(ofType('AWS::AppSync::FunctionConfiguration').map((f) => [f, String(f.Properties.Name)]));
    const functionNameOfId = (id: string) => [...functionNames].find(([f]) => resources[id] === f)?.[1];
    const deployed = byKey(
      ofType('AWS::AppSync::Resolver').map((r) => [
        `${String(r.Properties.TypeName)}.${String(r.Properties.FieldName)}`,
        r.Properties.Kind === 'PIPELINE'
          ? {
              kind: 'PIPELINE',
              functions: (r.Properties.PipelineConfig as { Functions: unknown[] }).Functions.map((f) =>
                functionNameOfId(referenced(f)),
              ),
            }
          : { kind: 'UNIT', dataSource: r.Properties.DataSourceName },
      ]),
    );
    const local = byKey(
      (await localApi()).resolvers.map((r) => [
        `${r.typeName}.${r.fieldName}`,
        r.kind === 'PIPELINE' ? { kind: 'PIPELINE', functions: r.functions } : { kind: 'UNIT', dataSource: r.dataSource },
      ]),
    );
    expect(deployed).toEqual(local);
  });

  it('has the same pipeline functions on the same data sources', async () => {
    const deployed = byKey(
      ofType('AWS::AppSync::FunctionConfiguration').map((f) => [String(f.Properties.Name), f.Properties.DataSourceName]),
    );
    const local = byKey(Object.entries((await localApi()).functions ?? {}).map(([name, f]) => [name, f.dataSource]));
    expect(deployed).toEqual(local);
  });

  it('has the same data sources, of the same type, on the same table, service or bus', async () => {
    const restApiNames = new Map(
      Object.entries(resources)
        .filter(([, r]) => r.Type === 'AWS::ApiGateway::RestApi')
        .map(([id, r]) => [id, r.Properties.Name]),
    );
    const deployed = byKey(
      ofType('AWS::AppSync::DataSource').map((d) => {
        const target = (): unknown => {
          switch (d.Properties.Type) {
            case 'AMAZON_DYNAMODB':
              return constructIds.get(referenced((d.Properties.DynamoDBConfig as { TableName: unknown }).TableName));
            case 'HTTP': {
              const endpoint = JSON.stringify((d.Properties.HttpConfig as { Endpoint: unknown }).Endpoint);
              return [...restApiNames].find(([id]) => endpoint.includes(`"${id}"`))?.[1];
            }
            case 'AMAZON_EVENTBRIDGE':
              return resources[referenced((d.Properties.EventBridgeConfig as { EventBusArn: unknown }).EventBusArn)]?.Properties
                .Name;
            default:
              return undefined;
          }
        };
        return [String(d.Properties.Name), { type: d.Properties.Type, target: target() }];
      }),
    );
    const local = byKey(
      Object.entries((await localApi()).dataSources).map(([name, d]) => {
        const target = (): unknown => {
          switch (d.type) {
            case 'AMAZON_DYNAMODB':
              return d.tableName;
            case 'HTTP':
              return new URL(d.endpoint).hostname.replace(/\.invalid$/, '');
            case 'AMAZON_EVENTBRIDGE':
              return d.eventBusName;
            case 'NONE':
              return undefined;
          }
        };
        return [name, { type: d.type, target: target() }];
      }),
    );
    expect(deployed).toEqual(local);
  });

  it('waits for its HTTP data sources longer than API Gateway waits for a function, and less than a request may run', async () => {
    // AppSync's HTTP data source has no timeout to set (HttpConfig is an endpoint and its
    // authorization); the local one waits as system/timeouts.ts says.
    const integrationTimeouts = new Set(ofType('AWS::ApiGateway::Method').map((m) => integrationTimeoutOf(m)));
    expect(integrationTimeouts.size).toBe(1);
    const [integrationMs] = integrationTimeouts;
    const api = await localApi();
    const httpTimeouts = Object.values(api.dataSources).flatMap((d) => (d.type === 'HTTP' ? [d.timeoutMs] : []));
    expect(httpTimeouts.length).toBeGreaterThan(0);
    for (const timeoutMs of httpTimeouts) {
      expect(timeoutMs).toBeGreaterThan(integrationMs!);
      expect(timeoutMs).toBeLessThan(api.limits!.requestTimeoutMs!);
    }
  });
});

describe('the tables', () => {
  it('have the same keys, indexes with their keys, stream view type and time to live', async () => {
    const deployed = byKey(
      Object.entries(resources)
        .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
        .map(([id, r]) => [
          constructIds.get(id)!,
          {
            keySchema: r.Properties.KeySchema,
            indexes: ((r.Properties.GlobalSecondaryIndexes ?? []) as { IndexName: string; KeySchema: unknown }[]).map((i) => [
              i.IndexName,
              i.KeySchema,
            ]),
            stream: (r.Properties.StreamSpecification as { StreamViewType?: string } | undefined)?.StreamViewType,
            timeToLive: (r.Properties.TimeToLiveSpecification as { AttributeName?: string } | undefined)?.AttributeName,
          },
        ]),
    );
    const local = byKey(
      (await createdLocally()).map(({ table, timeToLive }) => [
        table.TableName!,
        {
          keySchema: table.KeySchema,
          indexes: (table.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i.KeySchema]),
          stream: table.StreamSpecification?.StreamViewType,
          timeToLive,
        },
      ]),
    );
    expect(deployed).toEqual(local);
  });
});

/** What createTables asks DynamoDB Local for, table by table. */
async function createdLocally(): Promise<{ table: CreateTableCommandInput; timeToLive?: string }[]> {
  const sent: unknown[] = [];
  const client = {
    send: (command: unknown) => {
      sent.push(command);
      return Promise.resolve({ Table: { TableStatus: 'ACTIVE' } });
    },
  } as unknown as DynamoDBClient;
  await createTables(client, TABLES);
  const created = sent.filter((c) => c instanceof CreateTableCommand).map((c) => c.input);
  const timeToLive = sent.filter((c) => c instanceof UpdateTimeToLiveCommand).map((c) => c.input);
  return created.map((table) => ({
    table,
    timeToLive: timeToLive.find((t) => t.TableName === table.TableName)?.TimeToLiveSpecification?.AttributeName,
  }));
}

describe('the backend services', () => {
  it("give each service's functions the same variables, the local endpoints and credentials aside", () => {
    // S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: the local S3's own key pair, beside S3_ENDPOINT.
    // The local endpoints and credentials, and the local mailbox in place of SES.
    const localOnly = (name: string) =>
      name.endsWith('_ENDPOINT') || name.startsWith('AWS_') || name.startsWith('S3_') || name.startsWith('SMTP_');
    for (const service of SYSTEM.services) {
      const prefix = `Service${service.name.replace(/-/g, '')}`;
      const deployed = Object.entries(resources)
        .filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(prefix))
        .map(([, fn]) => Object.keys((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).sort());
      expect(deployed.length, service.name).toBeGreaterThan(0);
      const local = Object.keys(functions.environmentOf(service.name))
        // Not what every local function inherits of this process (PATH, HOME …).
        .filter((name) => !localOnly(name) && !(name in process.env))
        .sort();
      for (const variables of deployed) expect(variables, service.name).toEqual(local);
    }
  });

  it('serve the same routes (method and path) on the same stage, service by service', () => {
    const pathOf = (resourceId: string): string => {
      const resource = resources[resourceId];
      if (resource?.Type !== 'AWS::ApiGateway::Resource') return ''; // the API's root
      return `${pathOf(referenced(resource.Properties.ParentId))}/${String(resource.Properties.PathPart)}`;
    };
    const deployed = byKey(
      Object.entries(resources)
        .filter(([, r]) => r.Type === 'AWS::ApiGateway::RestApi')
        .map(([apiId, api]) => [
          String(api.Properties.Name),
          {
            stages: ofType('AWS::ApiGateway::Stage')
              .filter((s) => referenced(s.Properties.RestApiId) === apiId)
              .map((s) => s.Properties.StageName),
            routes: ofType('AWS::ApiGateway::Method')
              .filter((m) => referenced(m.Properties.RestApiId) === apiId)
              .map((m) => `${String(m.Properties.HttpMethod)} ${pathOf(referenced(m.Properties.ResourceId)) || '/'}`)
              .sort(),
          },
        ]),
    );
    const local = byKey(
      recorded.restApis.map((api) => [
        api.name,
        { stages: [api.stage], routes: api.routes.map((r) => `${r.method} ${r.path}`).sort() },
      ]),
    );
    expect(deployed).toEqual(local);
  });

  it("give every route the same integration timeout, and every route's function the same timeout", () => {
    const functions = ofType('AWS::Lambda::Function').filter((fn) => fn.Properties.Runtime === HANDLER_RUNTIME.name);
    const deployed = {
      integrationMs: [...new Set(ofType('AWS::ApiGateway::Method').map((m) => integrationTimeoutOf(m)))],
      functionMs: [...new Set(functions.map((fn) => Number(fn.Properties.Timeout) * 1000))],
    };
    const routes = recorded.restApis.flatMap((api) => api.routes);
    const local = {
      integrationMs: [...new Set(routes.map((route) => route.timeoutMs))],
      functionMs: [...new Set(routes.map((route) => route.functionTimeoutMs))],
    };
    expect(deployed).toEqual(local);
  });

  it('feed the same handlers from the same table streams', () => {
    const functionOf = (id: string) => constructIds.get(id);
    const deployed = ofType('AWS::Lambda::EventSourceMapping')
      .map(
        (m) =>
          `${String(constructIds.get(referenced(m.Properties.EventSourceArn)))} → ${String(functionOf(referenced(m.Properties.FunctionName)))}`,
      )
      .sort();
    const local = recorded.streamPollers.flatMap((p) => p.mappings.map((m) => `${m.tableName} → ${m.functionName}`)).sort();
    expect(deployed).toEqual(local);
  });
});

describe('the event platform', () => {
  it('has the same rules on the same buses, with the same patterns or schedules and kinds of target', async () => {
    const [bus] = recorded.eventBuses;
    const deployedBus = ofType('AWS::Events::EventBus').map((b) => b.Properties.Name);
    expect(deployedBus).toEqual(bus?.busNames);
    const deployed = byKey(
      ofType('AWS::Events::Rule').map((rule) => [
        String(rule.Properties.Name).replace(`${SYSTEM.eventBusName}-`, ''),
        {
          // A rule without EventBusName is on the default bus (scheduled rules must be).
          eventBusName: rule.Properties.EventBusName
            ? resources[referenced(rule.Properties.EventBusName)]?.Properties.Name
            : 'default',
          eventPattern: withLocalBucketNames(rule.Properties.EventPattern),
          scheduleExpression: rule.Properties.ScheduleExpression,
          targets: (rule.Properties.Targets as { Arn: Reference }[]).map((t) =>
            t.Arn['Fn::GetAtt']?.[1] === 'GraphQLEndpointArn'
              ? 'APPSYNC'
              : `LAMBDA ${String(constructIds.get(referenced(t.Arn)))}`,
          ),
        },
      ]),
    );
    const local: [string, unknown][] = [];
    for (const rule of bus?.rules ?? []) {
      const targets = [];
      for (const target of rule.targets) {
        recorded.delivered.length = 0;
        await target.deliver({}, {} as never);
        targets.push(recorded.delivered.map((d) => (d === 'APPSYNC' ? d : `LAMBDA ${lambdaNameOf(d)}`)).join());
      }
      local.push([
        rule.name,
        {
          eventBusName: rule.eventBusName,
          eventPattern: rule.eventPattern,
          scheduleExpression: rule.scheduleExpression,
          targets,
        },
      ]);
    }
    expect(deployed).toEqual(byKey(local));
  });
});

/** The function name of a loaded handler (`module#export`), as both runtimes name it. */
function lambdaNameOf(loaded: string): string {
  const [module, exported] = loaded.split('#') as [string, string];
  return functionNameOf(module.split('/')[1]!, { module, export: exported });
}

describe('the IAM roles', () => {
  /** What is checked here: who may call whom (service routes, mutations, the bus). */
  const COMPARED = new Set(['execute-api:Invoke', 'appsync:GraphQL', 'events:PutEvents']);
  /** A template value (an ARN made of references) as the local stack spells it. */
  const resolved = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
    if (v['Fn::Join']) return v['Fn::Join'][1].map(resolved).join(v['Fn::Join'][0]);
    const pseudo: Record<string, string> = {
      'AWS::Partition': 'aws',
      'AWS::Region': LOCAL_REGION,
      'AWS::AccountId': LOCAL_ACCOUNT_ID,
    };
    if (v.Ref && pseudo[v.Ref]) return pseudo[v.Ref]!;
    const id = v.Ref ?? v['Fn::GetAtt']?.[0];
    const resource = id ? resources[id] : undefined;
    switch (resource?.Type) {
      case 'AWS::ApiGateway::RestApi':
        return defaultRestApiId(String(resource.Properties.Name));
      case 'AWS::Events::EventBus':
        return `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:event-bus/${String(resource.Properties.Name)}`;
      case 'AWS::AppSync::GraphQLApi':
        return v['Fn::GetAtt']?.[1] === 'ApiId'
          ? LOCAL_API_ID
          : `arn:aws:appsync:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:apis/${LOCAL_API_ID}`;
      default:
        throw new Error(`Cannot resolve ${JSON.stringify(value)}`);
    }
  };
  const line = (effect: string, action: string, resource: string, condition: unknown) =>
    `${effect} ${action} ${resource}${condition ? ` if ${JSON.stringify(condition)}` : ''}`;
  const lines = (list: string[]) => [...new Set(list)].sort();

  /** Each deployed role's compared statements, one line per action and resource, by role logical id. */
  const deployedByRole = () => {
    const byRole = new Map<string, string[]>();
    for (const policy of ofType('AWS::IAM::Policy')) {
      type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
      const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
      const found = statements.flatMap((st) =>
        [st.Action]
          .flat()
          .flatMap((action) =>
            COMPARED.has(action) ? [st.Resource].flat().map((r) => line(st.Effect, action, resolved(r), st.Condition)) : [],
          ),
      );
      for (const role of policy.Properties.Roles as Reference[]) {
        byRole.set(referenced(role), [...(byRole.get(referenced(role)) ?? []), ...found]);
      }
    }
    return byRole;
  };
  const localLines = (name: string): string[] => {
    const statements = localRoles.get(name);
    if (!statements) throw new Error(`No local role ${name}`);
    return lines(
      statements
        .filter((st) => COMPARED.has(st.action))
        .map((st) => line(st.effect ?? 'Allow', st.action, st.resource, st.condition)),
    );
  };

  it("give each service's functions the same calls: each route of the services it calls, the bus with its own source", () => {
    const byRole = deployedByRole();
    for (const service of SYSTEM.services) {
      const prefix = `Service${service.name.replace(/-/g, '')}`;
      const functionRoles = ofType('AWS::Lambda::Function')
        .filter((fn) => referenced(fn.Properties.Role).startsWith(prefix))
        .map((fn) => referenced(fn.Properties.Role));
      expect(functionRoles.length, service.name).toBeGreaterThan(0);
      for (const role of functionRoles)
        expect(lines(byRole.get(role) ?? []), role).toEqual(localLines(`${service.name}-functions`));
    }
  });

  it("give the API's HTTP data sources, together, the routes they name and nothing of the bus", () => {
    const byRole = deployedByRole();
    const dataSourceRoles = ofType('AWS::AppSync::DataSource')
      .filter((d) => d.Properties.Type === 'HTTP')
      .map((d) => referenced(d.Properties.ServiceRoleArn));
    expect(lines(dataSourceRoles.flatMap((role) => byRole.get(role) ?? []))).toEqual(localLines('appsync-api'));
  });

  it("give each AppSync target's role its mutation's fields only", () => {
    const byRole = deployedByRole();
    const targets = SYSTEM.eventRules.flatMap((rule) => rule.targets.filter((t) => t.type === 'APPSYNC'));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const role = [...constructIds].find(
        ([id, name]) => name === `${target.id}Role` && resources[id]?.Type === 'AWS::IAM::Role',
      );
      expect(role, target.id).toBeDefined();
      expect(lines(byRole.get(role![0]) ?? []), target.id).toEqual(localLines(`${target.id}-role`));
    }
  });
});
