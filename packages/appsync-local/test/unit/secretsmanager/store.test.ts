// Secrets as the store keeps them: names checked as CreateSecret checks them, the three forms of
// a SecretId, and the labels PutSecretValue moves.
import { describe, expect, it } from 'vitest';
import { SecretStore } from '../../../src/secretsmanager/store.ts';

const CONTEXT = { region: 'eu-west-1', accountId: '123456789012', now: () => new Date('2024-05-01T10:00:00Z') };
const PREFIX = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:';

function storeOf(...names: string[]): SecretStore {
  return new SecretStore(
    names.map((name) => ({ name, secretString: `value of ${name}` })),
    CONTEXT,
  );
}

describe('SecretStore', () => {
  it('gives each secret an ARN with a six-character random suffix', () => {
    const store = storeOf('payment/gateway', 'other');
    expect(store.arnOf('payment/gateway')).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:payment\/gateway-[A-Za-z0-9]{6}$/,
    );
    expect(store.arnOf('payment/gateway')).not.toBe(storeOf('payment/gateway').arnOf('payment/gateway'));
  });

  it('finds a secret by name, full ARN or partial ARN, and nothing in another region or account', () => {
    const store = storeOf('payment/gateway');
    const arn = store.arnOf('payment/gateway');
    expect(store.find('payment/gateway')?.arn).toBe(arn);
    expect(store.find(arn)?.arn).toBe(arn);
    expect(store.find(`${PREFIX}payment/gateway`)?.arn).toBe(arn);
    expect(store.find(arn.replace('eu-west-1', 'us-east-1'))).toBeUndefined();
    expect(store.find(arn.replace('123456789012', '210987654321'))).toBeUndefined();
    expect(store.find('payment')).toBeUndefined();
  });

  it('names the partial ARN of a missing name as the resource IAM is asked about', () => {
    const store = storeOf();
    expect(store.resourceOf('payment/unknown')).toBe(`${PREFIX}payment/unknown`);
    expect(store.resourceOf(`${PREFIX}x-AbCdEf`)).toBe(`${PREFIX}x-AbCdEf`);
  });

  it('moves AWSCURRENT to a new version and AWSPREVIOUS to the old, dropping versions left without a label', () => {
    const store = storeOf('key');
    const second = store.put('key', 'two');
    const third = store.put('key', 'three');
    const versions = store
      .find('key')
      ?.versions.map(({ versionId, secretString, stages }) => ({ versionId, secretString, stages }));
    expect(versions).toEqual([
      { versionId: second.VersionId, secretString: 'two', stages: ['AWSPREVIOUS'] },
      { versionId: third.VersionId, secretString: 'three', stages: ['AWSCURRENT'] },
    ]);
  });

  it('refuses a name CreateSecret would refuse, and a name declared twice', () => {
    expect(() => storeOf('has space')).toThrow('Secret name "has space" must be 1 to 512 of the characters');
    expect(() => storeOf('')).toThrow('must be 1 to 512');
    expect(() => storeOf('a'.repeat(513))).toThrow('must be 1 to 512');
    expect(() => storeOf('twice', 'twice')).toThrow('Secret twice is declared twice.');
  });

  it('answers a put to a secret it does not have with ResourceNotFoundException', () => {
    expect(() => storeOf().put('missing', 'x')).toThrow(expect.objectContaining({ code: 'ResourceNotFoundException' }));
  });
});
