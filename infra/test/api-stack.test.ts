import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes, apiDomains } from '../../functions/api/routes.js';
import { routeKey } from '../../shared/http/route.js';
import { apiAccess } from '../stacks/api-access.js';
import { buildTestApp, logicalIdOf, resourcesOf, statementsOf, type TestApp } from './support.js';

let built: TestApp;
let template: Template;
let appTemplate: Template;
beforeAll(() => {
  built = buildTestApp();
  template = built.templates.api;
  appTemplate = built.templates.app;
});

describe('ApiStack: the HTTP API', () => {
  it('has exactly one route per route-table entry plus $default, and the App stack has none', () => {
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual([...allRoutes.map(routeKey), '$default'].sort());
    for (const type of ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Authorizer']) {
      appTemplate.resourceCountIs(type, 0);
    }
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
    // A domain without routes yet has its Lambda but no integration.
    expect(Object.keys(integrations)).toHaveLength(apiDomains.filter((d) => d.routes.length > 0).length + 1);
    const api = built.stacks.api.api;
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

  it('gives the API Lambdas the JWT, CORS, stage, mail domain and web URL settings', () => {
    const fn = built.stacks.api.api.functions.get('account')!;
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
          MAIL_DOMAIN: 'mail.dev.cloudmanager.example.com',
          WEB_URL: 'http://localhost:5173',
        }),
      },
    });
    expect(logicalIdOf(fn)).toMatch(/^ApiAccountFunction/);
  });

  it('exposes its URL as an output that the Web stack reads (weak reference, no export)', () => {
    template.hasOutput('ApiUrl', { Value: Match.anyValue(), Export: Match.absent() });
    const web = JSON.stringify(built.templates.web.toJSON());
    expect(web).toContain('Fn::GetStackOutput');
    expect(web).toContain(built.stacks.api.stackName);
    expect(web).not.toContain('Fn::ImportValue');
  });
});

describe('ApiStack: Lambda functions', () => {
  it('all run the latest Node.js runtime (22+) on arm64 with tracing, memory, timeout and their own log group', () => {
    const functions = Object.values(resourcesOf(template, 'AWS::Lambda::Function'));
    expect(functions.length).toBe(apiDomains.length + 1);
    for (const fn of functions) {
      const p = fn.Properties;
      expect(Number(/^nodejs(\d+)\.x$/.exec(p.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.MemorySize).toBeGreaterThanOrEqual(128);
      expect(p.Timeout).toBe(29);
      expect(p.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: expect.anything() });
    }
  });

  it('have roles without AWS managed policies', () => {
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('get table access only where the access map says so, never Scan', () => {
    const actionsOf = (name: string) => statementsOf(template, built.stacks.api.api.functions.get(name)!).flatMap((s) => [s.Action].flat());
    expect(apiAccess.system?.table).toBeUndefined();
    expect(actionsOf('system').some((a) => a.startsWith('dynamodb:'))).toBe(false);
    expect(actionsOf('settings')).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']));
    const policies = resourcesOf(template, 'AWS::IAM::Policy');
    const all = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: unknown }) => [s.Action].flat()));
    expect(all).not.toContain('dynamodb:Scan');
    expect(all.filter((a) => typeof a === 'string' && a.startsWith('dynamodb:') && a.includes('*'))).toEqual([]);
  });

  it('covers every API domain in the access map', () => {
    for (const domain of apiDomains) expect(apiAccess, domain.name).toHaveProperty(domain.name);
    expect(apiAccess).toHaveProperty('fallback');
  });

  it('lets the mail review (release re-runs the inbound pipeline) read and move raw mail, store attachments and send', () => {
    const fn = built.stacks.api.api.functions.get('mail-settings')!;
    const statements = statementsOf(template, fn);
    const s3 = statements.filter((s) => [s.Action].flat().includes('s3:PutObject')).map((s) => JSON.stringify(s.Resource));
    expect(s3.some((r) => r.includes('-inbound-'))).toBe(true);
    expect(s3.some((r) => r.includes('-attachments-'))).toBe(true);
    expect(statements.flatMap((s) => [s.Action].flat())).toEqual(expect.arrayContaining(['ses:SendEmail', 'dynamodb:PutItem', 's3:DeleteObject']));
    const env = resourcesOf(template, 'AWS::Lambda::Function')[logicalIdOf(fn)]!.Properties.Environment.Variables;
    expect(env).toMatchObject({
      INBOUND_BUCKET: expect.anything(),
      INBOUND_PREFIX: 'inbound/',
      ATTACHMENTS_BUCKET: expect.anything(),
      MAIL_DOMAIN: 'mail.dev.cloudmanager.example.com',
      SES_CONFIGURATION_SET: 'cloudmanager-dev',
    });
  });
});

describe('ApiStack: alarms', () => {
  const alarms = () => Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);

  it('alarms on errors and throttles of every API function and on 5xx, notifying the App stack’s alarm topic', () => {
    for (const fn of Object.keys(resourcesOf(template, 'AWS::Lambda::Function'))) {
      for (const metric of ['Errors', 'Throttles']) {
        const alarm = alarms().find((a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(fn));
        expect(alarm, `${fn} ${metric}`).toBeDefined();
      }
    }
    expect(alarms().find((a) => a.MetricName === '5xx' && a.Namespace === 'AWS/ApiGateway')).toBeDefined();
    const actions = new Set(alarms().map((a) => JSON.stringify(a.AlarmActions)));
    expect(actions.size).toBe(1);
    expect([...actions][0]).toContain('Fn::GetStackOutput');
    template.resourceCountIs('AWS::SNS::Topic', 0);
  });
});
