// The S3 buckets of system/serviceResources.ts BUCKETS: private (public access blocked, TLS only),
// S3-managed encryption, versioned, their requests logged (S3 server access logs, into one log
// bucket of the stack, under `<name>/`), and their Object Created events sent to the account's
// default bus (EventBridge notifications), as the local stack's S3 sends them. AWS names them;
// the services learn the names from their `<NAME>_BUCKET` variables.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * How long the server access logs are kept: a year of who read and wrote the invoices, for an
 * audit or a dispute.
 */
export const ACCESS_LOG_RETENTION = Duration.days(365);

export interface CommerceBucketsProps {
  readonly buckets: readonly string[];
}

export class CommerceBuckets extends Construct {
  private readonly byName = new Map<string, Bucket>();
  /** Where S3 writes the requests made to the buckets (server access logs). */
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: CommerceBucketsProps) {
    super(scope, id);
    // S3 writes the logs with the bucket policy the flag @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy
    // has CDK add (logging.s3.amazonaws.com, for these buckets of this account only); a log
    // bucket takes S3-managed encryption only. Retained like the invoices whose requests it holds.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'retention', expiration: ACCESS_LOG_RETENTION }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const name of props.buckets) {
      const bucket = new Bucket(this, name, {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        versioned: true,
        serverAccessLogsBucket: this.accessLogs,
        serverAccessLogsPrefix: `${name}/`,
        // Retention: invoices are accounting records, kept for years (10 in many countries): the
        // current versions never expire, and the bucket outlives the stack whatever the tables'
        // removal policy. Only what nobody reads goes: a version overwritten (a retried upload
        // of the same bytes) after 30 days, and unfinished multipart uploads after a day.
        lifecycleRules: [
          {
            id: 'retention',
            noncurrentVersionExpiration: Duration.days(30),
            abortIncompleteMultipartUploadAfter: Duration.days(1),
          },
        ],
        removalPolicy: RemovalPolicy.RETAIN,
      });
      // EventBridge notifications set on the bucket itself: Bucket's `eventBridgeEnabled` would add
      // a custom resource whose function may put any bucket's notification configuration.
      (bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
        eventBridgeConfiguration: { eventBridgeEnabled: true },
      };
      this.byName.set(name, bucket);
    }
  }

  bucket(name: string): Bucket {
    const bucket = this.byName.get(name);
    if (!bucket) throw new Error(`No bucket is declared as ${name}.`);
    return bucket;
  }
}
