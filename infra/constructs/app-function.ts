import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat, LogLevel } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { tableShape } from '../../shared/db/table.js';
import { acknowledgeWildcardResource } from './nag.js';

/** The repository root: entries in the route and schedule tables are relative to it. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The newest Node.js runtime this aws-cdk-lib knows (cdk-nag AwsSolutions-L1 / LambdaLatestVersion). */
export const appRuntime = lambda.Runtime.NODEJS_24_X;

/** Metric namespace for every function's Powertools metrics (the Heartbeat alarm reads it). */
export const metricsNamespace = 'CloudManager';

/** ESM bundles still meet CommonJS dependencies that call require(); give them one. */
const esmRequireBanner =
  "import { createRequire as __cmCreateRequire } from 'node:module'; const require = __cmCreateRequire(import.meta.url);";

export type TableAccess = 'read' | 'readWrite';
export type BucketAccess = 'read' | 'readWrite';

export interface AppFunctionProps
  extends Omit<NodejsFunctionProps, 'entry' | 'runtime' | 'architecture' | 'role' | 'logGroup' | 'logRetention' | 'code'> {
  /** Entry file relative to the repository root, exporting `handler`. */
  entry: string;
  /** Powertools service name (logs `service`, metrics dimension `service`). */
  serviceName: string;
  stage: string;
  logRetentionDays: logs.RetentionDays;
  /** What happens to the function's log group when the function goes away. */
  logRemovalPolicy?: RemovalPolicy;
}

/**
 * The house Lambda: Node.js (latest) on arm64, ESM bundled locally by esbuild (no Docker),
 * its own log group with retention, Powertools settings, X-Ray tracing, and its own role that
 * starts with nothing but writing to that log group. Access is added through intent methods
 * (`useTable`, `useBucket`), which grant and set the matching environment variable together.
 */
export class AppFunction extends NodejsFunction {
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const entry = path.resolve(repoRoot, props.entry);
    if (!existsSync(entry)) throw new Error(`AppFunction ${id}: entry ${props.entry} does not exist`);

    const { serviceName, stage, logRetentionDays, logRemovalPolicy, environment, bundling, ...rest } = props;

    // Created beside the function (the role and log group must exist before super()).
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: logRetentionDays,
      removalPolicy: logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${serviceName} (${stage})`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      memorySize: 512,
      timeout: Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      ...rest,
      entry,
      runtime: appRuntime,
      architecture: lambda.Architecture.ARM_64,
      role,
      logGroup,
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: serviceName,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        STAGE: stage,
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*'],
        banner: esmRequireBanner,
        tsconfig: path.join(repoRoot, 'tsconfig.json'),
        logLevel: LogLevel.WARNING,
        ...bundling,
      },
    });

    this.serviceName = serviceName;

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions, so AWS requires Resource "*".',
    });
  }

  /**
   * Reads, or reads and writes, items of the one table and its indexes (named, no wildcard);
   * never Scan (request paths and sweeps query keys or the sparse `due` index). Sets TABLE_NAME.
   */
  useTable(table: ITable, access: TableAccess): this {
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: access === 'read' ? read : [...read, ...write],
        resources: [table.tableArn, ...tableShape.indexes.map((index) => `${table.tableArn}/index/${index.name}`)],
      }),
    );
    if (table.encryptionKey) {
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: access === 'read' ? ['kms:Decrypt', 'kms:DescribeKey'] : ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [table.encryptionKey.keyArn],
        }),
      );
    }
    this.addEnvironment('TABLE_NAME', table.tableName);
    return this;
  }

  /**
   * Reads (GetObject), or reads and writes (Get/Put/Delete/AbortMultipartUpload), objects of the
   * bucket, with its KMS key if it has one; sets `envName` to the bucket name. Object keys are
   * chosen at run time (ids, message ids), hence `bucket/*`, acknowledged here.
   */
  useBucket(bucket: IBucket, envName: string, access: BucketAccess): this {
    if (!/^[A-Z][A-Z0-9_]*$/.test(envName)) throw new Error(`useBucket: ${envName} is not an environment variable name`);
    const objects = bucket.arnForObjects('*');
    // First, so a bucket from another stack is refused before anything is granted.
    acknowledgeWildcardResource(
      this.role!,
      objects,
      `${this.serviceName} works on objects whose keys are only known at run time (${envName}); access is limited to object actions in this one bucket.`,
    );
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [objects],
      }),
    );
    if (bucket.encryptionKey) {
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: access === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [bucket.encryptionKey.keyArn],
        }),
      );
    }
    this.addEnvironment(envName, bucket.bucketName);
    return this;
  }

  /**
   * Calls the named Cognito admin actions (`AdminCreateUser`, ...) on this one user pool, nothing
   * else and no other pool. Sets USER_POOL_ID.
   */
  useUserPool(userPool: IUserPool, actions: readonly string[]): this {
    if (actions.length === 0) throw new Error('useUserPool: name at least one action');
    userPool.grant(this, ...actions.map((action) => `cognito-idp:${action}`));
    this.addEnvironment('USER_POOL_ID', userPool.userPoolId);
    return this;
  }
}

/** What every AppFunction of a stage shares; constructs receive it and add the rest. */
export type FunctionDefaults = Pick<AppFunctionProps, 'stage' | 'logRetentionDays' | 'logRemovalPolicy'>;
