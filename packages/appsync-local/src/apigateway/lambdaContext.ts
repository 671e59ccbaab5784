// The Lambda context object a Node.js handler receives, fresh for every invocation.
import { randomBytes, randomUUID } from 'node:crypto';
import type { LambdaContext } from './lambdaTypes.ts';

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
