// The backend services' functions as Lambda runs them. Each service gets a role of its own,
// allowed only the calls the CDK app grants it, and sees only its own environment variables
// (system/serviceResources.ts: its tables, the services it calls, the bus, the payment
// providers and their secret), with the local endpoints beside them. Its handlers are loaded and invoked inside
// that environment, so a service that reads another's variable fails here as it would on AWS.
import { FunctionEnvironment } from 'appsync-local/lambda/environment.ts';
import { defaultRestApiId } from 'appsync-local/apigateway/definition.ts';
import { LOCAL_ACCOUNT_ID, type LocalIam, type LocalRole, type PolicyStatement } from 'appsync-local/iam/principals.ts';
import { alertTopicEnvironmentName, type AlertTopicName } from '../system/alerts.ts';
import { tableEnvironmentName } from '../system/api.ts';
import { eventSourceOf } from '../system/events.ts';
import type { HandlerReference } from '../system/handlers.ts';
import type { SystemDeclaration } from '../system/index.ts';
import {
  bucketEnvironmentName,
  INVOICING_VARIABLES,
  type InvoicingSettings,
  MAIL_VARIABLES,
  type MailSettings,
  type ServiceResources,
  serviceOfModule,
} from '../system/serviceResources.ts';
import { serviceUrlVariable } from '../system/services.ts';
import { loadHandler } from './handlers.ts';

export interface ServiceFunctionsOptions {
  declaration: SystemDeclaration;
  iam: LocalIam;
  region: string;
  dynamodbEndpoint: string;
  eventBus: { readonly name: string; readonly endpoint: string };
  /** The payment service's providers and its secret, as the CDK app configures them. */
  payments: LocalPaymentSettings;
  /** Each service's base URL (origin + stage), as its callers' `<NAME>_API_URL` holds it. */
  serviceUrls: Readonly<Record<string, string>>;
  /** The local S3: its endpoint, its one key pair, and each bucket's name by logical name. */
  s3: LocalS3Settings;
  /** The seller and currency on invoices, as the CDK app's context gives them. */
  invoicing: InvoicingSettings;
  /** The email settings, as the CDK app's context gives them, and the local mailbox's SMTP server. */
  mail: LocalMailSettings;
  /** The local SNS and the team's alert topics on it. */
  alerts: { readonly endpoint: string; readonly topicArns: Readonly<Record<AlertTopicName, string>> };
}

export interface LocalMailSettings extends MailSettings {
  readonly smtp: { readonly host: string; readonly port: number };
}

export interface LocalS3Settings {
  readonly endpoint: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly buckets: Readonly<Record<string, string>>;
}

export interface LocalPaymentSettings {
  /** The card provider (the simulator). */
  readonly providerUrl: string;
  /** The secret holding the keys, its ARN in the local Secrets Manager, and that endpoint. */
  readonly secretArn: string;
  readonly secretsManagerEndpoint: string;
  readonly gateway: {
    readonly url: string;
    readonly appId: number;
    readonly callbackUrl: string;
    readonly redirectUrl?: string;
    readonly paymentTtlSeconds: number;
    readonly sweepGraceSeconds: number;
  };
}

export interface ServiceFunctions {
  /** The variables a service's functions see (its own, plus the process's). */
  environmentOf(service: string): Readonly<Record<string, string>>;
  /** The role a service's functions sign their calls with. */
  roleOf(service: string): LocalRole;
  /** Loads a handler in its service's environment; each call of the result runs there too. */
  load<T extends (...args: never[]) => unknown>(reference: HandlerReference): Promise<T>;
}

export function createServiceFunctions(options: ServiceFunctionsOptions): ServiceFunctions {
  const { declaration } = options;
  // What the process holds of these (a developer's shell, a test) stays out of every function.
  const declared = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION']);
  for (const service of declaration.services) {
    for (const name of Object.keys(variablesOf(declaration.serviceResources[service.name] ?? {}, options))) declared.add(name);
  }
  const inherit = (name: string) => !declared.has(name);
  const roles = new Map<string, LocalRole>();
  const environments = new Map(
    declaration.services.map((service) => {
      const resources = declaration.serviceResources[service.name] ?? {};
      const role = options.iam.createRole(`${service.name}-functions`, grantsOf(service.name, resources, options));
      roles.set(service.name, role);
      return [
        service.name,
        new FunctionEnvironment(
          {
            AWS_REGION: options.region,
            AWS_ACCESS_KEY_ID: role.accessKeyId,
            AWS_SECRET_ACCESS_KEY: role.secretAccessKey,
            ...variablesOf(resources, options),
          },
          { inherit },
        ),
      ];
    }),
  );
  const environmentFor = (reference: HandlerReference): FunctionEnvironment => {
    const service = serviceOfHandler(declaration, reference);
    const environment = environments.get(service);
    if (!environment) throw new Error(`${reference.module} belongs to no declared service (${service}).`);
    return environment;
  };
  return {
    environmentOf: (service) => environments.get(service)?.variables() ?? {},
    roleOf: (service) => {
      const role = roles.get(service);
      if (!role) throw new Error(`No service is named ${service}.`);
      return role;
    },
    async load<T extends (...args: never[]) => unknown>(reference: HandlerReference): Promise<T> {
      const environment = environmentFor(reference);
      const handler = await environment.run(() => loadHandler<T>(reference));
      return ((...args: Parameters<T>) => environment.run(() => handler(...args))) as T;
    },
  };
}

/** What the CDK app's `use…` calls set (infra/constructs/backendService.ts), plus the local endpoints. */
function variablesOf(resources: ServiceResources, options: ServiceFunctionsOptions): Record<string, string> {
  const tables = Object.keys(resources.tables ?? {});
  return {
    ...Object.fromEntries(tables.map((table) => [tableEnvironmentName(table), table])),
    ...(tables.length > 0 ? { DYNAMODB_ENDPOINT: options.dynamodbEndpoint } : {}),
    ...Object.fromEntries((resources.calls ?? []).map((other) => [serviceUrlVariable(other), urlOf(other, options)])),
    ...(resources.eventBus ? { EVENT_BUS_NAME: options.eventBus.name, EVENT_BUS_ENDPOINT: options.eventBus.endpoint } : {}),
    ...(resources.paymentProvider ? paymentVariables(options.payments) : {}),
    ...bucketVariables(resources, options.s3),
    ...(resources.invoicing
      ? Object.fromEntries(
          Object.entries(INVOICING_VARIABLES).map(([key, name]) => [name, options.invoicing[key as keyof InvoicingSettings]]),
        )
      : {}),
    ...(resources.mail ? mailVariables(options.mail) : {}),
    ...alertVariables(resources, options.alerts),
  };
}

/** Each alert topic's ARN, and the local SNS beside them. */
function alertVariables(resources: ServiceResources, alerts: ServiceFunctionsOptions['alerts']): Record<string, string> {
  const topics = resources.alerts ?? [];
  if (topics.length === 0) return {};
  return {
    ...Object.fromEntries(topics.map((topic) => [alertTopicEnvironmentName(topic), alerts.topicArns[topic]])),
    SNS_ENDPOINT: alerts.endpoint,
  };
}

/** The email settings, and the local mailbox in place of SES. */
function mailVariables(mail: LocalMailSettings): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(MAIL_VARIABLES).map(([key, name]) => [name, mail[key as keyof MailSettings]])),
    SMTP_HOST: mail.smtp.host,
    SMTP_PORT: String(mail.smtp.port),
  };
}

/** Each bucket's name, and the local S3 (path-style, its own key pair) beside them. */
function bucketVariables(resources: ServiceResources, s3: LocalS3Settings): Record<string, string> {
  const buckets = Object.keys(resources.buckets ?? {});
  if (buckets.length === 0) return {};
  return {
    ...Object.fromEntries(buckets.map((bucket) => [bucketEnvironmentName(bucket), bucketName(bucket, s3)])),
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  };
}

function bucketName(bucket: string, s3: LocalS3Settings): string {
  const name = s3.buckets[bucket];
  if (!name) throw new Error(`The bucket ${bucket} is used but the local S3 holds none for it.`);
  return name;
}

/** No key among them: the service reads its keys from the secret at run time, as on AWS. */
function paymentVariables(payments: LocalPaymentSettings): Record<string, string> {
  const { gateway } = payments;
  return {
    PAYMENT_PROVIDER_URL: payments.providerUrl,
    PAYMENT_SECRET_ID: payments.secretArn,
    SECRETS_MANAGER_ENDPOINT: payments.secretsManagerEndpoint,
    GATEWAY_URL: gateway.url,
    GATEWAY_APP_ID: String(gateway.appId),
    GATEWAY_CALLBACK_URL: gateway.callbackUrl,
    ...(gateway.redirectUrl ? { GATEWAY_REDIRECT_URL: gateway.redirectUrl } : {}),
    GATEWAY_PAYMENT_TTL_SECONDS: String(gateway.paymentTtlSeconds),
    GATEWAY_SWEEP_GRACE_SECONDS: String(gateway.sweepGraceSeconds),
  };
}

/**
 * The grants the CDK app gives the service's functions (infra/constructs/backendService.ts), on
 * the local resources: each IAM route of the services it calls, the bus with its own source only.
 */
export function grantsOf(service: string, resources: ServiceResources, options: ServiceFunctionsOptions): PolicyStatement[] {
  const arn = (awsService: string, rest: string) => `arn:aws:${awsService}:${options.region}:${LOCAL_ACCOUNT_ID}:${rest}`;
  return [
    ...(resources.calls ?? []).flatMap((other) => serviceRouteGrants(options.declaration, options.region, other)),
    ...(resources.eventBus
      ? [
          {
            action: 'events:PutEvents',
            resource: arn('events', `event-bus/${options.eventBus.name}`),
            condition: { StringEquals: { 'events:source': eventSourceOf(service) } },
          },
        ]
      : []),
    ...(resources.paymentProvider ? [{ action: 'secretsmanager:GetSecretValue', resource: options.payments.secretArn }] : []),
    ...(resources.alerts ?? []).map((topic) => ({ action: 'sns:Publish', resource: options.alerts.topicArns[topic] })),
    // Recorded as on AWS; the local S3 itself checks no policy (its README).
    ...Object.entries(resources.buckets ?? {}).flatMap(([bucket, use]) =>
      use.actions.map((action) => ({ action, resource: `arn:aws:s3:::${bucketName(bucket, options.s3)}/${use.prefix}*` })),
    ),
  ];
}

function urlOf(service: string, options: ServiceFunctionsOptions): string {
  const url = options.serviceUrls[service];
  if (!url) throw new Error(`The service ${service} is called but not declared.`);
  return url;
}

/**
 * The service a handler belongs to: `backend-services/<service>/…`, as the CDK app decides; a
 * module elsewhere (a test's fixture) belongs to the declared service whose routes or table
 * events live in the same folder.
 */
function serviceOfHandler(declaration: SystemDeclaration, reference: HandlerReference): string {
  if (reference.module.startsWith('backend-services/')) return serviceOfModule(reference.module);
  const folder = reference.module.slice(0, reference.module.lastIndexOf('/') + 1);
  const owner = declaration.services.find((service) =>
    [...service.routes.map((r) => r.handler), ...(service.tableEvents ?? []).map((t) => t.handler)].some((h) =>
      h.module.startsWith(folder),
    ),
  );
  return owner?.name ?? reference.module;
}

/** execute-api:Invoke on a service's REST API: `rest` is `<stage>/<METHOD>/<path>`. */
function invokeGrant(region: string, service: string, rest: string): PolicyStatement {
  return {
    action: 'execute-api:Invoke',
    resource: `arn:aws:execute-api:${region}:${LOCAL_ACCOUNT_ID}:${defaultRestApiId(service)}/${rest}`,
  };
}

/**
 * The API's grants on the services, as the CDK app gives them: each route an HTTP data source
 * names ({param} segments: any value).
 */
export function apiRouteGrants(declaration: SystemDeclaration, region: string): PolicyStatement[] {
  return Object.values(declaration.dataSources).flatMap((source) =>
    source.type === 'HTTP' ? serviceRouteGrants(declaration, region, source.service, source.routes) : [],
  );
}

/**
 * execute-api:Invoke on each declared IAM route of `service` (or those `only` names, "METHOD
 * /path"), as BackendService.routeArns grants them: {param} segments match any value; a route
 * without IAM is never granted (anyone may call it).
 */
export function serviceRouteGrants(
  declaration: SystemDeclaration,
  region: string,
  service: string,
  only?: readonly string[],
): PolicyStatement[] {
  const declared = declaration.services.find((s) => s.name === service);
  if (!declared) throw new Error(`The service ${service} is called but not declared.`);
  const routes = only
    ? only.map((name) => {
        const route = declared.routes.find((r) => `${r.method} ${r.path}` === name);
        if (!route) throw new Error(`The ${service} service declares no route ${name}.`);
        return route;
      })
    : declared.routes.filter((route) => (route.authorization ?? 'IAM') === 'IAM');
  return routes.map((route) =>
    invokeGrant(region, service, `${declared.stage}/${route.method}${route.path.replace(/\{[^}]+\}/g, '*')}`),
  );
}
