// The synthesized template, held against the declaration (system/).
import type { CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../system/artifacts.ts';
import { SYSTEM } from '../../../system/index.ts';
import { deployedHandlers } from '../../../bench/artifacts.ts';
import { synthesizeStack, TEST_PAYMENT_PROVIDERS, type TemplateResource as Resource } from './synthesizeStack.ts';
import { FUNCTION_TIMEOUT_SECONDS, HANDLER_BUNDLING, HandlerFunction } from '../../../infra/constructs/handlerFunction.ts';
import type { CommerceStack } from '../../../infra/stacks/commerceStack.ts';
import { functionNameOf } from '../../../system/handlers.ts';
import { rulePattern } from '../../../system/events.ts';
import { serviceOfModule } from '../../../system/serviceResources.ts';
import { STAGE_THROTTLING } from '../../../infra/constructs/backendService.ts';
import { MAX_WAIT_MS } from '../../../backend-services/orders/domain/retryWait.ts';

let stack: CommerceStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  ({ stack, template, resources } = synthesizeStack());
}, 60_000);

const ofType = (type: string): Resource[] => Object.values(resources).filter((r) => r.Type === type);
const idOf = (resource: Resource): string => Object.entries(resources).find(([, r]) => r === resource)![0];
/** The functions of a service, by logical id (the service's constructs are under Service-<name>). */
const functionsOf = (service: string): [string, Resource][] =>
  Object.entries(resources).filter(
    ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(`Service${service.replace(/-/g, '')}`),
  );
const environmentOf = (fn: Resource): Record<string, unknown> =>
  (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

const restApiNameOf = (reference: unknown): string => String(resources[(reference as { Ref: string }).Ref]!.Properties.Name);

/** Every REST API method, as "<service> METHOD /path", and its AuthorizationType. */
function restMethods(): { route: string; authorization: unknown }[] {
  const pathOf = (reference: unknown): string => {
    const resource = resources[(reference as { Ref?: string }).Ref ?? ''];
    if (resource?.Type !== 'AWS::ApiGateway::Resource') return ''; // the API's root
    return `${pathOf(resource.Properties.ParentId)}/${String(resource.Properties.PathPart)}`;
  };
  return ofType('AWS::ApiGateway::Method').map((method) => ({
    route: `${restApiNameOf(method.Properties.RestApiId)} ${String(method.Properties.HttpMethod)} ${pathOf(method.Properties.ResourceId) || '/'}`,
    authorization: method.Properties.AuthorizationType,
  }));
}

/**
 * The variables a service's config.ts reads: required (every reader but optionalEnv: requireEnv,
 * baseUrl, positiveInteger …) and optional; AWS_REGION, which Lambda sets, left out.
 */
function variablesReadBy(service: string): { required: string[]; optional: string[] } {
  const config = readFileSync(join(REPO_ROOT, 'backend-services', service, 'config.ts'), 'utf8');
  const reads = [...config.matchAll(/\b(\w+)\('([A-Z][A-Z0-9_]*)'\)/g)].filter((m) => m[2] !== 'AWS_REGION');
  return {
    required: reads.filter((m) => m[1] !== 'optionalEnv').map((m) => m[2]!),
    optional: reads.filter((m) => m[1] === 'optionalEnv').map((m) => m[2]!),
  };
}

describe('the AppSync API', () => {
  it('has an APPSYNC_JS resolver for every field system/api.ts declares', () => {
    const deployed = ofType('AWS::AppSync::Resolver').map(
      (r) => `${String(r.Properties.TypeName)}.${String(r.Properties.FieldName)}`,
    );
    expect(deployed.sort()).toEqual(SYSTEM.resolvers.map((r) => `${r.typeName}.${r.fieldName}`).sort());
    for (const resolver of ofType('AWS::AppSync::Resolver'))
      expect(resolver.Properties.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
  });

  it('has every pipeline function, running APPSYNC_JS', () => {
    const deployed = ofType('AWS::AppSync::FunctionConfiguration');
    expect(deployed.map((f) => f.Properties.Name).sort()).toEqual(SYSTEM.functions.map((f) => f.name).sort());
    for (const fn of deployed) expect(fn.Properties.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
  });

  it('has every declared data source', () => {
    const deployed = ofType('AWS::AppSync::DataSource').map((d) => [d.Properties.Name, d.Properties.Type]);
    expect(deployed.sort()).toEqual(
      Object.entries(SYSTEM.dataSources)
        .map(([name, d]) => [name, d.type])
        .sort(),
    );
  });

  // The gateway issue's "Done when", both halves.
  it('signs HTTP data sources with IAM for the products, orders, delivery-pricing, payment and invoices services, whose only unauthenticated method is the callback', () => {
    const http = ofType('AWS::AppSync::DataSource').filter((d) => d.Properties.Type === 'HTTP');
    expect(http.map((d) => d.Properties.Name).sort()).toEqual([
      'deliveryPricingApi',
      'invoicesApi',
      'ordersApi',
      'paymentApi',
      'productsApi',
    ]);
    for (const source of http) {
      expect(source.Properties.HttpConfig).toMatchObject({
        AuthorizationConfig: { AuthorizationType: 'AWS_IAM', AwsIamConfig: { SigningServiceName: 'execute-api' } },
      });
      expect(source.Properties.ServiceRoleArn).toBeDefined();
    }
    const methods = restMethods();
    expect(methods.filter((m) => m.authorization !== 'AWS_IAM')).toEqual([
      { route: 'payment POST /payments/callback', authorization: 'NONE' },
    ]);
    expect(methods.filter((m) => m.authorization === 'AWS_IAM')).toHaveLength(methods.length - 1);
  });

  it('lets each HTTP data source invoke only the routes its declaration names', () => {
    const roleIdOf = (arn: unknown) => (arn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    for (const source of ofType('AWS::AppSync::DataSource').filter((d) => d.Properties.Type === 'HTTP')) {
      const declaration = SYSTEM.dataSources[source.Properties.Name as string] as { routes: readonly string[] };
      const role = roleIdOf(source.Properties.ServiceRoleArn);
      const statements = ofType('AWS::IAM::Policy')
        .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role))
        .flatMap(
          (policy) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
        )
        .filter((statement) => statement.Action === 'execute-api:Invoke');
      const invoked = statements
        .flatMap((statement) => [statement.Resource].flat())
        .map((arn) => {
          const parts = (arn as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
          const [, method, ...path] = String(parts[parts.length - 1])
            .split('/')
            .slice(1);
          return `${method} /${path.join('/')}`;
        });
      // A {param} segment is granted as any value.
      const declared = declaration.routes.map((route) => route.replace(/\{[^}]+\}/g, '*'));
      expect(invoked.sort(), String(source.Properties.Name)).toEqual(declared.sort());
    }
  });

  it('authenticates with Cognito by default, and API keys and IAM besides, logs fields and traces', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'API_KEY' }, { AuthenticationType: 'AWS_IAM' }],
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR' }),
      XrayEnabled: true,
      // system/api.ts's API_LIMITS, the ones the local runtime applies.
      QueryDepthLimit: SYSTEM.apiLimits.queryDepthLimit,
      ResolverCountLimit: SYSTEM.apiLimits.resolverCountLimit,
      IntrospectionConfig: SYSTEM.apiLimits.introspection ? 'ENABLED' : 'DISABLED',
      EnvironmentVariables: Match.objectLike({
        PRODUCTS_TABLE: Match.anyValue(),
        ORDERS_TABLE: Match.anyValue(),
        CARTS_TABLE: Match.anyValue(),
      }),
    });
  });
});

describe('the tables', () => {
  it('are every declared table, on demand with point-in-time recovery, their indexes, streams and TTL', () => {
    const tables = ofType('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(SYSTEM.tables.length);
    for (const declaration of SYSTEM.tables) {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: declaration.partitionKey.name, KeyType: 'HASH' },
          ...(declaration.sortKey ? [{ AttributeName: declaration.sortKey.name, KeyType: 'RANGE' }] : []),
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        ...(declaration.stream ? { StreamSpecification: { StreamViewType: declaration.stream } } : {}),
        ...(declaration.timeToLiveAttribute
          ? { TimeToLiveSpecification: { AttributeName: declaration.timeToLiveAttribute, Enabled: true } }
          : {}),
        ...(declaration.globalSecondaryIndexes
          ? {
              GlobalSecondaryIndexes: declaration.globalSecondaryIndexes.map((index) =>
                Match.objectLike({ IndexName: index.name }),
              ),
            }
          : {}),
      });
    }
  });
});

describe('the user pool', () => {
  it('signs in by email, has the back office groups and a client with SRP and USER_PASSWORD_AUTH', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { UsernameAttributes: ['email'] });
    expect(
      ofType('AWS::Cognito::UserPoolGroup')
        .map((g) => g.Properties.GroupName)
        .sort(),
    ).toEqual(['admin', 'delivery', 'warehouse']);
    const [client] = ofType('AWS::Cognito::UserPoolClient');
    expect(client?.Properties).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH']),
    });
  });
});

const servicesWithRoutes = SYSTEM.services.filter((service) => service.routes.length > 0);

describe('the backend services', () => {
  it('have a REST API per service with routes, every declared route authorized as declared (IAM unless said otherwise)', () => {
    expect(
      ofType('AWS::ApiGateway::RestApi')
        .map((api) => api.Properties.Name)
        .sort(),
    ).toEqual(servicesWithRoutes.map((s) => s.name).sort());
    // A service that only reacts to events has none (an API without methods cannot be deployed).
    expect(SYSTEM.services.filter((s) => s.routes.length === 0).map((s) => s.name)).toEqual(['notifications']);
    const declared = SYSTEM.services.flatMap((service) =>
      service.routes.map((route) => ({
        route: `${service.name} ${route.method} ${route.path}`,
        authorization: route.authorization === 'NONE' ? 'NONE' : 'AWS_IAM',
      })),
    );
    const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
    expect(restMethods().sort(byRoute)).toEqual(declared.sort(byRoute));
  });

  it('throttle every stage, and each method as its route declares', () => {
    const stages = ofType('AWS::ApiGateway::Stage');
    expect(stages).toHaveLength(servicesWithRoutes.length);
    for (const stage of stages) {
      const service = restApiNameOf(stage.Properties.RestApiId);
      const throttled = SYSTEM.services.find((s) => s.name === service)!.routes.filter((route) => route.throttling);
      expect(stage.Properties.MethodSettings, service).toEqual([
        expect.objectContaining({
          ResourcePath: '/*',
          HttpMethod: '*',
          ThrottlingRateLimit: STAGE_THROTTLING.rateLimit,
          ThrottlingBurstLimit: STAGE_THROTTLING.burstLimit,
        }),
        ...throttled.map((route) =>
          expect.objectContaining({
            ResourcePath: `/${route.path.replace(/\//g, '~1')}`,
            HttpMethod: route.method,
            ThrottlingRateLimit: route.throttling!.rateLimit,
            ThrottlingBurstLimit: route.throttling!.burstLimit,
            MetricsEnabled: true,
            LoggingLevel: 'ERROR',
          }),
        ),
      ]);
    }
    const payment = stages.find((stage) => restApiNameOf(stage.Properties.RestApiId) === 'payment')!;
    expect(payment.Properties.MethodSettings).toContainEqual(
      expect.objectContaining({
        ResourcePath: '/~1payments~1callback',
        HttpMethod: 'POST',
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      }),
    );
  });

  it('have a Node.js 24 function per declared handler, named as the local stack names it', () => {
    // Routes and table events in their service; rule and schedule targets in the service owning the module.
    const declared = new Set(
      SYSTEM.services.flatMap((service) =>
        [...service.routes, ...(service.tableEvents ?? [])].map((h) => functionNameOf(service.name, h.handler)),
      ),
    );
    for (const target of [...SYSTEM.eventRules, ...SYSTEM.schedules].flatMap((rule) => rule.targets))
      if (target.type === 'HANDLER') declared.add(functionNameOf(serviceOfModule(target.handler.module), target.handler));
    const deployed = stack.node
      .findAll()
      .filter((c) => c instanceof HandlerFunction)
      .map((fn) => fn.node.id);
    expect(deployed.sort()).toEqual([...declared].sort());
    // The benchmark measures the bundle of each (bench/artifacts.ts), scheduled targets included.
    expect(
      deployedHandlers(SYSTEM)
        .map((h) => h.functionName)
        .sort(),
    ).toEqual(deployed.sort());
    const functions = ofType('AWS::Lambda::Function').filter((fn) => fn.Properties.Runtime === 'nodejs24.x');
    expect(functions).toHaveLength(deployed.length);
    for (const fn of functions) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
  });

  it("give every function more time than checkout's wait for a concurrent retry, within API Gateway's limit", () => {
    const functions = ofType('AWS::Lambda::Function').filter((fn) => fn.Properties.Runtime === 'nodejs24.x');
    for (const fn of functions) expect(fn.Properties.Timeout).toBe(FUNCTION_TIMEOUT_SECONDS);
    expect(FUNCTION_TIMEOUT_SECONDS * 1000).toBeGreaterThan(MAX_WAIT_MS + 5_000);
    expect(FUNCTION_TIMEOUT_SECONDS).toBeLessThanOrEqual(29);
  });

  it('set on each function every variable its service config.ts requires, and only variables it reads', () => {
    for (const service of SYSTEM.services) {
      const { required, optional } = variablesReadBy(service.name);
      expect(required.length).toBeGreaterThan(0);
      const ofService = functionsOf(service.name);
      expect(ofService.length, service.name).toBeGreaterThan(0);
      for (const [id, fn] of ofService) {
        const variables = Object.keys(environmentOf(fn));
        expect(variables, id).toEqual(expect.arrayContaining(required));
        // Lambda sets AWS_REGION; the *_ENDPOINT variables point at the local stack only.
        const unread = variables.filter((name) => !required.includes(name) && !optional.includes(name));
        expect(unread, id).toEqual([]);
        expect(
          variables.filter((name) => name.endsWith('_ENDPOINT')),
          id,
        ).toEqual([]);
      }
    }
  });

  it('start every function without --enable-source-maps (no NODE_OPTIONS), the map shipped beside the bundle all the same', () => {
    const functions = ofType('AWS::Lambda::Function').filter((fn) => fn.Properties.Runtime === 'nodejs24.x');
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const variables = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      expect(variables).not.toHaveProperty('NODE_OPTIONS');
    }
    expect(HANDLER_BUNDLING.sourceMap).toBe(true);
  });

  it('feed table-events handlers from streams with bisect-on-error, retries and an SQS dead-letter queue', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(SYSTEM.services.flatMap((s) => s.tableEvents ?? []).length);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: expect.any(Number),
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
    }
  });
});

describe("the payment service's providers", () => {
  const payment = () => functionsOf('payment');
  /** Every statement of the policies attached to the role of `fn`. */
  const statementsOf = (fn: Resource) => {
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role))
      .flatMap(
        (policy) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
      );
  };
  const secretReaders = (statements: { Action: unknown; Resource: unknown }[]) =>
    statements.filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'));

  it('give no function a key: no variable named for a key or secret but the secret id, and no secret value', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function').map((f) => [idOf(f), f] as const)) {
      const environment = environmentOf(fn);
      const named = Object.keys(environment).filter((name) => /KEY|SECRET/.test(name) && name !== 'PAYMENT_SECRET_ID');
      expect(named, id).toEqual([]);
      expect(JSON.stringify(environment), id).not.toMatch(/resolve:secretsmanager|sk_test/);
    }
  });

  it('name the payment secret by its ARN, which only the payment functions may read', () => {
    const secretArn = `:secret:${TEST_PAYMENT_PROVIDERS.secretName}`;
    for (const [id, fn] of payment()) {
      expect(JSON.stringify(environmentOf(fn).PAYMENT_SECRET_ID), id).toMatch(new RegExp(`secretsmanager.*${secretArn}"`));
      const readers = secretReaders(statementsOf(fn));
      expect(readers.flatMap((statement) => [statement.Resource].flat()).map((arn) => JSON.stringify(arn))).toEqual([
        expect.stringMatching(new RegExp(`${secretArn}-\\?{6}"`)),
      ]);
    }
    const others = ofType('AWS::Lambda::Function').filter((fn) => !payment().some(([, f]) => f === fn));
    for (const fn of others) expect(secretReaders(statementsOf(fn)), idOf(fn)).toEqual([]);
  });

  it("give the gateway its settings and the callback's public URL, built from the RestApi id and the stage name", () => {
    const [apiId] = Object.entries(resources).find(
      ([, r]) => r.Type === 'AWS::ApiGateway::RestApi' && r.Properties.Name === 'payment',
    )!;
    const stage = SYSTEM.services.find((s) => s.name === 'payment')!.stage;
    for (const [id, fn] of payment()) {
      expect(environmentOf(fn), id).toMatchObject({
        PAYMENT_PROVIDER_URL: TEST_PAYMENT_PROVIDERS.providerUrl,
        GATEWAY_URL: TEST_PAYMENT_PROVIDERS.gateway.url,
        GATEWAY_APP_ID: '2553',
        GATEWAY_PAYMENT_TTL_SECONDS: '900',
        GATEWAY_SWEEP_GRACE_SECONDS: '120',
        GATEWAY_CALLBACK_URL: {
          'Fn::Join': [
            '',
            [
              'https://',
              { Ref: apiId },
              '.execute-api.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
              `/${stage}/payments/callback`,
            ],
          ],
        },
      });
      // Not configured here: the gateway's own page is where the shopper returns.
      expect(environmentOf(fn), id).not.toHaveProperty('GATEWAY_REDIRECT_URL');
    }
  });
});

describe('the event platform', () => {
  it('has the declared rules on the declared bus, with their patterns', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: SYSTEM.eventBusName });
    const [busId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Events::EventBus')!;
    const rules = ofType('AWS::Events::Rule').filter((r) => r.Properties.EventPattern);
    const [bucketId] = Object.entries(resources).find(
      ([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith('Bucketsinvoices'),
    )!;
    expect(rules.map((r) => [r.Properties.EventBusName, r.Properties.EventPattern])).toEqual(
      SYSTEM.eventRules.map((r) => [
        // AWS services' events (S3's) are on the account's default bus: a rule there has no EventBusName.
        r.bus === 'default' ? undefined : { Ref: busId },
        rulePattern(r, () => ({ Ref: bucketId }) as unknown as string),
      ]),
    );
  });

  it("sends the events a rule's handler fails on, after Lambda's retries, to the dead-letter queue", () => {
    const [dlqId] = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::SQS::Queue' && id.startsWith('Events'))!;
    const handlers = new Set(
      SYSTEM.eventRules
        .flatMap((rule) => rule.targets)
        .flatMap((t) => (t.type === 'HANDLER' ? [functionNameOf(serviceOfModule(t.handler.module), t.handler)] : [])),
    );
    const nameOf = new Map(
      stack.node
        .findAll()
        .filter((c) => c instanceof HandlerFunction)
        .map((fn) => [stack.getLogicalId(fn.node.defaultChild as CfnElement), fn.node.id]),
    );
    expect(handlers.size).toBeGreaterThan(0);
    const configs = ofType('AWS::Lambda::EventInvokeConfig');
    expect(configs.map((c) => nameOf.get((c.Properties.FunctionName as { Ref: string }).Ref)).sort()).toEqual(
      [...handlers].sort(),
    );
    for (const config of configs) {
      expect(config.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } });
    }
  });

  it('runs the declared schedules on the default bus, with a short retry and the dead-letter queue', () => {
    const scheduled = ofType('AWS::Events::Rule').filter((r) => r.Properties.ScheduleExpression);
    expect(scheduled.map((r) => r.Properties.ScheduleExpression)).toEqual(SYSTEM.schedules.map((s) => s.scheduleExpression));
    for (const rule of scheduled) {
      // No EventBusName: the default bus, the only one that runs schedules.
      expect(rule.Properties.EventBusName).toBeUndefined();
      expect(rule.Properties.EventPattern).toBeUndefined();
    }
    const sweep = scheduled.find((r) => r.Properties.Name === `${SYSTEM.eventBusName}-sweep-gateway-payments`)!;
    expect(sweep.Properties).toMatchObject({ ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
    const [dlqId] = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::SQS::Queue' && id.startsWith('Events'))!;
    const [target, ...others] = sweep.Properties.Targets as { Arn: { 'Fn::GetAtt': [string, string] } }[];
    expect(others).toEqual([]);
    expect(target).toMatchObject({
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
    });
    const sweepFunction = stack.node
      .findAll()
      .find((c) => c instanceof HandlerFunction && c.node.id === 'payment-sweepGatewayPayments') as HandlerFunction;
    expect(sweepFunction.node.scope?.node.id).toBe('Service-payment');
    expect(target!.Arn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(sweepFunction.node.defaultChild as CfnElement), 'Arn'] });
    // EventBridge may invoke it, from this rule only.
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: target!.Arn,
      SourceArn: { 'Fn::GetAtt': [Object.entries(resources).find(([, r]) => r === sweep)![0], 'Arn'] },
    });
  });

  it('targets AppSync with IAM for the order-status rule, with its input, retries and dead-letter queue', () => {
    const rule = ofType('AWS::Events::Rule').find((r) => String(r.Properties.Name).endsWith('publish-order-status'));
    const declared = SYSTEM.eventRules.find((r) => r.name === 'publish-order-status')!.targets[0]!;
    expect(declared.type).toBe('APPSYNC');
    expect(rule?.Properties.Targets).toEqual([
      expect.objectContaining({
        AppSyncParameters: { GraphQLOperation: declared.type === 'APPSYNC' ? declared.document : '' },
        RoleArn: expect.anything(),
        InputTransformer: declared.inputTransformer
          ? { InputPathsMap: declared.inputTransformer.inputPathsMap, InputTemplate: declared.inputTransformer.inputTemplate }
          : undefined,
        RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: expect.any(Number) }),
        DeadLetterConfig: { Arn: expect.anything() },
      }),
    ]);
  });
});
