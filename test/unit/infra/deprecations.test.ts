// `cdk synth` must not warn: no deprecated CDK API, no warning annotation, every feature flag set.
// Its own file, so this fork's first synthesis is the one that runs with JSII_DEPRECATED=fail
// (aws-cdk-lib reports each deprecated API once per process).
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { featureFlags, synthesizeStack } from './synthesizeStack.ts';

const previous = process.env.JSII_DEPRECATED;
afterAll(() => {
  if (previous === undefined) delete process.env.JSII_DEPRECATED;
  else process.env.JSII_DEPRECATED = previous;
});

describe('the CDK app', () => {
  it('uses no deprecated CDK API and leaves no warning on any construct', () => {
    process.env.JSII_DEPRECATED = 'fail'; // aws-cdk-lib throws on a deprecated call instead of printing
    const { stack } = synthesizeStack();
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  }, 60_000);

  it("synthesizes with the feature flags cdk.json sets, CDK's recommended values", () => {
    const flags = featureFlags();
    expect(Object.keys(flags).length).toBeGreaterThan(100);
    expect(flags['@aws-cdk/aws-iam:minimizePolicies']).toBe(true);
  });
});
