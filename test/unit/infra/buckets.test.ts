// The invoices bucket as the stack makes it, what the invoices service may do in it, and the
// bucket its server access logs go to.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_RETENTION } from '../../../infra/constructs/buckets.ts';
import { synthesizeStack, TEST_INVOICING, type TemplateResource } from './synthesizeStack.ts';

let resources: Record<string, TemplateResource>;

beforeAll(() => {
  ({ resources } = synthesizeStack());
}, 60_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const bucketNamed = (prefix: string) => {
  const buckets = ofType('AWS::S3::Bucket').filter(([id]) => id.startsWith(prefix));
  expect(buckets).toHaveLength(1);
  return buckets[0]!;
};
const invoicesBucket = () => bucketNamed('Bucketsinvoices');
const accessLogBucket = () => bucketNamed('BucketsAccessLogs');
const policyOf = (bucketId: string) => {
  const policies = ofType('AWS::S3::BucketPolicy').filter(([, p]) => JSON.stringify(p.Properties.Bucket).includes(bucketId));
  expect(policies).toHaveLength(1);
  return (policies[0]![1].Properties.PolicyDocument as { Statement: Statement[] }).Statement;
};

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

describe('the invoices bucket', () => {
  it('is private, encrypted by S3, versioned, and sends its events to EventBridge', () => {
    const [, bucket] = invoicesBucket();
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
  });

  it('keeps current invoices forever and outlives the stack; only overwritten versions expire', () => {
    const [, bucket] = invoicesBucket();
    const { Rules } = bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] };
    expect(Rules).toEqual([
      expect.objectContaining({ Id: 'retention', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
    ]);
    expect(Rules[0]).not.toHaveProperty('ExpirationInDays');
    expect((resources[invoicesBucket()[0]] as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
  });

  it('refuses requests without TLS', () => {
    expect(policyOf(invoicesBucket()[0])).toEqual([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });

  it('has every request logged into the access-log bucket, under invoices/', () => {
    const [, bucket] = invoicesBucket();
    expect(bucket.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: accessLogBucket()[0] },
      LogFilePrefix: 'invoices/',
    });
  });

  it('is written by the invoices functions and read by them and the notifications functions, under invoices/* only', () => {
    const [bucketId] = invoicesBucket();
    const grants = ofType('AWS::IAM::Policy').flatMap(([id, policy]) =>
      (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.filter((s) =>
        JSON.stringify(s.Resource).includes(bucketId),
      ).map((s) => ({ id, statement: s })),
    );
    expect(grants.length).toBeGreaterThan(0);
    for (const { id, statement } of grants) {
      expect(id).toMatch(/^Service(invoices|notifications)/);
      // The invoices service writes the PDFs; the notifications service reads them to attach.
      expect([statement.Action].flat().sort()).toEqual(
        id.startsWith('Serviceinvoices') ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'],
      );
      expect(statement.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/invoices/*']] });
    }
  });

  it("gives the invoices functions the bucket's name and the invoicing settings", () => {
    const [bucketId] = invoicesBucket();
    const functions = ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith('Serviceinvoices'));
    expect(functions.length).toBeGreaterThan(0);
    for (const [, fn] of functions) {
      const { Variables } = fn.Properties.Environment as { Variables: Record<string, unknown> };
      expect(Variables).toMatchObject({
        INVOICES_BUCKET: { Ref: bucketId },
        SELLER_NAME: TEST_INVOICING.sellerName,
        SELLER_ADDRESS: TEST_INVOICING.sellerAddress,
        SELLER_VAT_ID: TEST_INVOICING.sellerVatId,
        INVOICE_CURRENCY: TEST_INVOICING.currency,
        INVOICE_URL_TTL_SECONDS: TEST_INVOICING.urlTtlSeconds,
      });
    }
  });
});

describe('the access-log bucket', () => {
  it('is private, encrypted by S3, keeps the logs a year and outlives the stack', () => {
    const [id, bucket] = accessLogBucket();
    expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.Properties.LifecycleConfiguration).toEqual({
      Rules: [{ Id: 'retention', Status: 'Enabled', ExpirationInDays: ACCESS_LOG_RETENTION.toDays() }],
    });
    expect((resources[id] as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
  });

  it('is written by S3 logging only, for the invoices bucket of this account, over TLS only', () => {
    const [id] = accessLogBucket();
    const statements = policyOf(id);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const allowed = statements.filter((s) => s.Effect === 'Allow');
    expect(allowed).toEqual([
      expect.objectContaining({
        Action: 's3:PutObject',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Condition: {
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [invoicesBucket()[0], 'Arn'] } },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      }),
    ]);
  });
});
