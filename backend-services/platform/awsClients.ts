// The AWS SDK clients of the services: pointed at the local stack's endpoint when one is set, and
// traced on Lambda, so that each call is an X-Ray subsegment of the invocation's trace (off
// Lambda the tracer is off and the client is returned as it is).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { optionalEnv } from './env.ts';
import { tracedAwsClient } from './observability.ts';

export interface AwsClientOptions {
  readonly region: string;
  /** Local only: DynamoDB Local, the local bus, the local Secrets Manager. */
  readonly endpoint?: string | undefined;
}

export function dynamoDbClient(options: AwsClientOptions): DynamoDBClient {
  return tracedAwsClient(new DynamoDBClient(clientConfig(options)));
}

export function eventBridgeClient(options: AwsClientOptions): EventBridgeClient {
  return tracedAwsClient(new EventBridgeClient(clientConfig(options)));
}

export function secretsManagerClient(options: AwsClientOptions): SecretsManagerClient {
  return tracedAwsClient(new SecretsManagerClient(clientConfig(options)));
}

export interface S3ClientOptions {
  readonly region: string;
  /**
   * Local only: the local S3, which serves path-style URLs and knows one key pair of its own (not
   * the function's role), given here. On AWS: absent, and the role's credentials sign.
   */
  readonly local?:
    { readonly endpoint: string; readonly credentials: { accessKeyId: string; secretAccessKey: string } } | undefined;
}

/**
 * Local only: the local S3 (S3_ENDPOINT), which knows one key pair of its own, given beside it
 * (S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY; the role's credentials sign everything else). On AWS
 * none of the three is set.
 */
export function localS3FromEnv(): S3ClientOptions['local'] {
  const endpoint = optionalEnv('S3_ENDPOINT');
  if (!endpoint) return undefined;
  const accessKeyId = optionalEnv('S3_ACCESS_KEY_ID');
  const secretAccessKey = optionalEnv('S3_SECRET_ACCESS_KEY');
  if (!accessKeyId || !secretAccessKey) throw new Error('S3_ENDPOINT is set without S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.');
  return { endpoint, credentials: { accessKeyId, secretAccessKey } };
}

export function s3Client({ region, local }: S3ClientOptions): S3Client {
  return tracedAwsClient(
    new S3Client(local ? { region, endpoint: local.endpoint, forcePathStyle: true, credentials: local.credentials } : { region }),
  );
}

function clientConfig({ region, endpoint }: AwsClientOptions): { region: string; endpoint?: string } {
  return endpoint ? { region, endpoint } : { region };
}
