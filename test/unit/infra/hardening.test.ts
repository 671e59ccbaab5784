// The deployed stack, safe to run in production (issue 19): the guests' API key outlives a week,
// no service can put another's events, no secret is in the template, the API sits behind a web
// ACL, its logs keep what shoppers send out, and data and users cannot be deleted by accident.
// Two syntheses: the tests' defaults (a development stage, data removed with the stack) and one
// with every switch turned the other way (the production stage, data retained, threat protection
// enforced, every field logged, the API key's second generation).
import { randomUUID } from 'node:crypto';
import { RemovalPolicy } from 'aws-cdk-lib';
import { FieldLogLevel } from 'aws-cdk-lib/aws-appsync';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ORDER_LINES } from '../../../backend-services/orders/domain/checkoutRequest.ts';
import { WEB_ACL_LIMITS } from '../../../infra/constructs/apiFirewall.ts';
import { eventSourceOf } from '../../../system/events.ts';
import { SYSTEM } from '../../../system/index.ts';
import { ORDER_SELECTION } from '../../support/orders.ts';
import { synthesizeStack, type TemplateResource } from './synthesizeStack.ts';

type Resources = Record<string, TemplateResource>;

let development: Resources;
let production: Resources;

beforeAll(() => {
  ({ resources: development } = synthesizeStack());
  ({ resources: production } = synthesizeStack({
    stage: 'production',
    removalPolicy: RemovalPolicy.RETAIN,
    threatProtection: 'enforced',
    fieldLogLevel: FieldLogLevel.ALL,
    apiKeyGeneration: 2,
  }));
}, 120_000);

const ofType = (resources: Resources, type: string): [string, TemplateResource][] =>
  Object.entries(resources).filter(([, r]) => r.Type === type);

const DAY_SECONDS = 24 * 60 * 60;

describe("the guests' API key", () => {
  it("expires as late as AppSync allows (365 days), counted from this deploy, not after CDK's default week", () => {
    const [[, key]] = ofType(development, 'AWS::AppSync::ApiKey') as [[string, TemplateResource]];
    const expires = key.Properties.Expires as number;
    const now = Date.now() / 1000;
    expect(expires).toBeGreaterThan(now + 364 * DAY_SECONDS);
    expect(expires).toBeLessThanOrEqual(now + 365 * DAY_SECONDS);
  });

  it("keeps the first generation under CDK's logical id, and replaces the key when the generation is raised", () => {
    const keyIds = (resources: Resources) => ofType(resources, 'AWS::AppSync::ApiKey').map(([id]) => id);
    expect(keyIds(development)).toEqual([expect.stringMatching(/^GraphQLApiDefaultApiKey[0-9A-F]{8}$/)]);
    expect(keyIds(production)).toEqual([expect.stringMatching(/^GraphQLApiGeneration2ApiKey[0-9A-F]{8}$/)]);
    const [[, key]] = ofType(production, 'AWS::AppSync::ApiKey') as [[string, TemplateResource]];
    expect(key.Properties.Description).toBe("Guests' catalog key, generation 2");
  });
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of the IAM policies attached to roles, with the roles' logical ids. */
const roleStatements = (resources: Resources): { roles: string[]; statement: Statement }[] =>
  ofType(resources, 'AWS::IAM::Policy').flatMap(([, policy]) =>
    (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.map((statement) => ({
      roles: (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref),
      statement,
    })),
  );

describe('the event bus', () => {
  it('lets each service put only events of its own source: every events:PutEvents statement names it', () => {
    const putters = roleStatements(development).filter(({ statement }) =>
      [statement.Action].flat().some((action) => action === 'events:PutEvents' || action === 'events:*'),
    );
    const services = new Set<string>();
    for (const { roles, statement } of putters) {
      for (const role of roles) {
        // A service's constructs are under Service-<name>: its roles' ids start Service<name without '-'>.
        const service = SYSTEM.services.find((s) => role.startsWith(`Service${s.name.replace(/-/g, '')}`));
        expect(service, role).toBeDefined();
        services.add(service!.name);
        expect(statement, role).toMatchObject({
          Effect: 'Allow',
          Action: 'events:PutEvents',
          Condition: { StringEquals: { 'events:source': eventSourceOf(service!.name) } },
        });
      }
    }
    const declared = SYSTEM.services.filter((s) => SYSTEM.serviceResources[s.name]?.eventBus).map((s) => s.name);
    expect([...services].sort()).toEqual(declared.sort());
  });

  it('delivers to each target only events of the sources its rule names', () => {
    const rules = ofType(development, 'AWS::Events::Rule').filter(([, rule]) => rule.Properties.EventPattern);
    expect(rules).toHaveLength(SYSTEM.eventRules.length);
    for (const [id, rule] of rules) {
      const { source } = rule.Properties.EventPattern as { source?: unknown };
      expect(source, id).toEqual([expect.stringMatching(/^(ecommerce\.[a-z-]+|aws\.s3)$/)]);
    }
  });
});

describe('the secrets', () => {
  /** Names a variable holding a secret would have. */
  const SECRET_NAME = /SECRET|KEY|TOKEN|PASSWORD|CREDENTIAL/;
  /** What a secret's value looks like: a card provider's key, an AWS access key id, a PEM key. */
  const SECRET_VALUE = /sk_(live|test)_|AKIA[0-9A-Z]{16}|-----BEGIN/;
  /** Every environment in the template: each function's, and the GraphQL API's. */
  const environments = (resources: Resources): [string, Record<string, unknown>][] => [
    ...ofType(resources, 'AWS::Lambda::Function').map(
      ([id, fn]) =>
        [id, (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}] as [
          string,
          Record<string, unknown>,
        ],
    ),
    ...ofType(resources, 'AWS::AppSync::GraphQLApi').map(
      ([id, api]) =>
        [id, (api.Properties.EnvironmentVariables as Record<string, unknown> | undefined) ?? {}] as [
          string,
          Record<string, unknown>,
        ],
    ),
  ];

  it('are nowhere in the template: no dynamic reference resolves a secret or a secure parameter at deploy', () => {
    // SecretValue.unsafeUnwrap() and secretValueFromJson() render as {{resolve:secretsmanager:…}}.
    for (const resources of [development, production])
      expect(JSON.stringify(resources)).not.toMatch(/\{\{resolve:(secretsmanager|ssm-secure):/);
  });

  it('are in no environment: a variable named for a secret holds a Secrets Manager ARN, and no value looks like a key', () => {
    const named: string[] = [];
    for (const [id, variables] of environments(development)) {
      for (const [name, value] of Object.entries(variables)) {
        expect(JSON.stringify(value), `${id} ${name}`).not.toMatch(SECRET_VALUE);
        expect(JSON.stringify(value), `${id} ${name}`).not.toMatch(/\{\{resolve:/);
        if (!SECRET_NAME.test(name)) continue;
        named.push(name);
        // An ARN the template builds (arn:…:secretsmanager:<region>:<account>:secret:<name>), never a literal.
        expect(typeof value, `${id} ${name}`).toBe('object');
        expect(JSON.stringify(value), `${id} ${name}`).toMatch(/:secretsmanager:.*:secret:/);
      }
    }
    // The payment functions name their secret; nothing else is named like one.
    expect([...new Set(named)]).toEqual(['PAYMENT_SECRET_ID']);
  });
});

describe("the API's field-level log", () => {
  const logConfigOf = (resources: Resources) =>
    ofType(resources, 'AWS::AppSync::GraphQLApi')[0]![1].Properties.LogConfig as Record<string, unknown>;

  it('logs errors only by default, without the verbose content that carries what callers send', () => {
    expect(logConfigOf(development)).toMatchObject({ FieldLogLevel: 'ERROR', ExcludeVerboseContent: true });
  });

  it('leaves out the verbose content at ALL too: tracing every field never logs payment tokens, addresses or phone numbers', () => {
    expect(logConfigOf(production)).toMatchObject({ FieldLogLevel: 'ALL', ExcludeVerboseContent: true });
  });
});

describe('introspection', () => {
  const introspectionOf = (resources: Resources) =>
    ofType(resources, 'AWS::AppSync::GraphQLApi')[0]![1].Properties.IntrospectionConfig;

  it('is on for development stages, as API_LIMITS has it for the explorer and code generators', () => {
    expect(SYSTEM.apiLimits.introspection).toBe(true);
    expect(introspectionOf(development)).toBe('ENABLED');
  });

  it('is off in production, where it would show any guest the whole schema', () => {
    expect(introspectionOf(production)).toBe('DISABLED');
  });
});

describe('the web ACL', () => {
  const webAcl = () => {
    const [[id, acl]] = ofType(development, 'AWS::WAFv2::WebACL') as [[string, TemplateResource]];
    return { id, properties: acl.Properties as { Rules: Record<string, unknown>[] } & Record<string, unknown> };
  };
  const ruleNamed = (name: string) => webAcl().properties.Rules.find((rule) => rule.Name === name);

  it('guards the GraphQL API: a regional web ACL, associated with the API, letting through what no rule blocks', () => {
    const { id, properties } = webAcl();
    expect(properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    const [[apiId]] = ofType(development, 'AWS::AppSync::GraphQLApi') as [[string, TemplateResource]];
    expect(ofType(development, 'AWS::WAFv2::WebACLAssociation').map(([, a]) => a.Properties)).toEqual([
      { ResourceArn: { 'Fn::GetAtt': [apiId, 'Arn'] }, WebACLArn: { 'Fn::GetAtt': [id, 'Arn'] } },
    ]);
  });

  it('runs the rate limit, the body size limit, then the managed rule groups, each with its own metric', () => {
    const { Rules } = webAcl().properties;
    expect(Rules.map((rule) => [rule.Priority, rule.Name])).toEqual([
      [0, 'RateLimitPerIp'],
      [1, 'BodySizeLimit'],
      [2, 'AWSManagedRulesKnownBadInputsRuleSet'],
      [3, 'AWSManagedRulesCommonRuleSet'],
    ]);
    for (const rule of Rules)
      expect(rule.VisibilityConfig).toEqual({
        CloudWatchMetricsEnabled: true,
        MetricName: `commerce-test-api-${String(rule.Name)}`,
        SampledRequestsEnabled: true,
      });
  });

  it(`blocks an IP address past ${WEB_ACL_LIMITS.requestsPerIpPerWindow} requests in five minutes, counting only requests not signed with SigV4 (the bus's pushes are)`, () => {
    expect(ruleNamed('RateLimitPerIp')).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          AggregateKeyType: 'IP',
          Limit: 3000,
          EvaluationWindowSec: 300,
          ScopeDownStatement: {
            NotStatement: {
              Statement: {
                ByteMatchStatement: {
                  FieldToMatch: { SingleHeader: { Name: 'authorization' } },
                  PositionalConstraint: 'STARTS_WITH',
                  SearchString: 'AWS4-HMAC-SHA256',
                },
              },
            },
          },
        },
      },
    });
  });

  it('blocks a body larger than the 8 KB WAF can read of an AppSync request, so that nothing reaches the API uninspected', () => {
    expect(ruleNamed('BodySizeLimit')).toMatchObject({
      Action: { Block: {} },
      Statement: {
        SizeConstraintStatement: {
          FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
          ComparisonOperator: 'GT',
          Size: 8192,
        },
      },
    });
  });

  it('lets the largest request a client sends through: an order of the most lines a checkout takes', () => {
    const query = `mutation ($order: CreateOrderRequest!, $key: String) { createOrder(order: $order, idempotencyKey: $key) { success message errors { code message productId } order { ${ORDER_SELECTION} } } }`;
    const order = {
      products: Array.from({ length: MAX_ORDER_LINES }, () => ({ productId: randomUUID(), quantity: 999 })),
      address: {
        name: 'Ada Lovelace',
        companyName: 'Analytical Engines Ltd',
        streetAddress: '12 rue de la Paix, Bâtiment B, 3e étage',
        postCode: '75002',
        city: 'Paris',
        state: 'Île-de-France',
        country: 'fr',
        phoneNumber: '+33123456789',
      },
      deliveryPrice: 1000,
      paymentMethod: 'CARD',
      paymentToken: `tok_${'x'.repeat(60)}`,
    };
    const bytes = Buffer.byteLength(JSON.stringify({ query, variables: { order, key: randomUUID() } }));
    expect(bytes).toBeLessThan(WEB_ACL_LIMITS.maxBodyBytes * 0.6);
  });

  it("runs AWS's known-bad-inputs and core rule sets, the core set's missing User-Agent rule only counting", () => {
    expect(ruleNamed('AWSManagedRulesKnownBadInputsRuleSet')).toMatchObject({
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
    });
    expect(ruleNamed('AWSManagedRulesCommonRuleSet')).toMatchObject({
      OverrideAction: { None: {} },
      Statement: {
        ManagedRuleGroupStatement: {
          VendorName: 'AWS',
          Name: 'AWSManagedRulesCommonRuleSet',
          RuleActionOverrides: [{ Name: 'NoUserAgent_HEADER', ActionToUse: { Count: {} } }],
        },
      },
    });
  });
});

describe('the data and the users', () => {
  it('cannot be deleted while retained: deletion protection on every table and on the user pool', () => {
    const tables = ofType(production, 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(SYSTEM.tables.length);
    for (const [id, table] of tables) expect(table.Properties.DeletionProtectionEnabled, id).toBe(true);
    const [[, pool]] = ofType(production, 'AWS::Cognito::UserPool') as [[string, TemplateResource]];
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    // RETAIN kept: CloudFormation leaves them when the stack is deleted or they are replaced.
    for (const [id] of [...tables, ...ofType(production, 'AWS::Cognito::UserPool')]) {
      expect((production[id] as unknown as { DeletionPolicy: string }).DeletionPolicy, id).toBe('Retain');
      expect((production[id] as unknown as { UpdateReplacePolicy: string }).UpdateReplacePolicy, id).toBe('Retain');
    }
  });

  it('can be deleted with a stack deployed with removalPolicy destroy, which cdk destroy would otherwise not remove', () => {
    for (const [id, table] of ofType(development, 'AWS::DynamoDB::Table'))
      expect(table.Properties.DeletionProtectionEnabled, id).not.toBe(true);
    const [[, pool]] = ofType(development, 'AWS::Cognito::UserPool') as [[string, TemplateResource]];
    expect(pool.Properties.DeletionProtection).not.toBe('ACTIVE');
  });

  it('never tells whether an address has an account: PreventUserExistenceErrors on every app client', () => {
    const clients = ofType(development, 'AWS::Cognito::UserPoolClient');
    expect(clients.length).toBeGreaterThan(0);
    for (const [id, client] of clients) expect(client.Properties.PreventUserExistenceErrors, id).toBe('ENABLED');
  });

  it("runs Cognito's threat protection only when asked: off by default, enforced on the Plus plan when switched on", () => {
    const poolOf = (resources: Resources) => ofType(resources, 'AWS::Cognito::UserPool')[0]![1].Properties;
    expect(poolOf(development).UserPoolAddOns).toBeUndefined();
    expect(poolOf(development).UserPoolTier).toBeUndefined();
    expect(poolOf(production)).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
  });
});
