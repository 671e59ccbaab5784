// One backend service (system/services.ts): a REST API with IAM auth on every method, a
// function per handler, and its table-events handlers fed by their tables' streams with
// bisect-on-error, retries and a dead-letter queue. The use… methods set an environment
// variable on every function of the service together with the grant it needs.
import { Duration, Stack, type SecretValue } from 'aws-cdk-lib';
import { AuthorizationType, LambdaIntegration, MethodLoggingLevel, RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { tableEnvironmentName } from '../../system/api.ts';
import { functionNameOf, type HandlerReference } from '../../system/handlers.ts';
import { type ServiceDeclaration, serviceUrlVariable, tableEventsSettings } from '../../system/services.ts';
import type { TableAction } from '../../system/serviceResources.ts';
import { HandlerFunction } from './handlerFunction.ts';

export interface BackendServiceProps {
  readonly service: ServiceDeclaration;
  /** The tables its tableEvents read the streams of, by logical name. */
  readonly streamTables: (name: string) => ITable;
  /** Handlers of this service that event rules target (system/events.ts). */
  readonly eventHandlers: readonly HandlerReference[];
  readonly logRetention: RetentionDays;
}

export class BackendService extends Construct {
  readonly api: RestApi;
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
    this.api = new RestApi(this, 'Api', {
      restApiName: props.service.name,
      description: `The ${props.service.name} service (IAM auth).`,
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.service.stage,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.OFF,
      },
    });
    for (const route of props.service.routes) {
      this.api.root.resourceForPath(route.path).addMethod(route.method, new LambdaIntegration(this.functionFor(route.handler)));
    }
    for (const tableEvents of props.service.tableEvents ?? []) {
      const fn = this.functionFor(tableEvents.handler);
      const settings = tableEventsSettings(tableEvents);
      const deadLetterQueue = new Queue(this, `${fn.node.id}Dlq`, {
        retentionPeriod: Duration.days(14),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
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

  get name(): string {
    return this.service.name;
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
      table.grant(fn, ...actions);
    }
  }

  /** Calls `other`'s routes, at `<NAME>_API_URL`. */
  callService(other: BackendService): void {
    for (const fn of this.functions.values()) {
      fn.addEnvironment(serviceUrlVariable(other.name), other.url);
      other.grantInvoke(fn);
    }
  }

  /** Puts events on `bus`, named by EVENT_BUS_NAME. */
  useEventBus(bus: IEventBus): void {
    for (const fn of this.functions.values()) {
      fn.addEnvironment('EVENT_BUS_NAME', bus.eventBusName);
      bus.grantPutEventsTo(fn);
    }
  }

  /** Calls the payment provider at `url` with its secret key. */
  usePaymentProvider(url: string, secretKey: SecretValue): void {
    for (const fn of this.functions.values()) {
      fn.addEnvironment('PAYMENT_PROVIDER_URL', url);
      fn.addEnvironment('PAYMENT_PROVIDER_SECRET_KEY', secretKey.unsafeUnwrap());
    }
  }

  /** Lets `grantee` invoke this service's declared routes, and nothing else of it. */
  grantInvoke(grantee: IGrantable, only?: readonly string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['execute-api:Invoke'], resources: this.routeArns(only) }),
    );
  }

  /**
   * The execute-api ARN of each declared route ({param} segments match any value), or of those
   * `only` names ("METHOD /path"); naming a route the service does not declare is an error.
   */
  routeArns(only?: readonly string[]): string[] {
    const declared = new Map(this.service.routes.map((route) => [`${route.method} ${route.path}`, route]));
    const unknown = (only ?? []).filter((name) => !declared.has(name));
    if (unknown.length > 0) throw new Error(`The ${this.service.name} service declares no route ${unknown.join(', ')}.`);
    const routes = only ? only.map((name) => declared.get(name)!) : this.service.routes;
    return routes.map((route) =>
      this.api.arnForExecuteApi(route.method, route.path.replace(/\{[^}]+\}/g, '*'), this.service.stage),
    );
  }

  /** The origin of the API (https://<id>.execute-api.<region>.<suffix>), as HTTP data sources call it. */
  get origin(): string {
    const stack = Stack.of(this);
    return `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
