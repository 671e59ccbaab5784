// Starts DynamoDB Local once for the runtime's integration tests, on a free port, and stops it
// after. Tests reach it through `inject('dynamodbEndpoint')`.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../src/dynamodb/launcher.ts';
import { findFreePort } from '../src/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDbLocal({ port: await findFreePort() });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}
