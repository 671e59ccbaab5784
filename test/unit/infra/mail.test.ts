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
    expect(notificationFunctions().map(([id]) => id.replace(/[0-9A-F]{8}$/, ''))).toEqual([
      'ServicenotificationsnotificationsorderStatusEmail',
      'ServicenotificationsnotificationsdocumentEmail',
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

describe('rules on AWS services’ events', () => {
  it('are on the default bus, where AWS sends them; the system’s own events are on its bus', () => {
    for (const rule of SYSTEM.eventRules) {
      const sources = (rule.eventPattern.source ?? []) as string[];
      const fromAws = sources.some((source) => source.startsWith('aws.'));
      expect(rule.bus === 'default', rule.name).toBe(fromAws);
    }
  });
});
