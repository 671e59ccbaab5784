// No IAM statement in the template allows every action of a service or every resource, except
// actions that AWS only authorizes on `*`. KMS key policies are read on their own terms: in a key
// policy the resource `*` is the key itself, and the account root's `kms:*` is KMS's default
// statement, which lets the account's IAM policies grant the key (without it, `grantPublish` on an
// encrypted topic would give a function nothing).
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeStack, type TemplateResource } from './synthesizeStack.ts';

/** Actions whose only resource type is `*` (Service Authorization Reference), and who needs them. */
const RESOURCE_WILDCARD_ONLY: Readonly<Record<string, string>> = {
  'xray:PutTraceSegments': 'X-Ray has no resource types; every traced function sends segments.',
  'xray:PutTelemetryRecords': 'X-Ray has no resource types; the tracing daemon sends telemetry.',
  'dynamodb:ListStreams': 'Lists the streams of any table (no resource type); stream event source mappings call it.',
  'cloudwatch:PutMetricData': 'Metrics have no resource type (narrowed, if at all, by the cloudwatch:namespace condition key).',
};

/** AWS-managed policies a role may carry, and why (none: they allow every log group, table …). */
const MANAGED_POLICIES: Readonly<Record<string, string>> = {};

interface Statement {
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
}

/** KMS's default key policy statement: the account itself (its root), so that IAM policies decide. */
const ACCOUNT_ROOT = {
  AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] },
};

let resources: Record<string, TemplateResource>;

beforeAll(() => {
  ({ resources } = synthesizeStack());
}, 60_000);

/** Every Allow statement of every policy document in the template, with the resource holding it (key policies apart). */
function allowStatements(): { holder: string; statement: Statement }[] {
  const found: { holder: string; statement: Statement }[] = [];
  const visit = (holder: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(holder, item));
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (Array.isArray(object.Statement) && ('Version' in object || 'Statement' in object)) {
        for (const statement of object.Statement as Statement[])
          if (statement.Effect === 'Allow') found.push({ holder, statement });
      }
      Object.values(object).forEach((child) => visit(holder, child));
    }
  };
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::IAM::Role') visit(id, resource.Properties.Policies);
    else if (resource.Type !== 'AWS::KMS::Key') visit(id, resource.Properties);
  }
  return found;
}

/** Every Allow statement of every KMS key's policy, with the key. */
function keyPolicyAllowStatements(): { holder: string; statement: Statement }[] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::KMS::Key')
    .flatMap(([id, resource]) =>
      (resource.Properties.KeyPolicy as { Statement: Statement[] }).Statement.filter((s) => s.Effect === 'Allow').map(
        (statement) => ({ holder: id, statement }),
      ),
    );
}

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe('the IAM statements', () => {
  it('are found (the scan reads the policies)', () => {
    expect(allowStatements().length).toBeGreaterThan(10);
  });

  it('never allow every action, or every action of a service', () => {
    for (const { holder, statement } of allowStatements()) {
      expect(statement.NotAction, holder).toBeUndefined();
      for (const action of list(statement.Action)) expect(String(action), holder).not.toMatch(/(^|:)\*$/);
    }
  });

  it('allow every resource only for actions that cannot be narrowed', () => {
    for (const { holder, statement } of allowStatements()) {
      expect(statement.NotResource, holder).toBeUndefined();
      if (!list(statement.Resource).includes('*')) continue;
      const unexpected = list(statement.Action).filter((action) => !(String(action) in RESOURCE_WILDCARD_ONLY));
      expect(unexpected, `${holder} allows ${unexpected.join(', ')} on every resource`).toEqual([]);
    }
  });

  it('of KMS keys allow every KMS action to the account only (IAM decides), and named actions to services', () => {
    const statements = keyPolicyAllowStatements();
    expect(statements.length).toBeGreaterThan(0);
    for (const { holder, statement } of statements) {
      expect(statement.NotAction, holder).toBeUndefined();
      expect(statement.NotResource, holder).toBeUndefined();
      const actions = list(statement.Action).map(String);
      if (actions.includes('kms:*')) expect(statement.Principal, holder).toEqual(ACCOUNT_ROOT);
      else for (const action of actions) expect(action, holder).toMatch(/^kms:[A-Z][A-Za-z]+\*?$/);
    }
  });

  it('attach only the managed policies listed (none), each with a reason', () => {
    const attached = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap((r) =>
        list(r.Properties.ManagedPolicyArns).map(
          (arn) => JSON.stringify(arn).match(/policy\/(?:service-role\/)?([A-Za-z0-9-]+)/)?.[1],
        ),
      );
    expect([...new Set(attached)].sort()).toEqual(Object.keys(MANAGED_POLICIES).sort());
  });
});
