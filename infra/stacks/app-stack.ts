import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { schedules } from '../../events/schedules.js';
import type { AppConfig } from '../config.js';
import { AppFunction, type FunctionDefaults } from '../constructs/app-function.js';
import type { Auth } from '../constructs/auth.js';
import type { Data } from '../constructs/data.js';
import { DeadLetterQueue } from '../constructs/dead-letter-queue.js';
import { Mail } from '../constructs/mail.js';
import { Observability } from '../constructs/observability.js';
import { Schedules } from '../constructs/schedules.js';
import type { Storage } from '../constructs/storage.js';
import { type StreamConsumer, Streams } from '../constructs/streams.js';

export interface AppStackProps extends StackProps {
  config: AppConfig;
  data: Data;
  storage: Storage;
  auth: Auth;
}

/** Where SES writes raw inbound mail (functions/mail/inbound.ts reads `inbound/<messageId>`). */
export const inboundPrefix = 'inbound/';

/** The only table items the notifications consumer is invoked for: inserted ticket events. */
export const notificationFilter = lambda.FilterCriteria.filter({
  eventName: lambda.FilterRule.isEqual('INSERT'),
  // ElectroDB writes the entity name of every item to `__edb_e__`.
  dynamodb: { NewImage: { __edb_e__: { S: lambda.FilterRule.isEqual('ticketEvent') } } },
});

/**
 * Everything stateless except the HTTP API (ApiStack): the stream consumers, the scheduled jobs,
 * SES receiving and sending with the mail functions, alarms and the dashboard. Safe to destroy
 * and redeploy.
 */
export class AppStack extends Stack {
  readonly streams: Streams;
  readonly notifications: StreamConsumer;
  readonly schedules: Schedules;
  readonly mail: Mail;
  readonly mailInbound: AppFunction;
  readonly mailEvents: AppFunction;
  /** Operator-invoked, no schedule: backfills SLA state, timers and queue counters of older tickets (runbook). */
  readonly ticketBackfill: AppFunction;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config, data, storage } = props;
    const functionDefaults: FunctionDefaults = {
      stage: config.stage,
      logRetentionDays: config.logRetentionDays,
      logRemovalPolicy: config.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };
    const mailEnvironment = { MAIL_DOMAIN: config.mailDomain, WEB_URL: config.webUrl };

    this.streams = new Streams(this, 'Streams', { functionDefaults, table: data.table });

    this.schedules = new Schedules(this, 'Schedules', { functionDefaults, table: data.table });
    for (const definition of schedules) this.schedules.addSchedule(definition);

    // Inbound mail: SES stores the raw MIME, then invokes this function asynchronously, one
    // message per invocation; it parses the message (up to 30 MB) into a ticket or a reply.
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
      ...(config.mailInboundConcurrency ? { reservedConcurrentExecutions: config.mailInboundConcurrency } : {}),
      deadLetterQueue: inboundDeadLetters.queue,
      environment: { INBOUND_PREFIX: inboundPrefix, ...mailEnvironment },
    })
      .useTable(data.table, 'readWrite')
      // Raw mail is read, and moved to quarantine/ when a verdict or an attachment says so.
      .useBucket(storage.bucketFor(this, 'inbound'), 'INBOUND_BUCKET', 'readWrite')
      .useBucket(storage.bucketFor(this, 'attachments'), 'ATTACHMENTS_BUCKET', 'readWrite');

    this.mail = new Mail(this, 'Mail', {
      stage: config.stage,
      domain: config.mailDomain,
      inboundBucket: storage.inbound,
      inboundPrefix,
      inboundFunction: this.mailInbound,
    });
    // Answers to senders (rejections, oversize) and the suppression list.
    this.mail.allowSending(this.mailInbound);

    // Bounces and complaints of sent mail -> suppression list.
    const mailEventsDeadLetters = new DeadLetterQueue(this, 'MailEventsDeadLetters', {
      purpose: 'SES bounce and complaint events that could not be recorded after retries',
    });
    this.mailEvents = new AppFunction(this, 'MailEventsFunction', {
      ...functionDefaults,
      entry: 'functions/mail/ses-events.ts',
      serviceName: 'mail-events',
      description: 'CloudManager SES bounces and complaints to the suppression list',
      timeout: Duration.seconds(30),
      deadLetterQueue: mailEventsDeadLetters.queue,
    }).useTable(data.table, 'readWrite');
    this.mail.sendFeedbackTo(this.mailEvents, mailEventsDeadLetters.queue);

    // Ticket backfill: invoked by an operator until it answers `done` (runbook "Ticket backfill").
    this.ticketBackfill = new AppFunction(this, 'TicketBackfillFunction', {
      ...functionDefaults,
      entry: 'functions/ops/backfill.ts',
      serviceName: 'ticket-backfill',
      description: 'CloudManager ticket backfill: SLA state, automation timers and queue counters of older tickets',
      timeout: Duration.minutes(15),
    }).useTable(data.table, 'readWrite');
    Validations.of(this.ticketBackfill).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked synchronously by an operator (aws lambda invoke, RequestResponse) who reads the answer and re-invokes with its cursor; there is no asynchronous event to keep.',
    });

    // Ticket events -> emails (receipts, replies, status, assignment, mentions).
    this.notifications = this.streams.addConsumer('Notifications', {
      entry: 'functions/streams/notifications.ts',
      serviceName: 'notifications',
      description: 'CloudManager ticket notifications (emails) from inserted ticket events',
      filters: [notificationFilter],
      // Created on a live table: start with new events, never mail about the last 24 hours again.
      startingPosition: lambda.StartingPosition.LATEST,
      batchSize: 25,
      timeout: Duration.minutes(2),
    });
    this.notifications.function.addEnvironment('WEB_URL', config.webUrl);
    this.mail.allowSending(this.notifications.function);

    for (const definition of schedules) {
      const fn = this.schedules.functions.get(definition.target);
      if (definition.sendMail && fn) this.mail.allowSending(fn);
    }

    // Alarms: every function, every DLQ, the scheduler heartbeat, SES reputation (the API's are in ApiStack).
    this.observability = new Observability(this, 'Observability', {
      stage: config.stage,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });
    const allFunctions = [
      this.streams.consumer,
      this.notifications.function,
      ...this.schedules.functions.values(),
      this.mailInbound,
      this.mailEvents,
      this.ticketBackfill,
    ];
    for (const fn of allFunctions) this.observability.watchFunction(fn);
    this.observability.watchDeadLetterQueue(this.streams.deadLetters, 'streams');
    this.observability.watchDeadLetterQueue(this.notifications.deadLetters, 'notifications');
    this.observability.watchDeadLetterQueue(this.schedules.deadLetters, 'schedules');
    this.observability.watchDeadLetterQueue(inboundDeadLetters, 'mail-inbound');
    this.observability.watchDeadLetterQueue(mailEventsDeadLetters, 'mail-events');
    const heartbeat = schedules.find((s) => s.name === 'heartbeat');
    const heartbeatFn = heartbeat && this.schedules.functions.get(heartbeat.target);
    if (heartbeat && heartbeatFn) {
      const staleAfterMinutes = Number((heartbeat.parameters as { staleAfterMinutes?: number }).staleAfterMinutes ?? 15);
      this.observability.watchHeartbeat(heartbeatFn.serviceName, Duration.minutes(staleAfterMinutes));
    }
    this.observability.watchMailReputation();
    this.observability.finish();

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
    new CfnOutput(this, 'TicketBackfillFunctionName', { value: this.ticketBackfill.functionName, description: 'npm run backfill, deployed: aws lambda invoke (runbook)' });
  }
}
