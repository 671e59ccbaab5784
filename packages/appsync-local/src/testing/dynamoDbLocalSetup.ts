// A vitest global setup that starts DynamoDB Local once per run, on a free port, and stops it
// after: name it in a project's `globalSetup` and read the endpoint with
// `inject('dynamodbEndpoint')`. The runtime's integration tests use it, and so can yours.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../dynamodb/launcher.ts';
import { findFreePort } from '../ports.ts';

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
