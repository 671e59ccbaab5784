// cdk-nag over this app: the rule packs `cdk synth` runs (app.ts) and the tests run
// (test/unit/infra/cdkNag.test.ts), and how a construct acknowledges a finding it has on purpose.
// An acknowledgment sits next to the construct it concerns, with its reason:
// `Validations.of(construct).acknowledge({ id, reason })`, cdk-nag 3's way (it has no
// NagSuppressions); it covers the construct and everything under it. infra/README.md ("cdk-nag")
// lists every one, and the test holds that list to the code.
import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, type NagPackProps, ServerlessChecks } from 'cdk-nag';
// cdk-nag's own spelling of a resource in its IAM5 finding ids (not re-exported by its index).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * AwsSolutions (the checks of the AWS Solutions Library) and Serverless (serverless-rules:
 * failure destinations, runtimes, tracing, throttling, log retention). Any finding of either,
 * error or warning, that is not acknowledged fails the synthesis.
 */
export function nagPacks(props: NagPackProps = {}): NagPack[] {
  return [new AwsSolutionsChecks(undefined, props), new ServerlessChecks(undefined, props)];
}

/**
 * Acknowledges on `principal` (a role, whose policies these are) cdk-nag's IAM5 finding on each
 * of `resources` that holds a wildcard, one finding at a time: `AwsSolutions-IAM5[Resource::<Table.Arn>/index/*]`
 * answers that ARN only, never another wildcard the role might be given later.
 */
export function acknowledgeWildcardResources(principal: IConstruct, resources: readonly string[], reason: string): void {
  const stack = Stack.of(principal);
  const wildcards = new Set(resources.map((arn) => flattenCfnReference(stack.resolve(arn))).filter((arn) => arn.includes('*')));
  for (const arn of wildcards) Validations.of(principal).acknowledge({ id: `AwsSolutions-IAM5[Resource::${arn}]`, reason });
}
