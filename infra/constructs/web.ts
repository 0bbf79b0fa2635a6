import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { RuntimeConfig } from '../../web/src/config.js';
import { flattenForNag } from './nag.js';

export interface WebProps {
  stage: string;
  retain: boolean;
  /** Access-log sink for the web bucket and CloudFront standard logs (ACLs enabled). */
  logsBucket: s3.IBucket;
  logRetentionDays: logs.RetentionDays;
  /** Served as /config.json next to the app (web/src/config.ts). */
  runtimeConfig: RuntimeConfig;
  /** Extra origins the app talks to (API, Cognito, upload buckets) for the CSP connect-src/img-src. */
  connectSources: string[];
  imageSources: string[];
  /** The built app (web/dist); without it only the bucket and distribution are created. */
  assetsPath?: string;
  domainName?: string;
  certificateArn?: string;
  webAclArn?: string;
  priceClass: cloudfront.PriceClass;
}

/**
 * The web app: a private bucket behind CloudFront with Origin Access Control, strict security
 * headers, SPA fallback to index.html, TLS 1.2+ (with a custom domain), standard logging; the
 * built app and /config.json are deployed when web/dist exists at synth time.
 */
export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  readonly deployment?: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 's3/web/',
      versioned: true,
      lifecycleRules: [{ id: 'old-versions', noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      // Mantine writes CSS variables and component styles at run time.
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob: ${props.imageSources.join(' ')}`,
      "font-src 'self' data:",
      `connect-src 'self' ${props.connectSources.join(' ')}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      'upgrade-insecure-requests',
    ].join('; ');

    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `CloudManager ${props.stage}: strict security headers`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: false, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=(), payment=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
      removeHeaders: ['Server'],
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const behavior = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      compress: true,
      responseHeadersPolicy: this.responseHeadersPolicy,
    };
    const noCache = { ...behavior, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED };

    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `CloudManager ${props.stage} web`,
      defaultRootObject: 'index.html',
      defaultBehavior: { ...behavior, cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
      // The shell and its runtime config must never be stale; hashed assets are cached.
      additionalBehaviors: { '/index.html': noCache, '/config.json': noCache },
      // SPA routing: unknown paths (403 from S3 without ListBucket, or 404) render the app.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/',
      priceClass: props.priceClass,
      ...(certificate && props.domainName
        ? { certificate, domainNames: [props.domainName], minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });

    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: `Stage ${props.stage} has no custom domain, so the distribution uses the default *.cloudfront.net certificate whose minimum protocol cannot be set; with config web.domainName/certificateArn it enforces TLSv1.2_2021.`,
      });
    }
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: `Stage ${props.stage} has no WAF web ACL configured: the distribution only serves static files from a private bucket; the API is protected by JWT authorization and stage throttling. Set config web.webAclArn to attach one.`,
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Customers of a service company may sign in from anywhere (travel, remote staff); no geo restriction is wanted.',
    });

    if (props.assetsPath) this.deployment = this.deploy(props.assetsPath, props);
  }

  /** https://<distribution domain>: the default CloudFront address (also when a custom domain is set). */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  private deploy(assetsPath: string, props: WebProps): s3deploy.BucketDeployment {
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Own role: only the grants BucketDeployment adds plus writing its log group (no AWS managed policy).
    const role = new iam.Role(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'CDK BucketDeployment: copies web/dist and /config.json into the web bucket',
    });
    logGroup.grantWrite(role);

    const deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [
        // Source maps stay out of the public bucket.
        s3deploy.Source.asset(assetsPath, { exclude: ['**/*.map'] }),
        s3deploy.Source.jsonData('config.json', props.runtimeConfig),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // Keep earlier hashed assets: open tabs may still lazy-load them.
      prune: false,
      memoryLimit: 512,
      role,
      logGroup,
    });

    for (const finding of wildcardFindings(role)) {
      Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: deploymentWildcardReason(finding) });
    }

    const handler = Stack.of(this).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      const why = 'CDK-managed BucketDeployment singleton handler (runtime, packaging and configuration owned by aws-cdk-lib), invoked only by CloudFormation during deploys';
      Validations.of(handler).acknowledge({ id: 'AwsSolutions-L1', reason: `${why}; its runtime follows aws-cdk-lib upgrades.` });
      Validations.of(handler).acknowledge({ id: 'Serverless-LambdaLatestVersion', reason: `${why}; its runtime follows aws-cdk-lib upgrades.` });
      Validations.of(handler).acknowledge({ id: 'Serverless-LambdaDLQ', reason: `${why}; CloudFormation's custom-resource protocol reports failures, there is no asynchronous event to keep.` });
      Validations.of(handler).acknowledge({ id: 'Serverless-LambdaTracing', reason: `${why}; a deploy-time copy job, not part of any request path.` });
    }
    return deployment;
  }
}

/** Why each wildcard CDK's BucketDeployment grants its handler role is acceptable. */
function deploymentWildcardReason(finding: string): string {
  if (finding === 'Resource::*') {
    return 'BucketDeployment grants cloudfront:CreateInvalidation/GetInvalidation on "*"; the handler only invalidates the DistributionId it is given, this distribution.';
  }
  if (finding.startsWith('Action::')) {
    return `BucketDeployment's own S3 grant (${finding.slice(8)}) to copy the zipped build out of the CDK assets bucket and into the web bucket; it applies to those two buckets only.`;
  }
  return `Objects of the bucket BucketDeployment reads the build from (CDK assets) or writes it into (web bucket): ${finding.slice(10)}.`;
}

/** Every `Action::`/`Resource::` wildcard of a role's default policy, as cdk-nag names them. */
function wildcardFindings(role: iam.Role): string[] {
  const policy = role.node.tryFindChild('DefaultPolicy') as iam.Policy | undefined;
  if (!policy) return [];
  const doc = Stack.of(role).resolve(policy.document) as { Statement?: { Effect: string; Action: string | string[]; Resource: unknown }[] };
  const findings = new Set<string>();
  for (const statement of doc.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of [statement.Action].flat()) if (action.includes('*')) findings.add(`Action::${action}`);
    for (const resource of [statement.Resource].flat()) {
      const flat = flattenForNag(resource);
      if (flat.includes('*')) findings.add(`Resource::${flat}`);
    }
  }
  return [...findings];
}
