import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { apiDomains, fallbackDomain } from '../../functions/api/routes.js';
import { schedules } from '../../events/schedules.js';
import type { AppConfig } from '../config.js';
import { Api } from '../constructs/api.js';
import { AppFunction, type FunctionDefaults } from '../constructs/app-function.js';
import type { Auth } from '../constructs/auth.js';
import type { Data } from '../constructs/data.js';
import { DeadLetterQueue } from '../constructs/dead-letter-queue.js';
import { Mail } from '../constructs/mail.js';
import { Observability } from '../constructs/observability.js';
import { Schedules } from '../constructs/schedules.js';
import type { Storage } from '../constructs/storage.js';
import { Streams } from '../constructs/streams.js';
import { apiAccess } from './api-access.js';

export interface AppStackProps extends StackProps {
  config: AppConfig;
  data: Data;
  storage: Storage;
  auth: Auth;
}

/** Where SES writes raw inbound mail (functions/mail/inbound.ts reads `inbound/<messageId>`). */
export const inboundPrefix = 'inbound/';

/**
 * Everything stateless: the HTTP API and its Lambdas, the stream consumer, the scheduled jobs,
 * SES receiving and sending, alarms and the dashboard. Safe to destroy and redeploy.
 */
export class AppStack extends Stack {
  readonly api: Api;
  readonly streams: Streams;
  readonly schedules: Schedules;
  readonly mail: Mail;
  readonly mailInbound: AppFunction;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config, data, storage, auth } = props;
    const functionDefaults: FunctionDefaults = {
      stage: config.stage,
      logRetentionDays: config.logRetentionDays,
      logRemovalPolicy: config.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };

    // API: one Lambda per domain of the route table, least privilege per domain.
    this.api = new Api(this, 'Api', {
      functionDefaults,
      domains: apiDomains,
      fallback: fallbackDomain,
      jwtIssuer: auth.issuerUrl,
      jwtClientIds: [auth.webClient.userPoolClientId],
      corsOrigins: config.webOrigins,
      throttle: config.apiThrottle,
      appVersion: config.appVersion,
      domainOptions: Object.fromEntries(Object.entries(apiAccess).map(([name, a]) => [name, { ...(a.assets ? { assets: a.assets } : {}), ...(a.memorySize ? { memorySize: a.memorySize } : {}) }])),
    });
    for (const [name, fn] of this.api.functions) {
      const access = apiAccess[name];
      if (!access) throw new Error(`API domain "${name}" has no entry in infra/stacks/api-access.ts`);
      if (access.table) fn.useTable(data.table, access.table);
      for (const [bucket, [envName, level]] of Object.entries(access.buckets ?? {})) {
        fn.useBucket(storage.bucketFor(this, bucket as keyof Storage['names']), envName, level);
      }
      if (access.userPool) fn.useUserPool(auth.userPool, access.userPool);
      if (access.identity) {
        fn.addEnvironment('USER_POOL_CLIENT_ID', auth.webClient.userPoolClientId);
        // Resolved by CloudFormation at deploy time from Secrets Manager; Lambda keeps it KMS-encrypted at rest.
        fn.addEnvironment('MFA_ENCRYPTION_KEY', auth.mfaEncryptionKey.secretValue.unsafeUnwrap());
      }
    }

    this.streams = new Streams(this, 'Streams', { functionDefaults, table: data.table });

    this.schedules = new Schedules(this, 'Schedules', { functionDefaults, table: data.table });
    for (const definition of schedules) this.schedules.addSchedule(definition);

    // Inbound mail: SES stores the raw MIME, then invokes this function asynchronously.
    const inboundDeadLetters = new DeadLetterQueue(this, 'MailInboundDeadLetters', {
      purpose: 'inbound mail events whose processing still failed after Lambda retries',
    });
    this.mailInbound = new AppFunction(this, 'MailInboundFunction', {
      ...functionDefaults,
      entry: 'functions/mail/inbound.ts',
      serviceName: 'mail-inbound',
      description: 'CloudManager inbound mail: raw MIME from S3 to tickets',
      memorySize: 1024, // parses messages up to 30 MB
      timeout: Duration.minutes(1),
      deadLetterQueue: inboundDeadLetters.queue,
      environment: { INBOUND_PREFIX: inboundPrefix },
    })
      .useTable(data.table, 'readWrite')
      .useBucket(storage.bucketFor(this, 'inbound'), 'INBOUND_BUCKET', 'read');

    this.mail = new Mail(this, 'Mail', {
      stage: config.stage,
      domain: config.mailDomain,
      inboundBucket: storage.inbound,
      inboundPrefix,
      inboundFunction: this.mailInbound,
    });
    for (const [name, fn] of this.api.functions) {
      if (apiAccess[name]?.sendMail) this.mail.allowSending(fn);
    }
    for (const definition of schedules) {
      const fn = this.schedules.functions.get(definition.target);
      if (definition.sendMail && fn) this.mail.allowSending(fn);
    }

    // Alarms: every function, every DLQ, API 5xx, the scheduler heartbeat, SES reputation.
    this.observability = new Observability(this, 'Observability', {
      stage: config.stage,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });
    const allFunctions = [...this.api.functions.values(), this.streams.consumer, ...this.schedules.functions.values(), this.mailInbound];
    for (const fn of allFunctions) this.observability.watchFunction(fn);
    this.observability.watchDeadLetterQueue(this.streams.deadLetters, 'streams');
    this.observability.watchDeadLetterQueue(this.schedules.deadLetters, 'schedules');
    this.observability.watchDeadLetterQueue(inboundDeadLetters, 'mail-inbound');
    this.observability.watchHttpApi(this.api.httpApi);
    const heartbeat = schedules.find((s) => s.name === 'heartbeat');
    const heartbeatFn = heartbeat && this.schedules.functions.get(heartbeat.target);
    if (heartbeat && heartbeatFn) {
      const staleAfterMinutes = Number((heartbeat.parameters as { staleAfterMinutes?: number }).staleAfterMinutes ?? 15);
      this.observability.watchHeartbeat(heartbeatFn.serviceName, Duration.minutes(staleAfterMinutes));
    }
    this.observability.watchMailReputation();
    this.observability.finish();

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'ReceiptRuleSetName', {
      value: this.mail.ruleSet.receiptRuleSetName,
      description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
    });
    new CfnOutput(this, 'InboundMx', {
      value: `10 inbound-smtp.${this.region}.amazonaws.com`,
      description: `MX record for ${config.mailDomain}`,
    });
    this.mail.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
  }
}
