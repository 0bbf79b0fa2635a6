import { existsSync } from 'node:fs';
import path from 'node:path';
import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { PriceClass } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import type { AppConfig } from '../config.js';
import { repoRoot } from '../constructs/app-function.js';
import type { Auth } from '../constructs/auth.js';
import type { Storage } from '../constructs/storage.js';
import { Web } from '../constructs/web.js';

export interface WebStackProps extends StackProps {
  config: AppConfig;
  storage: Storage;
  auth: Auth;
  /** The HTTP API base URL, written into /config.json and allowed by the CSP. */
  apiUrl: string;
  /** The built app; defaults to web/dist when it exists at synth time. */
  assetsPath?: string | null;
}

/** The web app on CloudFront; its /config.json points at the API and the user pool. */
export class WebStack extends Stack {
  readonly web: Web;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config, storage, auth } = props;
    const defaultDist = path.join(repoRoot, 'web', 'dist');
    const assetsPath = props.assetsPath === undefined ? (existsSync(defaultDist) ? defaultDist : undefined) : (props.assetsPath ?? undefined);

    const cognitoEndpoint = `https://cognito-idp.${Aws.REGION}.amazonaws.com`;
    // Presigned uploads and downloads go straight to these buckets (virtual-hosted URLs).
    const uploadOrigins = [storage.names.attachments, storage.names.kyc].map((name) => `https://${name}.s3.${Aws.REGION}.amazonaws.com`);

    this.web = new Web(this, 'Web', {
      stage: config.stage,
      retain: config.retain,
      logsBucket: storage.logs,
      logRetentionDays: config.logRetentionDays,
      runtimeConfig: {
        apiUrl: props.apiUrl,
        cognito: { region: Aws.REGION, userPoolId: auth.userPool.userPoolId, userPoolClientId: auth.webClient.userPoolClientId },
      },
      connectSources: [props.apiUrl, cognitoEndpoint, ...uploadOrigins],
      imageSources: uploadOrigins,
      ...(assetsPath ? { assetsPath } : {}),
      ...(config.web.domainName ? { domainName: config.web.domainName } : {}),
      ...(config.web.certificateArn ? { certificateArn: config.web.certificateArn } : {}),
      ...(config.web.webAclArn ? { webAclArn: config.web.webAclArn } : {}),
      priceClass: config.web.priceClass as PriceClass,
    });

    new CfnOutput(this, 'WebUrl', { value: config.web.domainName ? `https://${config.web.domainName}` : this.web.url });
    new CfnOutput(this, 'DistributionId', { value: this.web.distribution.distributionId });
  }
}
