// One backend service (system/services.ts): a REST API with IAM auth on every method but those
// declared without (each then throttled as declared), a function per handler, and its
// table-events handlers fed by their tables' streams with bisect-on-error, retries and a
// dead-letter queue. The use… methods set an environment variable on every function of the
// service together with the grant it needs.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { tableEnvironmentName } from '../../system/api.ts';
import { eventSourceOf } from '../../system/events.ts';
import { functionNameOf, type HandlerReference } from '../../system/handlers.ts';
import { TIMEOUTS } from '../../system/timeouts.ts';
import {
  type RouteDeclaration,
  type ServiceDeclaration,
  serviceUrlVariable,
  tableEventsSettings,
} from '../../system/services.ts';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  type BucketUse,
  bucketEnvironmentName,
  INVOICING_VARIABLES,
  MAIL_VARIABLES,
  type MailSettings,
  type InvoicingSettings,
  type TableAction,
} from '../../system/serviceResources.ts';
import { alertTopicEnvironmentName, type AlertTopicName } from '../../system/alerts.ts';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { acknowledgeWildcardResources } from '../nag.ts';
import { HandlerFunction } from './handlerFunction.ts';

/**
 * The payment providers, as infra/app.ts reads them from context: the card provider's URL and the
 * gateway's settings. Their keys are not here: the functions read them from `secret` at run time.
 */
export interface PaymentProviders {
  readonly providerUrl: string;
  /** One secret, JSON `{ providerSecretKey, gatewayKey1, gatewayKey2 }` (backend-services/payment/secrets.ts). */
  readonly secret: ISecret;
  readonly gateway: {
    readonly url: string;
    readonly appId: number;
    readonly paymentTtlSeconds: number;
    readonly sweepGraceSeconds: number;
    /** Where the gateway's page sends the shopper back; unset, the gateway's default. */
    readonly redirectUrl?: string | undefined;
  };
}

/**
 * Every stage's throttling, where a method's declaration says none: well under the 10,000
 * requests per second (burst 5,000) that all the APIs of an account's region share, so that one
 * runaway caller of one service cannot starve the others, and far above what the store needs.
 */
export const STAGE_THROTTLING = { rateLimit: 500, burstLimit: 1000 } as const;

/** The route the gateway calls back (system/services.ts): its URL is GATEWAY_CALLBACK_URL. */
const GATEWAY_CALLBACK_ROUTE = 'POST /payments/callback';

export interface BackendServiceProps {
  readonly service: ServiceDeclaration;
  /** The tables its tableEvents read the streams of, by logical name. */
  readonly streamTables: (name: string) => ITable;
  /** Handlers of this service that event rules and schedules target (system/events.ts). */
  readonly eventHandlers: readonly HandlerReference[];
  readonly logRetention: RetentionDays;
}

export class BackendService extends Construct {
  /** Its REST API; none for a service that only reacts to events (it declares no routes). */
  private readonly restApi: RestApi | undefined;
  /** Every function of the service, by its name (system/handlers.ts functionNameOf). */
  readonly functions = new Map<string, HandlerFunction>();
  /** Dead-letter queues of the stream mappings, by function name. */
  readonly streamDeadLetterQueues = new Map<string, Queue>();
  private readonly service: ServiceDeclaration;
  private readonly logRetention: RetentionDays;

  constructor(scope: Construct, id: string, props: BackendServiceProps) {
    super(scope, id);
    this.service = props.service;
    this.logRetention = props.logRetention;
    assertUnsignedRoutesThrottled(props.service);
    this.restApi = props.service.routes.length === 0 ? undefined : this.createRestApi(props.service);
    for (const route of props.service.routes) {
      const fn = this.functionFor(route.handler);
      const integration = new LambdaIntegration(fn, { timeout: Duration.millis(TIMEOUTS.integrationMs) });
      const method = this.api.root.resourceForPath(route.path).addMethod(route.method, integration, {
        authorizationType: isSigned(route) ? AuthorizationType.IAM : AuthorizationType.NONE,
      });
      if (isSigned(route)) {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason:
            "Signed with IAM (SigV4) by AppSync's HTTP data sources and the services' functions, each role allowed only " +
            'the routes it is granted: no end user calls a service API, so there is no user pool token to check.',
        });
      } else {
        const reason =
          "The payment gateway's callback: the gateway cannot sign requests, so the route takes no authorization; its " +
          "handler believes nothing before the callback's MAC verifies with the gateway's key2, and the route is throttled as declared.";
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason }, { id: 'AwsSolutions-COG4', reason });
      }
      Validations.of(fn).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'API Gateway invokes it synchronously and its caller gets the error: no invocation is left to dead-letter, so a ' +
          'dead-letter queue would stay empty.',
      });
    }
    for (const tableEvents of props.service.tableEvents ?? []) {
      const fn = this.functionFor(tableEvents.handler);
      const settings = tableEventsSettings(tableEvents);
      const deadLetterQueue = new Queue(this, `${fn.node.id}Dlq`, {
        retentionPeriod: Duration.days(14),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const isDeadLetterQueue =
        "It is a dead-letter queue itself (its stream mapping's on-failure destination): nothing consumes it to fail " +
        'again, and its depth is alarmed (order-errors).';
      Validations.of(deadLetterQueue).acknowledge(
        { id: 'AwsSolutions-SQS3', reason: isDeadLetterQueue },
        { id: 'Serverless-SQSRedrivePolicy', reason: isDeadLetterQueue },
      );
      Validations.of(fn).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          "Its stream mapping invokes it synchronously and sends a batch it still fails on to the mapping's on-failure " +
          "destination, the service's dead-letter queue: a function dead-letter queue would never receive anything.",
      });
      fn.addEventSource(
        new DynamoEventSource(props.streamTables(tableEvents.table), {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: settings.batchSize,
          retryAttempts: settings.maximumRetryAttempts,
          bisectBatchOnError: settings.bisectBatchOnFunctionError,
          onFailure: new SqsDlq(deadLetterQueue),
        }),
      );
      this.streamDeadLetterQueues.set(fn.node.id, deadLetterQueue);
    }
    for (const reference of props.eventHandlers) this.functionFor(reference);
  }

  /**
   * The service's REST API: IAM auth on every route but those declared otherwise, throttled per
   * stage and route, each request in its access log and errors in its execution log. API Gateway
   * writes both with the account's CloudWatch role, set once per account and region
   * (infra/README.md, "The REST APIs' logs"): the stack does not set it (`cloudWatchRole: false`),
   * as that setting is the whole account's.
   */
  private createRestApi(service: ServiceDeclaration): RestApi {
    const unsigned = service.routes.filter((route) => !isSigned(route)).map(routeName);
    // A method with settings of its own is not sure to keep the stage's: each repeats these.
    // Execution logs at ERROR: what failed in API Gateway itself, never a request's body (no data trace).
    const methodSettings = { metricsEnabled: true, loggingLevel: MethodLoggingLevel.ERROR, dataTraceEnabled: false } as const;
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: this.logRetention });
    const api = new RestApi(this, 'Api', {
      restApiName: service.name,
      description: `The ${service.name} service (IAM auth${unsigned.length > 0 ? `, but none on ${unsigned.join(', ')}` : ''}).`,
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
      cloudWatchRole: false,
      deployOptions: {
        stageName: service.stage,
        tracingEnabled: true,
        // One JSON line per request: its id, the caller (the signing role's session; the IP), method, path, status.
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        ...methodSettings,
        ...throttlingOptions(STAGE_THROTTLING),
        // Keyed "/path/METHOD".
        methodOptions: Object.fromEntries(
          service.routes.flatMap((route) =>
            route.throttling
              ? [[`${route.path}/${route.method}`, { ...methodSettings, ...throttlingOptions(route.throttling) }]]
              : [],
          ),
        ),
      },
    });
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Each handler validates its request: the one adapter (backend-services/platform/http.ts) answers 400 to a body ' +
        'that is not JSON and each route checks its fields; API Gateway models would be a second copy of those checks.',
    });
    Validations.of(api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        "Every route but one refuses a request not signed by a role allowed to invoke it (AppSync's data sources, the " +
        "services' functions), and the gateway's callback is throttled and believes nothing before its MAC verifies.",
    });
    // API Gateway names the execution log group itself, and would create it without retention:
    // the stack makes it first, with the stack's retention.
    const executionLogs = new LogGroup(this, 'ApiExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${api.restApiId}/${service.stage}`,
      retention: this.logRetention,
    });
    api.deploymentStage.node.addDependency(executionLogs);
    return api;
  }

  get name(): string {
    return this.service.name;
  }

  /** Its REST API; asking for one of a service without routes is an error (nothing could call it). */
  get api(): RestApi {
    if (!this.restApi) throw new Error(`The ${this.service.name} service declares no routes, so it has no API.`);
    return this.restApi;
  }

  /** The base URL of the service's API, stage included (https://…/prod/). */
  get url(): string {
    return this.api.url;
  }

  /** The function of a declared handler of this service (one per module and export). */
  functionFor(reference: HandlerReference): HandlerFunction {
    const name = functionNameOf(this.service.name, reference);
    let fn = this.functions.get(name);
    if (!fn) {
      fn = new HandlerFunction(this, name, { handler: reference, logRetention: this.logRetention });
      this.functions.set(name, fn);
    }
    return fn;
  }

  /** Takes only `actions` on `table` (and its indexes), named by `<NAME>_TABLE`. */
  useTable(logicalName: string, table: ITable, actions: readonly TableAction[]): void {
    for (const fn of this.functions.values()) {
      fn.addEnvironment(tableEnvironmentName(logicalName), table.tableName);
      const grant = table.grant(fn, ...actions);
      acknowledgeWildcardResources(
        fn.executionRole,
        grant.principalStatements.flatMap((statement) => statement.resources),
        "The table's indexes (`<table>/index/*`), which table.grant adds so that a granted Query reaches them; the " +
          "actions are only those the service's code sends (serviceTableAccess.test.ts).",
      );
    }
  }

  /** Takes only `use.actions`, on the objects under `use.prefix` of `bucket`, named by `<NAME>_BUCKET`. */
  useBucket(logicalName: string, bucket: IBucket, use: BucketUse): void {
    for (const fn of this.functions.values()) {
      fn.addEnvironment(bucketEnvironmentName(logicalName), bucket.bucketName);
      const objects = bucket.arnForObjects(`${use.prefix}*`);
      fn.addToRolePolicy(new PolicyStatement({ actions: [...use.actions], resources: [objects] }));
      acknowledgeWildcardResources(
        fn.executionRole,
        [objects],
        "The objects under the service's prefix (`invoices/*`), one per document: only the S3 actions its code sends.",
      );
    }
  }

  /** Prints `settings` (the seller, the currency) on invoices, and presigns their URLs for as long. */
  useInvoicing(settings: InvoicingSettings): void {
    for (const fn of this.functions.values()) {
      for (const [key, name] of Object.entries(INVOICING_VARIABLES))
        fn.addEnvironment(name, settings[key as keyof InvoicingSettings]);
    }
  }

  /**
   * Sends email as `settings.from` through Amazon SES (v2 SendEmail with raw content, which SES
   * authorizes as both actions) from the verified identity `identityArn`, and only from it.
   */
  useMail(settings: MailSettings, identityArn: string): void {
    for (const fn of this.functions.values()) {
      for (const [key, name] of Object.entries(MAIL_VARIABLES)) fn.addEnvironment(name, settings[key as keyof MailSettings]);
      fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [identityArn] }));
    }
  }

  /** Publishes the team's alerts to `topic` (and may use its key), named by `<NAME>_TOPIC_ARN`. */
  useAlertTopic(name: AlertTopicName, topic: ITopic): void {
    for (const fn of this.functions.values()) {
      fn.addEnvironment(alertTopicEnvironmentName(name), topic.topicArn);
      topic.grantPublish(fn);
      Validations.of(fn.executionRole).acknowledge({
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          "Publishing to a topic encrypted with a customer managed key takes that key's kms:GenerateDataKey* and " +
          "kms:Decrypt (SNS Developer Guide, key management), which topic.grantPublish gives on the alert topics' key only.",
      });
    }
  }

  /** Calls `other`'s routes, at `<NAME>_API_URL`. */
  callService(other: BackendService): void {
    for (const fn of this.functions.values()) {
      fn.addEnvironment(serviceUrlVariable(other.name), other.url);
      other.grantInvoke(fn);
    }
  }

  /**
   * Puts its own events on `bus`, named by EVENT_BUS_NAME: events:PutEvents on the bus only with
   * its own source (`ecommerce.<service>`). Not `bus.grantPutEventsTo`, which sets no condition,
   * so that any service could put another's events (an OrderStatusChanged that settles a payment).
   */
  useEventBus(bus: IEventBus): void {
    for (const fn of this.functions.values()) {
      fn.addEnvironment('EVENT_BUS_NAME', bus.eventBusName);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['events:PutEvents'],
          resources: [bus.eventBusArn],
          conditions: { StringEquals: { 'events:source': eventSourceOf(this.service.name) } },
        }),
      );
    }
  }

  /**
   * Calls the card provider and the payment gateway (backend-services/payment/config.ts). The keys
   * stay in `providers.secret`: the functions get its ARN and may read it, and read it at run time.
   */
  usePaymentProviders(providers: PaymentProviders): void {
    const { gateway } = providers;
    const environment: Record<string, string> = {
      PAYMENT_PROVIDER_URL: providers.providerUrl,
      PAYMENT_SECRET_ID: providers.secret.secretArn,
      GATEWAY_URL: gateway.url,
      GATEWAY_APP_ID: String(gateway.appId),
      GATEWAY_CALLBACK_URL: this.routeUrl(GATEWAY_CALLBACK_ROUTE),
      GATEWAY_PAYMENT_TTL_SECONDS: String(gateway.paymentTtlSeconds),
      GATEWAY_SWEEP_GRACE_SECONDS: String(gateway.sweepGraceSeconds),
      ...(gateway.redirectUrl ? { GATEWAY_REDIRECT_URL: gateway.redirectUrl } : {}),
    };
    for (const fn of this.functions.values()) {
      for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
      providers.secret.grantRead(fn);
    }
  }

  /** Lets `grantee` invoke this service's declared IAM routes (or those `only` names), and nothing else of it. */
  grantInvoke(grantee: IGrantable, only?: readonly string[]): void {
    const routes = this.routeArns(only);
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['execute-api:Invoke'], resources: routes }));
    if (Construct.isConstruct(grantee.grantPrincipal)) {
      acknowledgeWildcardResources(
        grantee.grantPrincipal,
        routes,
        "A route's path parameter (`/products/{productId}` as `/products/*`), which takes any value: the route's own " +
          'method, on its API and stage only.',
      );
    }
  }

  /**
   * The execute-api ARN of each declared IAM route ({param} segments match any value), or of those
   * `only` names ("METHOD /path"). Naming a route the service does not declare is an error, and so
   * is naming one without IAM: anyone may call it, so a grant to invoke it would mean nothing.
   */
  routeArns(only?: readonly string[]): string[] {
    const declared = new Map(this.service.routes.map((route) => [routeName(route), route]));
    const unknown = (only ?? []).filter((name) => !declared.has(name));
    if (unknown.length > 0) throw new Error(`The ${this.service.name} service declares no route ${unknown.join(', ')}.`);
    const unsigned = (only ?? []).filter((name) => !isSigned(declared.get(name)!));
    if (unsigned.length > 0) {
      throw new Error(
        `The ${this.service.name} service's ${unsigned.join(', ')} takes no IAM authorization (authorization NONE): ` +
          'anyone may call it, so it cannot be granted; grant its IAM routes only.',
      );
    }
    const routes = only ? only.map((name) => declared.get(name)!) : this.service.routes.filter(isSigned);
    return routes.map((route) =>
      this.api.arnForExecuteApi(route.method, route.path.replace(/\{[^}]+\}/g, '*'), this.service.stage),
    );
  }

  /** The origin of the API (https://<id>.execute-api.<region>.<suffix>), as HTTP data sources call it. */
  get origin(): string {
    const stack = Stack.of(this);
    return `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /**
   * The public URL of a declared route ("METHOD /path"), from the API's id and the declared stage
   * name. Not `api.urlForPath`: that references the Stage, which depends on the deployment, the
   * methods and so on this service's functions; a function holding it would close the circle.
   */
  routeUrl(name: string): string {
    const route = this.service.routes.find((r) => routeName(r) === name);
    if (!route) throw new Error(`The ${this.service.name} service declares no route ${name}.`);
    return `${this.origin}/${this.service.stage}${route.path}`;
  }
}

/** "METHOD /path", as data sources and grants name a route. */
function routeName(route: RouteDeclaration): string {
  return `${route.method} ${route.path}`;
}

function throttlingOptions(throttling: NonNullable<RouteDeclaration['throttling']>) {
  return { throttlingRateLimit: throttling.rateLimit, throttlingBurstLimit: throttling.burstLimit };
}

/** Whether callers must sign the route with SigV4 (IAM, the default). */
function isSigned(route: RouteDeclaration): boolean {
  return (route.authorization ?? 'IAM') === 'IAM';
}

/** A route without IAM is open to whoever finds its URL: only its throttling bounds what it costs. */
function assertUnsignedRoutesThrottled(service: ServiceDeclaration): void {
  const unthrottled = service.routes.filter((route) => !isSigned(route) && !route.throttling).map(routeName);
  if (unthrottled.length > 0) {
    throw new Error(
      `The ${service.name} service's ${unthrottled.join(', ')} is declared without IAM (authorization NONE) ` +
        'but without throttling: declare its throttling { rateLimit, burstLimit } in system/services.ts.',
    );
  }
}
