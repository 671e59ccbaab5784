// The team's alert topics as deployed: the names of system/alerts.ts, encrypted with a customer
// managed key CloudWatch may use (alarms cannot publish to a topic under SNS's AWS managed key),
// TLS only, CloudWatch admitted for this account's alarms where alarms report, and the operators'
// email subscribed only when `alertEmail` is given.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALARM_NOTIFICATIONS, ALERT_TOPICS } from '../../../system/alerts.ts';
import { SYSTEM } from '../../../system/index.ts';
import type { CommerceStack } from '../../../infra/stacks/commerceStack.ts';
import { synthesizeStack, type TemplateResource } from './synthesizeStack.ts';

const ALERT_EMAIL = 'ops@example.com';

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal: unknown;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

let withEmail: { stack: CommerceStack; resources: Record<string, TemplateResource> };
let withoutEmail: Record<string, TemplateResource>;

beforeAll(() => {
  withEmail = synthesizeStack({ alertEmail: ALERT_EMAIL });
  ({ resources: withoutEmail } = synthesizeStack());
}, 120_000);

const ofType = (resources: Record<string, TemplateResource>, type: string): [string, TemplateResource][] =>
  Object.entries(resources).filter(([, r]) => r.Type === type);

/** The logical id of the topic of a name. */
const topicId = (name: string): string => {
  const found = ofType(withEmail.resources, 'AWS::SNS::Topic').find(
    ([, t]) => t.Properties.TopicName === `commerce-test-${name}`,
  );
  if (!found) throw new Error(`No topic ${name} in the template.`);
  return found[0];
};

/** The one KMS key of the template, with its logical id. */
const theKey = (): [string, TemplateResource] => {
  const keys = ofType(withEmail.resources, 'AWS::KMS::Key');
  expect(keys).toHaveLength(1);
  return keys[0]!;
};

const policyStatementsOf = (name: string): Statement[] => {
  const policies = ofType(withEmail.resources, 'AWS::SNS::TopicPolicy').filter(([, p]) =>
    (p.Properties.Topics as unknown[]).some((t) => JSON.stringify(t) === JSON.stringify({ Ref: topicId(name) })),
  );
  expect(policies, name).toHaveLength(1);
  return (policies[0]![1].Properties.PolicyDocument as { Statement: Statement[] }).Statement;
};

const cloudWatchAllowed = (statement: Statement): boolean =>
  statement.Effect === 'Allow' && JSON.stringify(statement.Principal) === JSON.stringify({ Service: 'cloudwatch.amazonaws.com' });

describe('the alert topics', () => {
  it('are the topics system/alerts.ts names, named after the stack, and exposed by name for grants', () => {
    const names = ofType(withEmail.resources, 'AWS::SNS::Topic').map(([, t]) => t.Properties.TopicName);
    expect(names.sort()).toEqual(ALERT_TOPICS.map((name) => `commerce-test-${name}`).sort());
    expect(SYSTEM.alertTopics).toBe(ALERT_TOPICS);
    expect(Object.keys(withEmail.stack.alertTopics.topics).sort()).toEqual([...ALERT_TOPICS].sort());
  });

  it("are encrypted with the stack's own rotating KMS key, not SNS's AWS managed key", () => {
    const [keyId, key] = theKey();
    expect(key.Properties.EnableKeyRotation).toBe(true);
    for (const name of ALERT_TOPICS) {
      expect(withEmail.resources[topicId(name)]!.Properties.KmsMasterKeyId, name).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    }
    expect(JSON.stringify(withEmail.resources)).not.toContain('alias/aws/sns');
  });

  it('have a key whose policy lets CloudWatch alarms encrypt with it (kms:Decrypt, kms:GenerateDataKey*)', () => {
    const [, key] = theKey();
    const statements = (key.Properties.KeyPolicy as { Statement: Statement[] }).Statement;
    const forCloudWatch = statements.filter(cloudWatchAllowed);
    expect(forCloudWatch).toHaveLength(1);
    expect([forCloudWatch[0]!.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
  });

  it('deny publishing over anything but TLS', () => {
    for (const name of ALERT_TOPICS) {
      expect(policyStatementsOf(name), name).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: { Ref: topicId(name) },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it("let CloudWatch publish for this account's alarms, to the topics alarms report to only", () => {
    const notified = new Set<string>(Object.values(ALARM_NOTIFICATIONS));
    for (const name of ALERT_TOPICS) {
      const allowed = policyStatementsOf(name).filter(cloudWatchAllowed);
      if (!notified.has(name)) {
        expect(allowed, name).toEqual([]);
        continue;
      }
      expect(allowed, name).toEqual([
        expect.objectContaining({
          Action: 'sns:Publish',
          Resource: { Ref: topicId(name) },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnLike: { 'aws:SourceArn': expect.anything() },
          },
        }),
      ]);
      expect(JSON.stringify(allowed[0]!.Condition!.ArnLike)).toContain(':alarm:*');
    }
  });

  it('subscribe the alertEmail address by email to every topic when it is given', () => {
    const subscriptions = ofType(withEmail.resources, 'AWS::SNS::Subscription').map(([, s]) => s.Properties);
    expect(subscriptions).toHaveLength(ALERT_TOPICS.length);
    for (const name of ALERT_TOPICS) {
      expect(subscriptions, name).toContainEqual({ Protocol: 'email', Endpoint: ALERT_EMAIL, TopicArn: { Ref: topicId(name) } });
    }
  });

  it('have no subscription when alertEmail is not given', () => {
    expect(ofType(withoutEmail, 'AWS::SNS::Topic')).toHaveLength(ALERT_TOPICS.length);
    expect(ofType(withoutEmail, 'AWS::SNS::Subscription')).toEqual([]);
  });
});
