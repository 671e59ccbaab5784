// The AppSync API of system/api.ts: the schema, the auth modes, every data source with a role
// that may do only what its resolvers do, and every function and resolver running the bundles
// of build/resolvers (APPSYNC_JS). Field-level logging and X-Ray are on.
import { Duration, Expiration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  type ApiKeyConfig,
  AppsyncFunction,
  AuthorizationType,
  type CfnGraphQLApi,
  Code,
  type BaseDataSource,
  Definition,
  DynamoDbDataSource,
  FieldLogLevel,
  FunctionRuntime,
  GraphqlApi,
  IntrospectionConfig,
  Resolver,
} from 'aws-cdk-lib/aws-appsync';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type ILogGroup, LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tableEnvironmentName } from '../../system/api.ts';
import { functionBundlePath, resolverBundlePath, SCHEMA_FILE } from '../../system/artifacts.ts';
import type { SystemDeclaration } from '../../system/index.ts';
import type { BackendService } from './backendService.ts';
import type { CommerceTables } from './tables.ts';
import { indexesQueriedBy, tableAccessOf } from './resolverAccess.ts';

/**
 * How long the guests' API key is valid from each deploy. AppSync takes 1 to 365 days from the
 * time the key is created or updated (ApiKeyValidityOutOfBoundsException otherwise); CDK computes
 * the expiry when it synthesizes, so each deploy moves it a year on. An hour under the maximum
 * leaves room for the time between synthesis and deploy and for a fast clock.
 */
export const API_KEY_LIFETIME = Duration.hours(365 * 24 - 1);

/** cdk-nag's ASC3 wants the verbose content logged; issue 19 keeps it out of CloudWatch on purpose. */
const ASC3_REASON =
  'Request-level logging is on (its own log group and role, field errors at least), but without the verbose ' +
  'content: request headers, context and evaluated resolver code carry payment tokens, addresses and phone numbers, ' +
  'which must not reach CloudWatch whatever the field log level.';

export interface CommerceApiProps {
  readonly declaration: SystemDeclaration;
  readonly userPool: IUserPool;
  readonly tables: CommerceTables;
  readonly services: ReadonlyMap<string, BackendService>;
  readonly logRetention: RetentionDays;
  readonly fieldLogLevel?: FieldLogLevel;
  /**
   * The guests' API key's generation (1, 2, …). A new generation is a new key: the old one is
   * deleted when the deploy completes (infra/README.md, "The guests' API key").
   */
  readonly apiKeyGeneration: number;
  /** Whether `__schema` and `__type` may be queried. */
  readonly introspection: boolean;
}

export class CommerceApi extends Construct {
  readonly api: GraphqlApi;
  /** Where AppSync writes the field-level logs (errors only, unless fieldLogLevel says ALL). */
  readonly logGroup: ILogGroup;
  readonly dataSources = new Map<string, BaseDataSource>();

  constructor(scope: Construct, id: string, props: CommerceApiProps) {
    super(scope, id);
    const { declaration, tables } = props;
    this.api = new GraphqlApi(this, 'Api', {
      name: `${Stack.of(this).stackName}-api`,
      definition: Definition.fromFile(SCHEMA_FILE),
      authorizationConfig: {
        defaultAuthorization: { authorizationType: AuthorizationType.USER_POOL, userPoolConfig: { userPool: props.userPool } },
        additionalAuthorizationModes: declaration.authModes.additional.map((mode) =>
          mode === 'API_KEY'
            ? { authorizationType: AuthorizationType.API_KEY, apiKeyConfig: guestApiKey(props.apiKeyGeneration) }
            : { authorizationType: AuthorizationType.IAM },
        ),
      },
      xrayEnabled: true,
      queryDepthLimit: declaration.apiLimits.queryDepthLimit,
      resolverCountLimit: declaration.apiLimits.resolverCountLimit,
      introspectionConfig: props.introspection ? IntrospectionConfig.ENABLED : IntrospectionConfig.DISABLED,
      environmentVariables: Object.fromEntries(tables.all.map(([name, t]) => [tableEnvironmentName(name), t.tableName])),
    });
    this.logGroup = this.logFields(props.fieldLogLevel ?? FieldLogLevel.ERROR, props.logRetention);

    for (const [name, source] of Object.entries(declaration.dataSources)) {
      switch (source.type) {
        case 'AMAZON_DYNAMODB': {
          const role = new Role(this, `${name}Role`, { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
          const indexes = indexesQueriedBy(name);
          for (const [tableName, actions] of Object.entries(tableAccessOf(name))) {
            const target = tables.table(tableName);
            // Only the data source's own table is queried by index, and only by the indexes its bundles name.
            const indexArns = tableName === source.table ? indexes.map((index) => `${target.tableArn}/index/${index}`) : [];
            role.addToPolicy(new PolicyStatement({ actions: [...actions], resources: [target.tableArn, ...indexArns] }));
          }
          // The role's policy is the one above: the data source's own read-write grant is not added.
          this.dataSources.set(
            name,
            new DynamoDbDataSource(this, `DataSource-${name}`, {
              api: this.api,
              name,
              table: tables.table(source.table),
              serviceRole: role.withoutPolicyUpdates(),
            }),
          );
          break;
        }
        case 'HTTP': {
          const service = props.services.get(source.service);
          if (!service) throw new Error(`Data source ${name} calls the undeclared service ${source.service}.`);
          const dataSource = this.api.addHttpDataSource(name, service.origin, {
            authorizationConfig: { signingRegion: Stack.of(this).region, signingServiceName: 'execute-api' },
          });
          service.grantInvoke(dataSource, source.routes);
          this.dataSources.set(name, dataSource);
          break;
        }
        case 'AMAZON_EVENTBRIDGE':
          throw new Error(`Data source ${name}: EventBridge data sources are not deployed yet.`);
        case 'NONE':
          this.dataSources.set(name, this.api.addNoneDataSource(name));
          break;
      }
    }

    const functions = new Map<string, AppsyncFunction>();
    for (const fn of declaration.functions) {
      functions.set(
        fn.name,
        new AppsyncFunction(this, `Function-${fn.name}`, {
          api: this.api,
          name: fn.name,
          dataSource: this.dataSource(fn.dataSource),
          runtime: FunctionRuntime.JS_1_0_0,
          code: Code.fromAsset(functionBundlePath(fn.name)),
        }),
      );
    }
    for (const resolver of declaration.resolvers) {
      const code = Code.fromAsset(resolverBundlePath(resolver.typeName, resolver.fieldName));
      const common = {
        api: this.api,
        typeName: resolver.typeName,
        fieldName: resolver.fieldName,
        runtime: FunctionRuntime.JS_1_0_0,
        code,
      };
      new Resolver(
        this,
        `Resolver-${resolver.typeName}.${resolver.fieldName}`,
        resolver.kind === 'UNIT'
          ? { ...common, dataSource: this.dataSource(resolver.dataSource) }
          : {
              ...common,
              pipelineConfig: resolver.functions.map((name) => {
                const fn = functions.get(name);
                if (!fn) throw new Error(`${resolver.typeName}.${resolver.fieldName} uses the undeclared function ${name}.`);
                return fn;
              }),
            },
      );
    }
  }

  /**
   * Field-level logging to a log group of the stack with its retention, by a role that may write
   * only there (CloudFormation's log group ARN ends in `:*`, covering its streams). The
   * construct's own logConfig would add a custom resource that may change the retention of any
   * log group, and a managed policy on every log group.
   *
   * Verbose content (headers, the resolvers' context with the caller's arguments, the evaluated
   * requests and responses) is never logged, whatever the level: at ALL it would put every payment
   * token, address and phone number sent to the API in CloudWatch. What the resolver-errors alarm
   * counts stays: field-level errors, which every level but NONE logs (AppSync API Reference,
   * `LogConfig`).
   */
  private logFields(fieldLogLevel: FieldLogLevel, retention: RetentionDays): ILogGroup {
    const logGroup = new LogGroup(this, 'ApiLogs', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'ApiLogsRole', { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
    role.addToPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    (this.api.node.defaultChild as CfnGraphQLApi).logConfig = {
      cloudWatchLogsRoleArn: role.roleArn,
      fieldLogLevel,
      excludeVerboseContent: true,
    };
    Validations.of(this.api).acknowledge({ id: 'AwsSolutions-ASC3', reason: ASC3_REASON });
    return logGroup;
  }

  private dataSource(name: string): BaseDataSource {
    const found = this.dataSources.get(name);
    if (!found) throw new Error(`No data source is declared as ${name}.`);
    return found;
  }
}

/**
 * The guests' API key of a generation, valid API_KEY_LIFETIME from this deploy. The key's logical
 * id is CDK's `DefaultApiKey` for the first generation (the key deployed before generations
 * existed) and `Generation<n>ApiKey` after it, so a new generation replaces the key.
 */
function guestApiKey(generation: number): ApiKeyConfig {
  if (!Number.isSafeInteger(generation) || generation < 1)
    throw new Error(`The API key generation must be a positive whole number; it is ${generation}.`);
  return {
    ...(generation === 1 ? {} : { name: `Generation${generation}` }),
    description: `Guests' catalog key, generation ${generation}`,
    expires: Expiration.after(API_KEY_LIFETIME),
  };
}
