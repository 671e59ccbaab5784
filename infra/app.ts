// The CDK app: reads its configuration (context, environment) and makes the one stack from the
// system's declaration. `npm run build` must have bundled the resolvers first.
import { App, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { FieldLogLevel } from 'aws-cdk-lib/aws-appsync';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { SYSTEM } from '../system/index.ts';
import { nagPacks } from './nag.ts';
import { CommerceStack, STAGES } from './stacks/commerceStack.ts';
import { THREAT_PROTECTION_MODES } from './constructs/userPool.ts';

/** What the gateway settings are where the context is silent. */
const GATEWAY_DEFAULTS = {
  /** The shopper has 15 minutes to pay on the gateway's page. */
  paymentTtlSeconds: 900,
  /** A callback is given two minutes before the sweep asks the gateway itself. */
  sweepGraceSeconds: 120,
} as const;

/** What the invoicing settings are where the context is silent: a placeholder seller to replace. */
const INVOICING_DEFAULTS = {
  sellerName: 'Commerce Ltd',
  sellerAddress: '1 Market Street\nLondon EC1A 1AA',
  sellerVatId: 'GB000000000',
  currency: 'EUR',
  /** An invoice's download URL lasts 5 minutes. */
  invoiceUrlTtlSeconds: 300,
} as const;

/** What the email settings are where the context is silent: placeholders to replace before going live. */
const MAIL_DEFAULTS = {
  from: 'Commerce <orders@example.com>',
  shopUrl: 'https://shop.example.com',
};

/** The domain of a sender (`Name <address>` or an address). */
function senderDomain(from: string): string {
  const domain = /@([^>\s]+)>?\s*$/u.exec(from)?.[1];
  if (!domain) throw new Error(`Context mailFrom is not an email address: "${from}".`);
  return domain;
}

const app = new App();
// cdk-nag's packs check the synthesized app: a finding nobody acknowledged fails `cdk synth` and
// `cdk deploy` as it fails the tests (infra/README.md, "cdk-nag").
Validations.of(app).addPlugins(...nagPacks());

/** A context value as text (cdk.json gives strings or numbers; --context always strings). */
const optionalContext = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`Context ${key} must be a string or a number.`);
  return String(value);
};
const context = (key: string): string => {
  const value = optionalContext(key);
  if (value === undefined) throw new Error(`Context ${key} is not set (cdk.json or --context ${key}=…).`);
  return value;
};
/** A positive whole number of the context, or `fallback` where the context is silent. */
const positiveInteger = (key: string, fallback?: number): number => {
  const text = fallback === undefined ? context(key) : optionalContext(key);
  if (text === undefined) return fallback!;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`Context ${key} must be a positive whole number; it is "${text}".`);
  return value;
};

/** One of `allowed`, or `fallback` where the context is silent; anything else fails here rather than at deploy. */
const oneOf = <Value extends string>(key: string, allowed: readonly Value[], fallback: Value): Value => {
  const text = optionalContext(key) ?? fallback;
  if (!(allowed as readonly string[]).includes(text))
    throw new Error(`Context ${key} must be one of ${allowed.join(', ')}; it is "${text}".`);
  return text as Value;
};

/**
 * The field-level log levels the API may run at. NONE is not one: the resolver-errors alarm
 * counts the field log's errors (constructs/monitoring.ts).
 */
const FIELD_LOG_LEVELS = [FieldLogLevel.ERROR, FieldLogLevel.INFO, FieldLogLevel.DEBUG, FieldLogLevel.ALL] as const;

/** The operators' address, subscribed to every alert topic; a value that is no address fails here rather than at deploy. */
const alertEmail = optionalContext('alertEmail');
if (alertEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alertEmail)) {
  throw new Error(`Context alertEmail must be an email address; it is "${alertEmail}".`);
}

new CommerceStack(app, context('stackName'), {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  // `--context stage=production` for the shop's own stack (infra/README.md, "Stages").
  stage: oneOf('stage', STAGES, 'development'),
  declaration: SYSTEM,
  paymentProviders: {
    providerUrl: context('paymentProviderUrl'),
    // One Secrets Manager secret, JSON { providerSecretKey, gatewayKey1, gatewayKey2 }, read by the
    // functions at run time (infra/README.md says how to create it).
    secretName: context('paymentSecretName'),
    gateway: {
      url: context('gatewayUrl'),
      appId: positiveInteger('gatewayAppId'),
      redirectUrl: optionalContext('gatewayRedirectUrl'),
      paymentTtlSeconds: positiveInteger('gatewayPaymentTtlSeconds', GATEWAY_DEFAULTS.paymentTtlSeconds),
      sweepGraceSeconds: positiveInteger('gatewaySweepGraceSeconds', GATEWAY_DEFAULTS.sweepGraceSeconds),
    },
  },
  invoicing: {
    sellerName: optionalContext('sellerName') ?? INVOICING_DEFAULTS.sellerName,
    // Its lines separated by "\n" in the context value.
    sellerAddress: (optionalContext('sellerAddress') ?? INVOICING_DEFAULTS.sellerAddress).replaceAll('\\n', '\n'),
    sellerVatId: optionalContext('sellerVatId') ?? INVOICING_DEFAULTS.sellerVatId,
    currency: optionalContext('invoiceCurrency') ?? INVOICING_DEFAULTS.currency,
    urlTtlSeconds: String(positiveInteger('invoiceUrlTtlSeconds', INVOICING_DEFAULTS.invoiceUrlTtlSeconds)),
  },
  mail: {
    from: optionalContext('mailFrom') ?? MAIL_DEFAULTS.from,
    shopName: optionalContext('shopName') ?? optionalContext('sellerName') ?? INVOICING_DEFAULTS.sellerName,
    shopUrl: optionalContext('shopUrl') ?? MAIL_DEFAULTS.shopUrl,
    currency: optionalContext('invoiceCurrency') ?? INVOICING_DEFAULTS.currency,
    // The verified SES identity the emails are sent from: the sender's domain unless told otherwise.
    sesIdentity: optionalContext('sesIdentity') ?? senderDomain(optionalContext('mailFrom') ?? MAIL_DEFAULTS.from),
  },
  logRetention: RetentionDays.ONE_MONTH,
  fieldLogLevel: oneOf('fieldLogLevel', FIELD_LOG_LEVELS, FieldLogLevel.ERROR),
  // Raised by one to replace the guests' API key (infra/README.md, "The guests' API key").
  apiKeyGeneration: positiveInteger('apiKeyGeneration', 1),
  removalPolicy: context('removalPolicy') === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  // Off unless asked for: the Plus plan it needs bills every monthly active user (infra/README.md).
  threatProtection: oneOf('threatProtection', THREAT_PROTECTION_MODES, 'off'),
  alertEmail,
});
