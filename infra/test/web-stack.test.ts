import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, fakeWebDist, resourcesOf } from './support.js';

describe('WebStack with a built app', () => {
  let template: Template;
  beforeAll(() => {
    template = buildTestApp({ webAssetsPath: fakeWebDist() }).templates.web;
  });

  it('serves a private bucket through CloudFront with Origin Access Control only', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } })],
      }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Condition: Match.anyValue() }),
        ]),
      },
    });
  });

  it('adds strict security headers to every response', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: true, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
        }),
      }),
    });
    const policy = Object.values(resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    const csp = JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", 'connect-src']) {
      expect(csp).toContain(directive);
    }
    const distribution = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    for (const behavior of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors]) {
      expect(behavior.ResponseHeadersPolicyId).toBeDefined();
      expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    }
  });

  it('falls back to index.html for SPA routes, never caches the shell and config, logs to the log bucket', () => {
    const distribution = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
    ]);
    expect(distribution.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern)).toEqual(['/index.html', '/config.json']);
    expect(distribution.Logging).toMatchObject({ Bucket: expect.anything(), Prefix: 'cloudfront/' });
  });

  it('deploys the build with /config.json and invalidates the distribution', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/*'],
      Prune: false,
      SourceObjectKeys: Match.arrayWith([Match.stringLikeRegexp('\\.zip$')]),
    });
    const deployment = Object.values(resourcesOf(template, 'Custom::CDKBucketDeployment'))[0]!;
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
  });
});

describe('WebStack without a built app', () => {
  it('creates bucket and distribution but no deployment', () => {
    const { web } = buildTestApp({ webAssetsPath: null }).templates;
    web.resourceCountIs('AWS::CloudFront::Distribution', 1);
    web.resourceCountIs('Custom::CDKBucketDeployment', 0);
    web.resourceCountIs('AWS::Lambda::Function', 0);
  });
});

describe('WebStack with a custom domain and WAF', () => {
  it('uses the certificate with TLS 1.2 (2021) and attaches the web ACL', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666';
    const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cm/abc';
    const { web } = buildTestApp({
      stage: 'prod',
      context: {
        stages: {
          prod: {
            mailDomain: 'mail.example.com',
            webOrigins: ['https://app.example.com'],
            web: { domainName: 'app.example.com', certificateArn, webAclArn },
          },
        },
      },
    }).templates;
    web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['app.example.com'],
        WebACLId: webAclArn,
        ViewerCertificate: { AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
  });
});
