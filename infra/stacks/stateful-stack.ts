import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AppConfig } from '../config.js';
import { Auth } from '../constructs/auth.js';
import { Data } from '../constructs/data.js';
import { Storage } from '../constructs/storage.js';

export interface StatefulStackProps extends StackProps {
  config: AppConfig;
}

/**
 * What holds data and outlives deployments: the table, the buckets (and the KYC key), the user
 * pool. Retained in production (config `retain`); everything else can be redeployed freely.
 */
export class StatefulStack extends Stack {
  readonly data: Data;
  readonly storage: Storage;
  readonly auth: Auth;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.data = new Data(this, 'Data', { retain: config.retain });
    this.storage = new Storage(this, 'Storage', {
      stage: config.stage,
      retain: config.retain,
      uploadOrigins: config.webOrigins,
      logRetentionDays: config.logRetentionDays,
    });
    this.auth = new Auth(this, 'Auth', { stage: config.stage, retain: config.retain, tier: config.userPoolTier });

    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'InboundBucketName', { value: this.storage.inbound.bucketName });
  }
}
