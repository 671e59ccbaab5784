// The whole system in one stack, wired from the one declaration (system/): tables, users,
// backend services, the event platform, the AppSync API behind its web ACL, the team's alert
// topics and the alarms that notify them.
import { CfnOutput, type RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { FieldLogLevel } from 'aws-cdk-lib/aws-appsync';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { USER_GROUPS } from '../../system/api.ts';
import type { SystemDeclaration } from '../../system/index.ts';
import { AlertTopics } from '../constructs/alertTopics.ts';
import { ApiFirewall } from '../constructs/apiFirewall.ts';
import { BackendService, type PaymentProviders } from '../constructs/backendService.ts';
import { CommerceBuckets } from '../constructs/buckets.ts';
import { CommerceApi } from '../constructs/commerceApi.ts';
import { EventPlatform } from '../constructs/eventPlatform.ts';
import { Monitoring } from '../constructs/monitoring.ts';
import { CommerceTables } from '../constructs/tables.ts';
import { StoreUserPool, type ThreatProtection } from '../constructs/userPool.ts';
import { BUCKETS, type InvoicingSettings, type MailSettings, serviceOfModule } from '../../system/serviceResources.ts';

/**
 * Where the stack runs: `production` turns off what only developers need (introspection);
 * `development` stacks keep it, as the local stack does.
 */
export const STAGES = ['development', 'production'] as const;
export type Stage = (typeof STAGES)[number];

export interface CommerceStackProps extends StackProps {
  readonly stage: Stage;
  readonly declaration: SystemDeclaration;
  /** The payment providers' settings, and the name of the Secrets Manager secret holding their keys. */
  readonly paymentProviders: Omit<PaymentProviders, 'secret'> & { readonly secretName: string };
  /** The seller and currency printed on invoices, and how long their download URLs last. */
  readonly invoicing: InvoicingSettings;
  /** The emails' sender, shop name, URL and currency, and the SES identity (domain or address) they are sent from. */
  readonly mail: MailSettings & { readonly sesIdentity: string };
  readonly logRetention: RetentionDays;
  readonly fieldLogLevel: FieldLogLevel;
  /** The guests' API key's generation: a new one replaces the key (infra/README.md). */
  readonly apiKeyGeneration: number;
  /** RETAIN also protects the tables and the user pool from deletion. */
  readonly removalPolicy: RemovalPolicy;
  /** Cognito's threat protection for the user pool: `off`, `audit` or `enforced` (the Plus plan). */
  readonly threatProtection: ThreatProtection;
  /** Subscribed by email to every alert topic; none when undefined. */
  readonly alertEmail?: string;
}

export class CommerceStack extends Stack {
  /** The alert topics by name (system/alerts.ts): `alertTopics.topics['order-alerts'].grantPublish(fn)`. */
  readonly alertTopics: AlertTopics;

  constructor(scope: Construct, id: string, props: CommerceStackProps) {
    super(scope, id, props);
    const { declaration, logRetention } = props;
    const tables = new CommerceTables(this, 'Tables', { tables: declaration.tables, removalPolicy: props.removalPolicy });
    const buckets = new CommerceBuckets(this, 'Buckets', { buckets: BUCKETS });
    const users = new StoreUserPool(this, 'Users', {
      groups: USER_GROUPS,
      removalPolicy: props.removalPolicy,
      threatProtection: props.threatProtection,
    });

    // Scheduled rules' targets are event handlers too, made in the service that owns the module.
    const eventHandlers = [...declaration.eventRules, ...declaration.schedules].flatMap((rule) =>
      rule.targets.flatMap((t) => (t.type === 'HANDLER' ? [t.handler] : [])),
    );
    const services = new Map(
      declaration.services.map((service) => [
        service.name,
        new BackendService(this, `Service-${service.name}`, {
          service,
          streamTables: (name) => tables.table(name),
          eventHandlers: eventHandlers.filter((h) => serviceOfModule(h.module) === service.name),
          logRetention,
        }),
      ]),
    );
    const serviceNamed = (name: string): BackendService => {
      const service = services.get(name);
      if (!service) throw new Error(`No service is declared as ${name}.`);
      return service;
    };

    const api = new CommerceApi(this, 'GraphQL', {
      declaration,
      userPool: users.userPool,
      tables,
      services,
      logRetention,
      fieldLogLevel: props.fieldLogLevel,
      apiKeyGeneration: props.apiKeyGeneration,
      // The explorer and code generators read the schema through introspection; in production
      // nobody needs to, and it would hand any guest the whole schema, back office included.
      introspection: declaration.apiLimits.introspection && props.stage !== 'production',
    });
    new ApiFirewall(this, 'Firewall', { api: api.api });
    const events = new EventPlatform(this, 'Events', {
      eventBusName: declaration.eventBusName,
      rules: declaration.eventRules,
      schedules: declaration.schedules,
      functionFor: (reference) => serviceNamed(serviceOfModule(reference.module)).functionFor(reference),
      api: api.api,
      bucketName: (name) => buckets.bucket(name).bucketName,
    });

    this.alertTopics = new AlertTopics(this, 'Alerts', {
      names: declaration.alertTopics,
      alertEmail: props.alertEmail,
      removalPolicy: props.removalPolicy,
    });
    const { secretName, ...paymentProviders } = props.paymentProviders;
    const { sesIdentity, ...mail } = props.mail;
    const sesIdentityArn = Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: sesIdentity });
    const paymentSecret = Secret.fromSecretNameV2(this, 'PaymentSecret', secretName);
    for (const service of services.values()) {
      const resources = declaration.serviceResources[service.name] ?? {};
      for (const [table, actions] of Object.entries(resources.tables ?? {}))
        service.useTable(table, tables.table(table), actions);
      for (const other of resources.calls ?? []) service.callService(serviceNamed(other));
      if (resources.eventBus) service.useEventBus(events.bus);
      if (resources.paymentProvider) service.usePaymentProviders({ ...paymentProviders, secret: paymentSecret });
      for (const [bucket, use] of Object.entries(resources.buckets ?? {})) service.useBucket(bucket, buckets.bucket(bucket), use);
      if (resources.invoicing) service.useInvoicing(props.invoicing);
      if (resources.mail) service.useMail(mail, sesIdentityArn);
      for (const topic of resources.alerts ?? []) service.useAlertTopic(topic, this.alertTopics.topics[topic]);
    }

    new Monitoring(this, 'Monitoring', {
      api: api.api,
      apiLogGroup: api.logGroup,
      functions: new Map([...services.values()].flatMap((service) => [...service.functions])),
      deadLetterQueues: new Map([
        ...[...services.values()].flatMap((service) => [...service.streamDeadLetterQueues]),
        ['event-targets', events.deadLetterQueue] as const,
      ]),
      notifications: this.alertTopics,
    });

    new CfnOutput(this, 'GraphqlUrl', { value: api.api.graphqlUrl });
    new CfnOutput(this, 'ApiKey', { value: api.api.apiKey ?? '' });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
    new CfnOutput(this, 'Region', { value: this.region });
  }
}
