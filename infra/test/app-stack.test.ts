import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { schedulerPlaceholders } from '../../events/schedule-payload.js';
import { schedules } from '../../events/schedules.js';
import { allRoutes, apiDomains } from '../../functions/api/routes.js';
import { routeKey } from '../../shared/http/route.js';
import { apiAccess } from '../stacks/api-access.js';
import { inboundPrefix } from '../stacks/app-stack.js';
import { buildTestApp, resourcesOf, type TestApp } from './support.js';

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

describe('HTTP API', () => {
  it('has exactly one route per route-table entry plus $default', () => {
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual([...allRoutes.map(routeKey), '$default'].sort());
  });

  it('puts the Cognito JWT authorizer on every non-public route and on no public one', () => {
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const byKey = new Map(routes.map((r) => [r.RouteKey as string, r]));
    for (const route of allRoutes) {
      const cfn = byKey.get(routeKey(route))!;
      if (route.access === 'public') {
        expect(cfn.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(cfn.AuthorizerId).toBeUndefined();
      } else {
        expect(cfn.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(cfn.AuthorizerId).toBeDefined();
      }
    }
    expect(byKey.get('GET /health')?.AuthorizationType).toBe('NONE');
    expect(byKey.get('GET /me')?.AuthorizationType).toBe('JWT');
    expect(byKey.get('$default')?.AuthorizationType).toBe('NONE');
  });

  it('checks JWTs from the user pool issuer for the web client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  it('routes each domain to its own Lambda and $default to the fallback', () => {
    const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
    expect(Object.keys(integrations)).toHaveLength(apiDomains.length + 1);
    const api = built.stacks.app.api;
    expect([...api.functions.keys()].sort()).toEqual([...apiDomains.map((d) => d.name), 'fallback'].sort());
  });

  it('throttles the stage, writes JSON access logs, answers CORS preflight for the web origins', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
    const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'))[0]!;
    expect(() => JSON.parse(stage.Properties.AccessLogSettings.Format)).not.toThrow();
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['http://localhost:5173'], AllowHeaders: Match.arrayWith(['authorization']) }),
    });
  });

  it('gives the API Lambdas the JWT, CORS and stage settings', () => {
    const fn = built.stacks.app.api.functions.get('account')!;
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.absent(),
      Environment: {
        Variables: Match.objectLike({
          JWT_ISSUER: Match.anyValue(),
          JWT_CLIENT_IDS: Match.anyValue(),
          CORS_ORIGINS: 'http://localhost:5173',
          STAGE: 'dev',
          POWERTOOLS_SERVICE_NAME: 'api-account',
          POWERTOOLS_METRICS_NAMESPACE: 'CloudManager',
        }),
      },
    });
    expect(logicalId(fn)).toMatch(/^ApiAccountFunction/);
  });
});

describe('Lambda functions', () => {
  it('all run the latest Node.js runtime (22+) on arm64 with tracing, memory, timeout and their own log group', () => {
    const functions = Object.values(resourcesOf(template, 'AWS::Lambda::Function'));
    expect(functions.length).toBe(apiDomains.length + 1 + 1 + new Set(schedules.map((s) => s.target)).size + 1);
    for (const fn of functions) {
      const p = fn.Properties;
      expect(Number(/^nodejs(\d+)\.x$/.exec(p.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.MemorySize).toBeGreaterThanOrEqual(128);
      expect(p.Timeout).toBeGreaterThan(3);
      expect(p.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: expect.anything() });
    }
  });

  it('have roles without AWS managed policies', () => {
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('get table access only where the access map says so, never Scan', () => {
    const policies = resourcesOf(template, 'AWS::IAM::Policy');
    const actionsOf = (fnName: string) => {
      const roleId = logicalId(built.stacks.app.api.functions.get(fnName)!.role! as never);
      const policy = Object.values(policies).find((p) => JSON.stringify(p.Properties.Roles).includes(roleId));
      return (policy?.Properties.PolicyDocument.Statement ?? []).flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    };
    expect(apiAccess.system?.table).toBeUndefined();
    expect(actionsOf('system').some((a: string) => a.startsWith('dynamodb:'))).toBe(false);
    expect(actionsOf('settings')).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']));
    const all = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: unknown }) => [s.Action].flat()));
    expect(all).not.toContain('dynamodb:Scan');
    expect(all.filter((a) => typeof a === 'string' && a.startsWith('dynamodb:') && a.includes('*'))).toEqual([]);
  });

  it('covers every API domain in the access map', () => {
    for (const domain of apiDomains) expect(apiAccess, domain.name).toHaveProperty(domain.name);
    expect(apiAccess).toHaveProperty('fallback');
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

  it('lets SES (this account) invoke the inbound Lambda, which reads the inbound bucket only', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[logicalId(built.stacks.app.mailInbound)]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({ INBOUND_PREFIX: 'inbound/', INBOUND_BUCKET: expect.anything() });
    expect(fn.Properties.DeadLetterConfig?.TargetArn).toBeDefined();
  });

  it('sends bounce and complaint events of the configuration set to an SNS topic', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        SnsDestination: { TopicARN: Match.anyValue() },
      },
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'mail.dev.cloudmanager.example.com' });
  });
});

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

describe('Stream consumer', () => {
  it('reads the table stream in order with bisect, retries, partial batch failures and an on-failure DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(built.stacks.app.streams.consumer) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(built.stacks.app.streams.deadLetters.queue), 'Arn'] } } },
    });
  });
});

describe('Dead-letter queues', () => {
  it('are encrypted and TLS-only', () => {
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(3);
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

  it('alarms on API 5xx and on a missing Heartbeat, notifying the alarm topic', () => {
    expect(alarms().find((a) => a.MetricName === '5xx' && a.Namespace === 'AWS/ApiGateway')).toBeDefined();
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
  it('stays well under CloudFormation’s 500 resources per stack (split the API into its own stack before this fails)', () => {
    const count = Object.keys(template.toJSON().Resources as object).length;
    expect(count).toBeLessThan(450);
  });

  it('grants API Gateway one invoke permission per API function, not one per route', () => {
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).filter(
      (p) => p.Properties.Principal === 'apigateway.amazonaws.com',
    );
    const routes = Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).length;
    expect(permissions.length).toBeLessThan(routes / 2);
  });
});
