import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { tableShape } from '../../shared/db/table.js';
import { AppFunction } from '../constructs/app-function.js';

function setup() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test');
  const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  const fn = new AppFunction(stack, 'Fn', {
    entry: 'functions/schedules/heartbeat.ts',
    serviceName: 'test-fn',
    stage: 'test',
    logRetentionDays: logs.RetentionDays.ONE_WEEK,
  });
  return { app, stack, table, fn };
}

/** All actions granted by the function's policy. */
function grantedActions(template: Template): string[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
    p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()),
  );
}

describe('AppFunction', () => {
  it('holds the house defaults: latest Node.js on arm64, tracing, JSON logs to its own log group, Powertools env', () => {
    const { stack } = setup();
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('^FnLogGroup') } },
      Environment: {
        Variables: { POWERTOOLS_SERVICE_NAME: 'test-fn', POWERTOOLS_METRICS_NAMESPACE: 'CloudManager', STAGE: 'test', NODE_OPTIONS: '--enable-source-maps' },
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    expect(grantedActions(template).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('useTable(read) grants item reads on the table and its named indexes, no writes and no Scan', () => {
    const { stack, table, fn } = setup();
    fn.useTable(table, 'read');
    const template = Template.fromStack(stack);

    const actions = grantedActions(template).filter((a) => a.startsWith('dynamodb:'));
    expect(actions.sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query']);
    const statement = Object.values(template.findResources('AWS::IAM::Policy'))[0]!.Properties.PolicyDocument.Statement.find(
      (s: { Action: string[] }) => [s.Action].flat().includes('dynamodb:Query'),
    );
    expect(JSON.stringify(statement.Resource)).not.toContain('*');
    for (const index of tableShape.indexes) expect(JSON.stringify(statement.Resource)).toContain(`/index/${index.name}`);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ TABLE_NAME: { Ref: Match.anyValue() } }) } });
  });

  it('useTable(readWrite) adds item writes', () => {
    const { stack, table, fn } = setup();
    fn.useTable(table, 'readWrite');

    expect(grantedActions(Template.fromStack(stack))).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
    );
  });

  it('useBucket grants object access (with the KMS key) and acknowledges exactly its object wildcard', () => {
    const { app, stack, fn } = setup();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true });
    fn.useBucket(bucket, 'DOCS_BUCKET', 'readWrite');
    const template = Template.fromStack(stack);

    expect(grantedActions(template)).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 'kms:Decrypt', 'kms:GenerateDataKey']),
    );
    expect(grantedActions(template).filter((a) => a.includes('*'))).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ DOCS_BUCKET: { Ref: Match.stringLikeRegexp('^Bucket') } }) },
    });
    // The role's only findings are acknowledged: X-Ray's "*" and this bucket's objects.
    const roleFindings = [new AwsSolutionsChecks(), new ServerlessChecks()]
      .flatMap((pack) => pack.validateScope(app).violations)
      .filter((v) => v.violatingResources.some((r) => r.constructPath?.startsWith('Test/FnRole')));
    expect(roleFindings).toEqual([]);
  });

  it('refuses a bucket from another stack (its wildcard cannot be acknowledged exactly): import it by name', () => {
    const { app, fn } = setup();
    const other = new s3.Bucket(new Stack(app, 'Other'), 'Bucket');

    expect(() => fn.useBucket(other, 'OTHER_BUCKET', 'read')).toThrow(/another stack; import it by name/);
    expect(() => fn.useBucket(s3.Bucket.fromBucketName(fn, 'Imported', 'cm-test-imported'), 'IMPORTED_BUCKET', 'read')).not.toThrow();
    expect(() => fn.useBucket(s3.Bucket.fromBucketName(fn, 'Bad', 'cm-test-bad'), 'not-an-env', 'read')).toThrow(/environment variable/);
  });

  it('fails early on a missing entry file', () => {
    const { stack } = setup();
    expect(
      () => new AppFunction(stack, 'Missing', { entry: 'functions/nope.ts', serviceName: 'x', stage: 'test', logRetentionDays: logs.RetentionDays.ONE_DAY }),
    ).toThrow(/does not exist/);
  });
});
