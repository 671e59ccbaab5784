// The notifications service as the stack makes it: no API (nothing calls it), its rules on the
// right buses, SES sending from the configured identity only, and its settings from context.
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../system/index.ts';
import { synthesizeStack, TEST_MAIL, type TemplateResource } from './synthesizeStack.ts';

let resources: Record<string, TemplateResource>;

beforeAll(() => {
  ({ resources } = synthesizeStack());
}, 60_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const notificationFunctions = () => ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith('Servicenotifications'));

interface Statement {
  Action: string | string[];
  Resource: unknown;
}

describe('the notifications service', () => {
  it('has a function per rule it serves and no REST API', () => {
    expect(
      notificationFunctions()
        .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual([
      'ServicenotificationsnotificationsdocumentEmail',
      'ServicenotificationsnotificationsorderPlacedAlert',
      'ServicenotificationsnotificationsorderStatusEmail',
    ]);
    expect(ofType('AWS::ApiGateway::RestApi').map(([, api]) => api.Properties.Name)).not.toContain('notifications');
  });

  it('sends through SES from the configured identity only, and nothing else may', () => {
    const sesGrants = ofType('AWS::IAM::Policy').flatMap(([id, policy]) =>
      (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.filter((s) =>
        [s.Action].flat().some((action) => action.startsWith('ses:')),
      ).map((statement) => ({ id, statement })),
    );
    expect(sesGrants.map(({ id }) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'ServicenotificationsnotificationsdocumentEmailRoleDefaultPolicy',
      'ServicenotificationsnotificationsorderPlacedAlertRoleDefaultPolicy',
      'ServicenotificationsnotificationsorderStatusEmailRoleDefaultPolicy',
    ]);
    for (const { statement } of sesGrants) {
      expect([statement.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(JSON.stringify(statement.Resource)).toContain(`:identity/${TEST_MAIL.sesIdentity}`);
    }
  });

  it('gets the sender, shop and currency from context, and no local mailbox', () => {
    for (const [, fn] of notificationFunctions()) {
      const { Variables } = fn.Properties.Environment as { Variables: Record<string, unknown> };
      expect(Variables).toMatchObject({
        MAIL_FROM: TEST_MAIL.from,
        SHOP_NAME: TEST_MAIL.shopName,
        SHOP_URL: TEST_MAIL.shopUrl,
        SHOP_CURRENCY: TEST_MAIL.currency,
      });
      expect(Object.keys(Variables).filter((name) => name.startsWith('SMTP_'))).toEqual([]);
    }
  });
});

describe('alert publishing', () => {
  it('lets each service publish to the topics it declares, and to no other', () => {
    const topicIds = new Map(
      ofType('AWS::SNS::Topic').map(([id, topic]) => [id, String(topic.Properties.TopicName).replace('commerce-test-', '')]),
    );
    const serviceOf = (policyId: string) =>
      SYSTEM.services.map((service) => service.name.replace(/-/g, '')).find((name) => policyId.startsWith(`Service${name}`));
    const publishers = new Map<string, Set<string>>();
    for (const [id, policy] of ofType('AWS::IAM::Policy')) {
      const service = serviceOf(id);
      if (!service) continue;
      for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        if (![statement.Action].flat().includes('sns:Publish')) continue;
        // Grants on several topics are merged into one statement with a list of resources.
        for (const resource of [statement.Resource].flat() as { Ref: string }[])
          publishers.set(service, (publishers.get(service) ?? new Set()).add(topicIds.get(resource.Ref)!));
      }
    }
    const declared = Object.entries(SYSTEM.serviceResources)
      .filter(([, resources]) => resources.alerts)
      .map(([service, resources]) => [service.replace(/-/g, ''), [...resources.alerts!].sort()]);
    expect([...publishers].map(([service, topics]) => [service, [...topics].sort()]).sort()).toEqual(declared.sort());
  });
});

describe('rules on AWS services’ events', () => {
  it('are on the default bus, where AWS sends them; the system’s own events are on its bus', () => {
    for (const rule of SYSTEM.eventRules) {
      const sources = (rule.eventPattern.source ?? []) as string[];
      const fromAws = sources.some((source) => source.startsWith('aws.'));
      expect(rule.bus === 'default', rule.name).toBe(fromAws);
    }
  });
});
