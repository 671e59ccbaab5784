// The Lambda context object a Node.js handler receives, fresh for every invocation. Every host
// that invokes handlers (API Gateway, AppSync's Lambda data source) builds it here.
import { randomBytes, randomUUID } from 'node:crypto';

export interface LambdaContext {
  functionName: string;
  functionVersion: '$LATEST';
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  getRemainingTimeInMillis(): number;
  callbackWaitsForEmptyEventLoop: boolean;
}

export interface LambdaFunctionInfo {
  functionName: string;
  region: string;
  accountId: string;
  /** One per execution environment on AWS; here one per function. */
  logStreamName: string;
}

export const MEMORY_LIMIT_MB = '128';

export function newLogStreamName(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

export function createLambdaContext(fn: LambdaFunctionInfo, deadlineMs: number): LambdaContext {
  return {
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${fn.region}:${fn.accountId}:function:${fn.functionName}`,
    memoryLimitInMB: MEMORY_LIMIT_MB,
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: fn.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    callbackWaitsForEmptyEventLoop: true,
  };
}
