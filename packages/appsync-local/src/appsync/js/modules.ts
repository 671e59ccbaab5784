// The runtime side of @aws-appsync/utils, whose npm package ships types only: `util`, `runtime`
// and `extensions`, and the `@aws-appsync/utils/dynamodb` module. The evaluator creates these
// once per API and hands the same frozen objects to every evaluation; whatever belongs to one
// evaluation is reached through host.current().
//
// Not provided: util.rds and the @aws-appsync/utils/rds module (this project has no RDS data
// source), and the Bedrock helpers of @aws-appsync/utils/ai (no Bedrock data source).
import { type InvocationHost } from './invocation.ts';
import * as core from './util/core.ts';
import * as dynamodb from './util/dynamodb.ts';
import * as dynamodbHelpers from './util/dynamodbHelpers.ts';
import * as encoding from './util/encoding.ts';
import * as extensions from './util/extensions.ts';
import { toDynamoDBConditionExpression, toDynamoDBFilterExpression } from './util/filterExpression.ts';
import * as http from './util/http.ts';
import { autoId, autoKsuid, autoUlid } from './util/ids.ts';
import { matches } from './util/javaRegex.ts';
import * as math from './util/math.ts';
import { toElasticsearchQueryDSL } from './util/openSearchQuery.ts';
import { normalize } from './util/str.ts';
import { toSubscriptionFilter } from './util/subscriptionFilter.ts';
import * as time from './util/time.ts';
import * as xml from './util/xml.ts';

export type AppSyncUtil = ReturnType<typeof createUtil>;
export type AppSyncRuntime = ReturnType<typeof createRuntime>;
export type AppSyncExtensions = ReturnType<typeof createExtensions>;

export interface AppSyncModules {
  '@aws-appsync/utils': { util: AppSyncUtil; runtime: AppSyncRuntime; extensions: AppSyncExtensions };
  '@aws-appsync/utils/dynamodb': Record<string, unknown>;
}

export function createAppSyncModules(host: InvocationHost): AppSyncModules {
  return deepFreeze({
    '@aws-appsync/utils': {
      util: createUtil(host),
      runtime: createRuntime(),
      extensions: createExtensions(host),
    },
    '@aws-appsync/utils/dynamodb': createDynamoDBModule(),
  });
}

function createUtil(host: InvocationHost) {
  return {
    escapeJavaScript: encoding.escapeJavaScript,
    urlEncode: encoding.urlEncode,
    urlDecode: encoding.urlDecode,
    base64Encode: encoding.base64Encode,
    base64Decode: encoding.base64Decode,
    autoId: (): string => autoId(),
    autoUlid: (): string => autoUlid(),
    autoKsuid: (): string => autoKsuid(),
    unauthorized: core.unauthorized,
    error: core.error,
    appendError: (message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): void =>
      core.appendError(host, message, errorType, data, errorInfo),
    matches,
    authType: (): string => core.authType(host),
    time: {
      nowISO8601: time.nowISO8601,
      nowEpochSeconds: time.nowEpochSeconds,
      nowEpochMilliSeconds: time.nowEpochMilliSeconds,
      nowFormatted: time.nowFormatted,
      parseFormattedToEpochMilliSeconds: time.parseFormattedToEpochMilliSeconds,
      parseISO8601ToEpochMilliSeconds: time.parseISO8601ToEpochMilliSeconds,
      epochMilliSecondsToSeconds: time.epochMilliSecondsToSeconds,
      epochMilliSecondsToISO8601: time.epochMilliSecondsToISO8601,
      epochMilliSecondsToFormatted: time.epochMilliSecondsToFormatted,
    },
    dynamodb: {
      toDynamoDB: dynamodb.toDynamoDB,
      toString: dynamodb.toString,
      toStringSet: dynamodb.toStringSet,
      toNumber: dynamodb.toNumber,
      toNumberSet: dynamodb.toNumberSet,
      toBinary: dynamodb.toBinary,
      toBinarySet: dynamodb.toBinarySet,
      toBoolean: dynamodb.toBoolean,
      toNull: dynamodb.toNull,
      toList: dynamodb.toList,
      toMap: dynamodb.toMap,
      toMapValues: dynamodb.toMapValues,
      toS3Object: dynamodb.toS3Object,
      fromS3ObjectJson: dynamodb.fromS3ObjectJson,
    },
    http: {
      copyHeaders: http.copyHeaders,
      addResponseHeader: (name: unknown, value: unknown): void => http.addResponseHeader(host, name, value),
      addResponseHeaders: (headers: unknown): void => http.addResponseHeaders(host, headers),
    },
    xml: {
      toMap: xml.toMap,
      toJsonString: xml.toJsonString,
    },
    transform: {
      toDynamoDBFilterExpression,
      toDynamoDBConditionExpression,
      toElasticsearchQueryDSL,
      toSubscriptionFilter,
    },
    math: {
      roundNum: math.roundNum,
      minVal: math.minVal,
      maxVal: math.maxVal,
      randomDouble: math.randomDouble,
      randomWithinRange: math.randomWithinRange,
    },
    str: {
      normalize,
    },
  };
}

function createRuntime() {
  return {
    earlyReturn: core.earlyReturn,
  };
}

function createExtensions(host: InvocationHost) {
  return {
    evictFromApiCache: (typeName: unknown, fieldName: unknown, keys: unknown): void =>
      extensions.evictFromApiCache(host, typeName, fieldName, keys),
    setSubscriptionFilter: (filter: unknown): void => extensions.setSubscriptionFilter(host, filter),
    setSubscriptionInvalidationFilter: (filter: unknown): void => extensions.setSubscriptionInvalidationFilter(host, filter),
    invalidateSubscriptions: (invalidation: unknown): void => extensions.invalidateSubscriptions(host, invalidation),
  };
}

function createDynamoDBModule(): Record<string, unknown> {
  return {
    get: dynamodbHelpers.get,
    put: dynamodbHelpers.put,
    update: dynamodbHelpers.update,
    remove: dynamodbHelpers.remove,
    query: dynamodbHelpers.query,
    scan: dynamodbHelpers.scan,
    sync: dynamodbHelpers.sync,
    batchGet: dynamodbHelpers.batchGet,
    batchPut: dynamodbHelpers.batchPut,
    batchDelete: dynamodbHelpers.batchDelete,
    transactGet: dynamodbHelpers.transactGet,
    transactWrite: dynamodbHelpers.transactWrite,
    toStringSet: dynamodbHelpers.toStringSet,
    toNumberSet: dynamodbHelpers.toNumberSet,
    toBinarySet: dynamodbHelpers.toBinarySet,
    operations: { ...dynamodbHelpers.operations },
  };
}

/** Freezes the module objects so that one evaluation cannot change what the next one sees. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) {
      deepFreeze(entry);
    }
  }
  return value;
}
