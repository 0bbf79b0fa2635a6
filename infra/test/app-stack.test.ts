import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { schedulerPlaceholders } from '../../events/schedule-payload.js';
import { schedules } from '../../events/schedules.js';
import { inboundPrefix } from '../stacks/app-stack.js';
import { buildTestApp, resourcesOf, statementsOf, type TestApp } from './support.js';

let built: TestApp;
let template: Template;
beforeAll(() => {
  built = buildTestApp();
  template = built.templates.app;
});

/** The logical id of a construct's CloudFormation resource in the app stack. */
function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  return built.stacks.app.getLogicalId(construct.node.defaultChild as never);
}

describe('Lambda functions', () => {
  it('are the stream consumers, the scheduled jobs and the two mail functions, all on the house defaults', () => {
    const functions = Object.values(resourcesOf(template, 'AWS::Lambda::Function'));
    expect(functions.length).toBe(2 + new Set(schedules.map((s) => s.target)).size + 2 + 1); // + the ticket backfill
    for (const fn of functions) {
      const p = fn.Properties;
      expect(Number(/^nodejs(\d+)\.x$/.exec(p.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: expect.anything() });
    }
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const all = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap((s: { Action: unknown }) => [s.Action].flat()),
    );
    expect(all).not.toContain('dynamodb:Scan');
  });
});

describe('Inbound mail', () => {
  it('has a receipt rule for the mail domain that stores to S3 first, then invokes the inbound Lambda', () => {
    const rule = Object.values(resourcesOf(template, 'AWS::SES::ReceiptRule'))[0]!.Properties.Rule;
    expect(rule.Recipients).toEqual(['mail.dev.cloudmanager.example.com']);
    expect(rule.ScanEnabled).toBe(true);
    expect(rule.Actions).toHaveLength(2);
    expect(rule.Actions[0].S3Action).toMatchObject({ ObjectKeyPrefix: inboundPrefix });
    expect(rule.Actions[1].LambdaAction).toMatchObject({
      FunctionArn: { 'Fn::GetAtt': [logicalId(built.stacks.app.mailInbound), 'Arn'] },
      InvocationType: 'Event',
    });
  });

  it('lets SES (this account) invoke the inbound Lambda asynchronously, with a DLQ, reserved concurrency, 1 GB and 60 s', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[logicalId(built.stacks.app.mailInbound)]!.Properties;
    expect(fn.DeadLetterConfig?.TargetArn).toBeDefined();
    expect(fn).toMatchObject({ MemorySize: 1024, Timeout: 60, ReservedConcurrentExecutions: 5 });
  });

  it('gives the inbound Lambda its mail settings: buckets, prefix, domain, sender, configuration set, web URL', () => {
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[logicalId(built.stacks.app.mailInbound)]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      INBOUND_PREFIX: 'inbound/',
      INBOUND_BUCKET: expect.anything(),
      ATTACHMENTS_BUCKET: expect.anything(),
      TABLE_NAME: expect.anything(),
      MAIL_DOMAIN: 'mail.dev.cloudmanager.example.com',
      MAIL_FROM: 'CloudManager <no-reply@mail.dev.cloudmanager.example.com>',
      SES_CONFIGURATION_SET: 'cloudmanager-dev',
      WEB_URL: 'http://localhost:5173',
    });
  });

  it('lets the inbound Lambda read/write the table and both buckets, and send only through the identity and configuration set', () => {
    const statements = statementsOf(template, built.stacks.app.mailInbound);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 's3:GetObject', 's3:PutObject', 's3:DeleteObject']));
    const writes = statements.filter((s) => [s.Action].flat().includes('s3:PutObject')).map((s) => JSON.stringify(s.Resource));
    expect(writes.some((r) => r.includes('-inbound-'))).toBe(true);
    expect(writes.some((r) => r.includes('-attachments-'))).toBe(true);
    expectSendScopedToIdentityAndConfigurationSet(statements);
  });

  it('sends bounce and complaint events of the configuration set to the default EventBridge bus', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: Match.anyValue() },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
      },
    });
    const destination = Object.values(resourcesOf(template, 'AWS::SES::ConfigurationSetEventDestination'))[0]!;
    expect(JSON.stringify(destination.Properties.EventDestination.EventBridgeDestination.EventBusArn)).toContain('event-bus/default');
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'cloudmanager-dev' });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'mail.dev.cloudmanager.example.com' });
    template.resourceCountIs('AWS::SNS::Topic', 1); // the alarm topic only
  });
});

describe('SES events', () => {
  it('has a rule for this configuration set’s bounces and complaints that invokes the ses-events Lambda with retries and a DLQ', () => {
    const fnId = logicalId(built.stacks.app.mailEvents);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': ['cloudmanager-dev'] } } },
      },
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[fnId]!.Properties;
    expect(fn.DeadLetterConfig?.TargetArn).toBeDefined();
    expect(fn.Environment.Variables.TABLE_NAME).toBeDefined();
    const actions = statementsOf(template, built.stacks.app.mailEvents).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
    expect(actions.some((a) => a.startsWith('ses:') || a.startsWith('s3:'))).toBe(false);
  });
});

/** Every SES statement names exactly the domain identity and the stage's configuration set, in this account. */
function expectSendScopedToIdentityAndConfigurationSet(statements: ReturnType<typeof statementsOf>): void {
  const ses = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
  expect(ses).toHaveLength(1);
  expect([ses[0]!.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
  const resources = JSON.stringify(ses[0]!.Resource);
  expect(resources).toContain(':identity/mail.dev.cloudmanager.example.com');
  expect(resources).toContain(':configuration-set/cloudmanager-dev');
  expect([ses[0]!.Resource].flat()).toHaveLength(2);
  expect(ses[0]!.Condition).toEqual({ StringEquals: { 'aws:ResourceAccount': { Ref: 'AWS::AccountId' } } });
}

describe('Schedules', () => {
  it('has one schedule per schedule-table entry, with its expression, timezone and payload envelope', () => {
    const cfn = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule')).map((s) => s.Properties);
    expect(cfn).toHaveLength(schedules.length);
    for (const def of schedules) {
      const schedule = cfn.find((s) => JSON.parse(s.Target.Input).schedule === def.name);
      expect(schedule, def.name).toBeDefined();
      expect(schedule!.ScheduleExpression).toBe(def.expression);
      expect(schedule!.ScheduleExpressionTimezone).toBe(def.timezone);
      expect(JSON.parse(schedule!.Target.Input)).toEqual({
        schedule: def.name,
        scheduledTime: schedulerPlaceholders.scheduledTime,
        executionId: schedulerPlaceholders.executionId,
        ...def.parameters,
      });
      expect(schedule!.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
      expect(schedule!.Target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [logicalId(built.stacks.app.schedules.deadLetters.queue), 'Arn'] });
    }
  });

  it('uses one scheduler role that may invoke only the job functions', () => {
    const roleId = logicalId(built.stacks.app.schedules.role);
    const policy = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles).includes(roleId))!;
    const invoke = policy.Properties.PolicyDocument.Statement.filter((s: { Action: string }) => s.Action === 'lambda:InvokeFunction');
    const jobFunctionIds = [...built.stacks.app.schedules.functions.values()].map((fn) => logicalId(fn));
    for (const statement of invoke) {
      for (const resource of [statement.Resource].flat()) {
        expect(jobFunctionIds.some((id) => JSON.stringify(resource).includes(id))).toBe(true);
      }
    }
    for (const schedule of Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule'))) {
      expect(schedule.Properties.Target.RoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    }
  });
});

describe('Stream consumers', () => {
  it('reads the table stream in order with bisect, retries, partial batch failures and an on-failure DLQ (audit, aggregates)', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(built.stacks.app.streams.consumer) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(built.stacks.app.streams.deadLetters.queue), 'Arn'] } } },
      FilterCriteria: Match.absent(),
    });
  });

  it('has a second consumer for notifications, invoked only for inserted ticketEvent items, from the latest position', () => {
    const notifications = built.stacks.app.notifications;
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(notifications.function) },
      EventSourceArn: Match.anyValue(),
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(notifications.deadLetters.queue), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: Match.anyValue() }] },
    });
    const mapping = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping')).find(
      (m) => m.Properties.FunctionName.Ref === logicalId(notifications.function),
    )!;
    expect(JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { __edb_e__: { S: ['ticketEvent'] } } },
    });
  });

  it('lets the notifications consumer read/write the table and send only through the identity and configuration set', () => {
    const fn = built.stacks.app.notifications.function;
    const statements = statementsOf(template, fn);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']));
    expect(actions.some((a) => a.startsWith('s3:'))).toBe(false);
    expectSendScopedToIdentityAndConfigurationSet(statements);
    const env = resourcesOf(template, 'AWS::Lambda::Function')[logicalId(fn)]!.Properties.Environment.Variables;
    expect(env).toMatchObject({
      TABLE_NAME: expect.anything(),
      MAIL_DOMAIN: 'mail.dev.cloudmanager.example.com',
      MAIL_FROM: 'CloudManager <no-reply@mail.dev.cloudmanager.example.com>',
      SES_CONFIGURATION_SET: 'cloudmanager-dev',
      WEB_URL: 'http://localhost:5173',
    });
  });
});

describe('Dead-letter queues', () => {
  it('are encrypted and TLS-only', () => {
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(5); // streams, notifications, schedules, mail inbound, mail events
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    for (const policy of Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy'))) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });
});

describe('Observability', () => {
  const alarms = () => Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);

  it('alarms on the first message in every dead-letter queue', () => {
    for (const queue of Object.keys(resourcesOf(template, 'AWS::SQS::Queue'))) {
      const alarm = alarms().find(
        (a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(a.Dimensions).includes(queue),
      );
      expect(alarm, queue).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [expect.anything()] });
    }
  });

  it('alarms on errors and throttles of every function', () => {
    for (const fn of Object.keys(resourcesOf(template, 'AWS::Lambda::Function'))) {
      for (const metric of ['Errors', 'Throttles']) {
        const alarm = alarms().find((a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(fn));
        expect(alarm, `${fn} ${metric}`).toBeDefined();
      }
    }
  });

  it('alarms on a missing Heartbeat and on SES reputation, notifying the alarm topic (API alarms live in the API stack)', () => {
    expect(alarms().find((a) => a.MetricName === '5xx')).toBeUndefined();
    expect(alarms().map((a) => a.MetricName)).toEqual(expect.arrayContaining(['Reputation.BounceRate', 'Reputation.ComplaintRate']));
    const heartbeat = alarms().find((a) => a.MetricName === 'Heartbeat');
    expect(heartbeat).toMatchObject({
      Namespace: 'CloudManager',
      Dimensions: [{ Name: 'service', Value: 'schedule-heartbeat' }],
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      Period: 900,
    });
    const topicId = logicalId(built.stacks.app.observability.topic);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});

describe('stack size', () => {
  it('keeps every stack well under CloudFormation’s 500 resources', () => {
    const counts = Object.fromEntries(
      Object.entries(built.templates).map(([name, t]) => [name, Object.keys(t.toJSON().Resources as object).length]),
    );
    console.info('resources per stack:', JSON.stringify(counts));
    for (const [name, count] of Object.entries(counts)) expect(count, name).toBeLessThan(450);
    // The API grows with the route table; the App stack must not.
    expect(counts.app).toBeLessThan(150);
  });

  it('grants API Gateway one invoke permission per API function, not one per route', () => {
    const api = built.templates.api;
    const permissions = Object.values(resourcesOf(api, 'AWS::Lambda::Permission')).filter(
      (p) => p.Properties.Principal === 'apigateway.amazonaws.com',
    );
    const routes = Object.keys(resourcesOf(api, 'AWS::ApiGatewayV2::Route')).length;
    expect(permissions.length).toBeLessThan(routes / 2);
  });
});
