// The idempotency records of checkout requests (the idempotency table, Powertools for AWS
// Lambda's layout: key `id`, TTL `expiration`), through the service's DynamoDB client.
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { config } from '../config.ts';
import { dynamodb } from './dynamodb.ts';

export const idempotencyStore = new DynamoDBPersistenceLayer({ tableName: config.idempotencyTable, awsSdkV3Client: dynamodb });
