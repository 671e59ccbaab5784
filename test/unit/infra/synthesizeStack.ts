// The stack as the tests synthesize it: the declaration, cdk.json's feature flags (so the template
// is the one `cdk synth` makes), test settings, and Lambda bundling skipped
// (`aws:cdk:bundling-stacks`): the template is the same, only the code assets are placeholders.
import { readFileSync } from 'node:fs';
import { App, RemovalPolicy } from 'aws-cdk-lib';
import { FieldLogLevel } from 'aws-cdk-lib/aws-appsync';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { SYSTEM, type SystemDeclaration } from '../../../system/index.ts';
import { CommerceStack, type CommerceStackProps } from '../../../infra/stacks/commerceStack.ts';

export type TemplateResource = { Type: string; Properties: Record<string, unknown> };

export const TEST_LOG_RETENTION_DAYS = 30;

export const TEST_PAYMENT_PROVIDERS = {
  providerUrl: 'https://payments.example.com',
  secretName: 'commerce/payment',
  gateway: { url: 'https://sb-openapi.zalopay.vn', appId: 2553, paymentTtlSeconds: 900, sweepGraceSeconds: 120 },
} as const;

export const TEST_INVOICING = {
  sellerName: 'Commerce Ltd',
  sellerAddress: '1 Market Street\nLondon EC1A 1AA',
  sellerVatId: 'GB123456789',
  currency: 'EUR',
  urlTtlSeconds: '300',
} as const;

export const TEST_MAIL = {
  from: 'Commerce <orders@shop.example>',
  shopName: 'Commerce Ltd',
  shopUrl: 'https://shop.example',
  currency: 'EUR',
  sesIdentity: 'shop.example',
} as const;

const CDK_JSON = new URL('../../../cdk.json', import.meta.url);

/** The feature flags cdk.json sets (its context keys scoped `@aws-cdk…`). */
export function featureFlags(): Record<string, unknown> {
  const { context } = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context: Record<string, unknown> };
  return Object.fromEntries(Object.entries(context).filter(([key]) => key.startsWith('@aws-cdk')));
}

/** The settings app.ts reads from context, as a test gives them (the defaults below otherwise). */
export interface OptionalSettings extends Partial<
  Pick<CommerceStackProps, 'stage' | 'fieldLogLevel' | 'apiKeyGeneration' | 'removalPolicy' | 'threatProtection'>
> {
  readonly alertEmail?: string;
  /** A declaration other than SYSTEM (a test's changed copy). */
  readonly declaration?: SystemDeclaration;
}

export function synthesizeStack(settings: OptionalSettings = {}): {
  stack: CommerceStack;
  template: Template;
  resources: Record<string, TemplateResource>;
} {
  const app = new App({ context: { ...featureFlags(), 'aws:cdk:bundling-stacks': [] } });
  const stack = new CommerceStack(app, 'commerce-test', {
    stage: 'development',
    declaration: SYSTEM,
    paymentProviders: TEST_PAYMENT_PROVIDERS,
    invoicing: TEST_INVOICING,
    mail: TEST_MAIL,
    logRetention: RetentionDays.ONE_MONTH,
    fieldLogLevel: FieldLogLevel.ERROR,
    apiKeyGeneration: 1,
    removalPolicy: RemovalPolicy.DESTROY,
    threatProtection: 'off',
    ...settings,
  });
  const template = Template.fromStack(stack);
  return { stack, template, resources: template.toJSON().Resources as Record<string, TemplateResource> };
}
