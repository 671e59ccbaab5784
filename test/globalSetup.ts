// Starts the shared parts of the test environment once per `npm test` run.
// Tests reach DynamoDB Local through `inject('dynamodbEndpoint')`.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../local/dynamodb/launcher.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}
