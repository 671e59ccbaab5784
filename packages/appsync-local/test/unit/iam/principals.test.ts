import { describe, expect, it } from 'vitest';
import { LocalIam, matchesPattern } from '../../../src/iam/principals.ts';

const BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/commerce';

describe('LocalIam.isAllowed', () => {
  it('allows nothing to a role without statements', () => {
    const iam = new LocalIam();
    expect(iam.isAllowed(iam.createRole('empty'), 'events:PutEvents', BUS)).toBe(false);
  });

  it('matches actions case-insensitively and resources with * and ?', () => {
    const iam = new LocalIam();
    const role = iam.createRole('r', [
      { action: 'execute-api:Invoke', resource: 'arn:aws:execute-api:*:*:abc/prod/GET/orders/*' },
    ]);
    expect(iam.isAllowed(role, 'Execute-API:invoke', 'arn:aws:execute-api:us-east-1:0:abc/prod/GET/orders/o-1')).toBe(true);
    expect(iam.isAllowed(role, 'execute-api:Invoke', 'arn:aws:execute-api:us-east-1:0:abc/prod/POST/orders/o-1')).toBe(false);
    const one = iam.createRole('q', [{ action: 'sns:Publish', resource: 'arn:aws:sns:us-east-1:0:topic-?' }]);
    expect(iam.isAllowed(one, 'sns:Publish', 'arn:aws:sns:us-east-1:0:topic-a')).toBe(true);
    expect(iam.isAllowed(one, 'sns:Publish', 'arn:aws:sns:us-east-1:0:topic-ab')).toBe(false);
  });

  it('lets an explicit Deny win over an Allow', () => {
    const iam = new LocalIam();
    const role = iam.createRole('r', [
      { action: 'events:*', resource: '*' },
      { effect: 'Deny', action: 'events:PutEvents', resource: BUS },
    ]);
    expect(iam.isAllowed(role, 'events:PutEvents', BUS)).toBe(false);
    expect(iam.isAllowed(role, 'events:PutEvents', `${BUS}-other`)).toBe(true);
  });

  it('evaluates StringEquals and StringLike on the request context, a missing key failing them', () => {
    const iam = new LocalIam();
    const role = iam.createRole('r', [
      { action: 'events:PutEvents', resource: BUS, condition: { StringEquals: { 'events:source': 'ecommerce.orders' } } },
      { action: 'events:PutEvents', resource: BUS, condition: { StringLike: { 'Events:Source': ['ecommerce.test*'] } } },
    ]);
    expect(iam.isAllowed(role, 'events:PutEvents', BUS, { 'events:source': 'ecommerce.orders' })).toBe(true);
    expect(iam.isAllowed(role, 'events:PutEvents', BUS, { 'events:source': 'ecommerce.tests' })).toBe(true);
    expect(iam.isAllowed(role, 'events:PutEvents', BUS, { 'events:source': 'ecommerce.payment' })).toBe(false);
    expect(iam.isAllowed(role, 'events:PutEvents', BUS)).toBe(false);
  });

  it('applies a Deny only where its condition holds (StringNotEquals: every source but one)', () => {
    const iam = new LocalIam();
    const role = iam.createRole('r', [
      { action: 'events:PutEvents', resource: BUS },
      { effect: 'Deny', action: 'events:PutEvents', resource: BUS, condition: { StringNotEquals: { 'events:source': 'a' } } },
    ]);
    expect(iam.isAllowed(role, 'events:PutEvents', BUS, { 'events:source': 'a' })).toBe(true);
    expect(iam.isAllowed(role, 'events:PutEvents', BUS, { 'events:source': 'b' })).toBe(false);
  });

  it('refuses a condition operator it cannot evaluate, when the role is made', () => {
    const iam = new LocalIam();
    expect(() =>
      iam.createRole('r', [{ action: 'a:b', resource: '*', condition: { ArnLike: { 'aws:SourceArn': '*' } } as never }]),
    ).toThrow(/ArnLike is not evaluated locally/);
  });
});

describe('matchesPattern', () => {
  it('answers the same for a pattern matched again, also after many other patterns were compiled', () => {
    const pattern = 'arn:aws:execute-api:*:*:abc/prod/GET/orders/?-*';
    const check = () => [
      matchesPattern(pattern, 'arn:aws:execute-api:eu-west-1:0:abc/prod/GET/orders/o-1'),
      matchesPattern(pattern, 'arn:aws:execute-api:eu-west-1:0:abc/prod/GET/orders/oo-1'),
      matchesPattern(pattern, 'arn:aws:execute-api:eu-west-1:0:abc/prod/GET/orders/o-1\nmore'),
    ];
    expect(check()).toEqual([true, false, true]);
    expect(check()).toEqual([true, false, true]);
    for (let i = 0; i < 2500; i += 1) expect(matchesPattern(`arn:aws:sns:*:topic-${i}`, `arn:aws:sns:x:topic-${i}`)).toBe(true);
    expect(check()).toEqual([true, false, true]);
  });

  it('takes regular expression characters in a pattern literally', () => {
    expect(matchesPattern('a.b(c)+[d]', 'a.b(c)+[d]')).toBe(true);
    expect(matchesPattern('a.b', 'axb')).toBe(false);
  });
});
