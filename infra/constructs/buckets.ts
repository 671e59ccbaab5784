// The S3 buckets of system/serviceResources.ts BUCKETS: private (public access blocked, TLS only),
// S3-managed encryption, versioned, and their Object Created events sent to the account's default
// bus (EventBridge notifications), as the local stack's S3 sends them. AWS names them; the
// services learn the names from their `<NAME>_BUCKET` variables.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface CommerceBucketsProps {
  readonly buckets: readonly string[];
}

export class CommerceBuckets extends Construct {
  private readonly byName = new Map<string, Bucket>();

  constructor(scope: Construct, id: string, props: CommerceBucketsProps) {
    super(scope, id);
    for (const name of props.buckets) {
      const bucket = new Bucket(this, name, {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        versioned: true,
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
