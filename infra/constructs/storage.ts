import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface StorageProps {
  stage: string;
  retain: boolean;
  /** Browser origins that upload straight to S3 with presigned URLs/POSTs. */
  uploadOrigins: string[];
  /** How long S3 server access logs and CloudFront logs are kept. */
  logRetentionDays: number;
}

/** Buckets that functions use; they have deterministic names so other stacks import them by name. */
export type DataBucket = 'attachments' | 'kyc' | 'inbound' | 'exports';

/** Raw inbound MIME is parsed into tickets at once; the original is kept this long for disputes. */
const inboundRetention = Duration.days(180);
/** Generated exports are fetched through short-lived presigned links. */
const exportsRetention = Duration.days(7);

/**
 * Private buckets: attachments, KYC documents (KMS CMK with rotation, versioned), inbound mail
 * (raw MIME written by SES), exports, and the access-log sink they all log to. Every bucket
 * blocks public access, requires TLS 1.2+ and is encrypted.
 */
export class Storage extends Construct {
  readonly logs: s3.Bucket;
  readonly attachments: s3.Bucket;
  readonly kyc: s3.Bucket;
  readonly kycKey: kms.Key;
  readonly inbound: s3.Bucket;
  readonly exports: s3.Bucket;
  /** Physical names, stable across stacks: `cm-<stage>-<purpose>-<account>-<region>`. */
  readonly names: Record<DataBucket, string>;

  private readonly removalPolicy: RemovalPolicy;
  private readonly imported = new Map<string, s3.IBucket>();

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    this.removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const name = (purpose: DataBucket) => `cm-${props.stage}-${purpose}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    this.names = { attachments: name('attachments'), kyc: name('kyc'), inbound: name('inbound'), exports: name('exports') };

    this.logs = new s3.Bucket(this, 'AccessLogs', {
      ...this.privateDefaults(),
      encryption: s3.BucketEncryption.S3_MANAGED, // log delivery cannot write SSE-KMS
      // CloudFront standard logging writes with ACLs; S3 server access logs use the bucket policy.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(props.logRetentionDays) }, abortUploads],
    });

    const uploadCors: s3.CorsRule[] = [
      {
        allowedOrigins: props.uploadOrigins,
        allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.POST, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
        allowedHeaders: ['content-type', 'content-md5', 'content-disposition', 'x-amz-*'],
        exposedHeaders: ['ETag'],
        maxAge: 3000,
      },
    ];

    this.attachments = new s3.Bucket(this, 'Attachments', {
      ...this.privateDefaults('attachments'),
      bucketName: this.names.attachments,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      cors: uploadCors,
      lifecycleRules: [
        {
          id: 'tiering-and-old-versions',
          transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(30) }],
          noncurrentVersionExpiration: Duration.days(30),
        },
        abortUploads,
      ],
    });

    this.kycKey = new kms.Key(this, 'KycKey', {
      alias: `alias/cloudmanager-${props.stage}-kyc`,
      description: 'Encrypts KYC documents (CloudManager)',
      enableKeyRotation: true,
      removalPolicy: this.removalPolicy,
    });
    this.kyc = new s3.Bucket(this, 'Kyc', {
      ...this.privateDefaults('kyc'),
      bucketName: this.names.kyc,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.kycKey,
      bucketKeyEnabled: true,
      versioned: true,
      cors: uploadCors,
      lifecycleRules: [{ id: 'old-versions', noncurrentVersionExpiration: Duration.days(90) }, abortUploads],
    });

    this.inbound = new s3.Bucket(this, 'Inbound', {
      ...this.privateDefaults('inbound'),
      bucketName: this.names.inbound,
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ id: 'expire-raw-mail', expiration: inboundRetention }, abortUploads],
    });

    this.exports = new s3.Bucket(this, 'Exports', {
      ...this.privateDefaults('exports'),
      bucketName: this.names.exports,
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ id: 'expire-exports', expiration: exportsRetention }, abortUploads],
    });
  }

  /**
   * The bucket as seen from another stack, imported by its deterministic name (plus KMS key):
   * no cross-stack output for the bucket, and IAM statements name it literally.
   */
  bucketFor(scope: Construct, purpose: DataBucket): s3.IBucket {
    const key = `${scope.node.path}/${purpose}`;
    let bucket = this.imported.get(key);
    if (!bucket) {
      bucket = s3.Bucket.fromBucketAttributes(scope, `${purpose}Bucket`, {
        bucketName: this.names[purpose],
        ...(purpose === 'kyc' ? { encryptionKey: this.kycKey } : {}),
      });
      this.imported.set(key, bucket);
    }
    return bucket;
  }

  private privateDefaults(logPrefix?: string): s3.BucketProps {
    return {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: this.removalPolicy,
      ...(logPrefix ? { serverAccessLogsBucket: this.logs, serverAccessLogsPrefix: `s3/${logPrefix}/` } : {}),
    };
  }
}

const abortUploads: s3.LifecycleRule = { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) };
