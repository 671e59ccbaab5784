// Who may call what, locally, as the declaration (system/) grants it: every service role and every
// AppSync target's role against every IAM-protected operation (each signed route of each service,
// each mutation an event target calls, PutEvents of each service's source), allowed exactly where
// the declaration allows it; then the refusals as the local endpoints answer them, and a grant
// taken out of a copy of the declaration, gone locally and from the CDK template alike.
import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createFieldAuthorizer } from 'appsync-local/appsync/auth/index.ts';
import { defaultRestApiId } from 'appsync-local/apigateway/definition.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { createEventBus } from 'appsync-local/eventbridge/index.ts';
import { LOCAL_ACCOUNT_ID, LocalIam, type LocalRole } from 'appsync-local/iam/principals.ts';
import { LOCAL_API_ID } from '../../../local/apiDefinition.ts';
import { mutationGrants } from '../../../local/eventPlatform.ts';
import { grantsOf, type ServiceFunctionsOptions } from '../../../local/functions.ts';
import { SCHEMA_FILE } from '../../../system/artifacts.ts';
import { eventSourceOf, mutationFieldsOf } from '../../../system/events.ts';
import { SYSTEM, type SystemDeclaration } from '../../../system/index.ts';
import { synthesizeStack } from '../infra/synthesizeStack.ts';

const BUS_ARN = `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:event-bus/${SYSTEM.eventBusName}`;
const fieldArn = (field: string) =>
  `arn:aws:appsync:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:apis/${LOCAL_API_ID}/types/Mutation/fields/${field}`;

/** The roles the local stack makes, from a declaration (local/functions.ts, local/eventPlatform.ts). */
function localRoles(declaration: SystemDeclaration) {
  const iam = new LocalIam();
  const options = {
    declaration,
    region: LOCAL_REGION,
    eventBus: { name: declaration.eventBusName, endpoint: 'http://bus.invalid' },
    payments: { secretArn: `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:secret:commerce/payment-AbCdEf` },
    s3: { buckets: { invoices: 'commerce-invoices' } },
    alerts: { topicArns: { 'order-alerts': 'a', 'order-errors': 'b', 'critical-alerts': 'c' } },
  } as unknown as ServiceFunctionsOptions;
  const services = new Map(
    declaration.services.map((s) => [
      s.name,
      iam.createRole(`${s.name}-functions`, grantsOf(s.name, declaration.serviceResources[s.name] ?? {}, options)),
    ]),
  );
  const targets = declaration.eventRules.flatMap((rule) => rule.targets.flatMap((t) => (t.type === 'APPSYNC' ? [t] : [])));
  const targetRoles = new Map(
    targets.map((t) => [t.id, iam.createRole(`${t.id}-role`, mutationGrants(LOCAL_API_ID, mutationFieldsOf(t.document)))]),
  );
  return { iam, services, targets, targetRoles };
}

const { iam, services, targets, targetRoles } = localRoles(SYSTEM);
const roleOf = (map: Map<string, LocalRole>, name: string): LocalRole => map.get(name)!;

interface Operation {
  readonly name: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string>>;
}
const routeOperations: (Operation & { service: string })[] = SYSTEM.services.flatMap((s) =>
  s.routes
    .filter((r) => (r.authorization ?? 'IAM') === 'IAM')
    .map((r) => ({
      service: s.name,
      name: `${s.name} ${r.method} ${r.path}`,
      action: 'execute-api:Invoke',
      resource: `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${defaultRestApiId(s.name)}/${s.stage}/${r.method}${r.path.replace(/\{[^}]+\}/g, 'x-1')}`,
    })),
);
const mutationFields = [...new Set(targets.flatMap((t) => mutationFieldsOf(t.document)))];
const mutationOperations: (Operation & { field: string })[] = mutationFields.map((field) => ({
  field,
  name: `Mutation.${field}`,
  action: 'appsync:GraphQL',
  resource: fieldArn(field),
}));
const putOperations: (Operation & { source: string })[] = SYSTEM.services.map((s) => ({
  source: eventSourceOf(s.name),
  name: `PutEvents ${eventSourceOf(s.name)}`,
  action: 'events:PutEvents',
  resource: BUS_ARN,
  context: { 'events:source': eventSourceOf(s.name) },
}));
const allOperations: Operation[] = [...routeOperations, ...mutationOperations, ...putOperations];

describe('the local roles, against every IAM-protected operation', () => {
  const serviceCases = SYSTEM.services.flatMap((s) => allOperations.map((op) => [s.name, op] as const));
  it.each(serviceCases)('%s-functions: %s as the declaration allows', (service, op) => {
    const resources = SYSTEM.serviceResources[service] ?? {};
    const expected =
      ('service' in op && (resources.calls ?? []).includes(op.service as string)) ||
      ('source' in op && resources.eventBus === true && op.source === eventSourceOf(service));
    expect(iam.isAllowed(roleOf(services, service), op.action, op.resource, op.context)).toBe(expected);
  });

  const targetCases = targets.flatMap((t) => allOperations.map((op) => [t.id, op] as const));
  it.each(targetCases)('%s-role: %s only for its own mutation', (id, op) => {
    const target = targets.find((t) => t.id === id)!;
    const expected = 'field' in op && mutationFieldsOf(target.document).includes(op.field as string);
    expect(iam.isAllowed(roleOf(targetRoles, id), op.action, op.resource, op.context)).toBe(expected);
  });
});

describe('the refusals, as the local endpoints answer them', () => {
  const putOn = (caller: LocalRole, source: string) => {
    const bus = createEventBus({
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      busNames: [SYSTEM.eventBusName],
      rules: [],
      principals: iam.principals,
      isAllowed: (p, a, r, c) => iam.isAllowed(p, a, r, c),
    });
    const entry = { EventBusName: SYSTEM.eventBusName, Source: source, DetailType: 'OrderStatusChanged', Detail: '{}' };
    return bus.putEvents([entry], caller);
  };

  it('refuses an OrderStatusChanged the products role forges as the orders service', () => {
    expect(putOn(roleOf(services, 'products'), 'ecommerce.orders').Entries).toEqual([
      {
        ErrorCode: 'AccessDeniedException',
        ErrorMessage: expect.stringContaining('is not authorized to perform: events:PutEvents') as unknown,
      },
    ]);
    expect(putOn(roleOf(services, 'orders'), 'ecommerce.orders').FailedEntryCount).toBe(0);
  });

  it('refuses publishOrderStatus to a service role, and allows it to its event target only', () => {
    const schema = buildSchema(
      `${readFileSync(new URL('../../../packages/appsync-local/appsync-prelude.graphql', import.meta.url), 'utf8')}\n${readFileSync(SCHEMA_FILE, 'utf8')}`,
    );
    const authorize = createFieldAuthorizer(schema, {
      defaultAuthentication: {
        type: 'AWS_IAM',
        region: LOCAL_REGION,
        principals: iam.principals,
        policy: { apiId: LOCAL_API_ID, accountId: LOCAL_ACCOUNT_ID, isAllowed: (p, a, r) => iam.isAllowed(p, a, r) },
      },
      additionalAuthentications: [],
    });
    const as = (principal: LocalRole) => ({
      authType: 'AWS_IAM' as const,
      principal,
      identity: {
        accountId: LOCAL_ACCOUNT_ID,
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: ['127.0.0.1'],
        username: principal.username,
        userArn: principal.userArn,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      },
    });
    const mutation = schema.getMutationType() as GraphQLObjectType;
    for (const role of services.values()) expect(authorize(mutation, 'publishOrderStatus', as(role)), role.roleName).toBe(false);
    expect(authorize(mutation, 'publishOrderStatus', as(roleOf(targetRoles, 'appsync-publish-order-status')))).toBe(true);
    expect(authorize(mutation, 'publishProductStock', as(roleOf(targetRoles, 'appsync-publish-order-status')))).toBe(false);
  });
});

describe('a grant taken out of the declaration', () => {
  // The products service no longer puts events: its PutEvents grant goes, here and on AWS.
  const withoutProductsBus: SystemDeclaration = {
    ...SYSTEM,
    serviceResources: { ...SYSTEM.serviceResources, products: { ...SYSTEM.serviceResources.products, eventBus: false } },
  };

  it('makes the local call fail with AccessDeniedException', () => {
    const changed = localRoles(withoutProductsBus);
    const products = roleOf(changed.services, 'products');
    const bus = createEventBus({
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      busNames: [SYSTEM.eventBusName],
      rules: [],
      principals: changed.iam.principals,
      isAllowed: (p, a, r, c) => changed.iam.isAllowed(p, a, r, c),
    });
    const entry = { EventBusName: SYSTEM.eventBusName, Source: 'ecommerce.products', DetailType: 'ProductCreated', Detail: '{}' };
    expect(bus.putEvents([entry], products).Entries?.[0]?.ErrorCode).toBe('AccessDeniedException');
  });

  it("takes the same statement out of the CDK template's products roles", () => {
    const putStatementsOfProducts = (declaration: SystemDeclaration) => {
      const { resources } = synthesizeStack({ declaration });
      return Object.entries(resources)
        .filter(([, r]) => r.Type === 'AWS::IAM::Policy')
        .filter(([, r]) => JSON.stringify(r.Properties.Roles).includes('Serviceproducts'))
        .flatMap(([, r]) => (r.Properties.PolicyDocument as { Statement: { Action: unknown; Condition?: unknown }[] }).Statement)
        .filter((st) => [st.Action].flat().includes('events:PutEvents'));
    };
    const before = putStatementsOfProducts(SYSTEM);
    expect(before.length).toBeGreaterThan(0);
    expect(before[0]?.Condition).toEqual({ StringEquals: { 'events:source': 'ecommerce.products' } });
    expect(putStatementsOfProducts(withoutProductsBus)).toEqual([]);
  }, 60_000);
});
