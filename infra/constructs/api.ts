import { Duration, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ApiDomain } from '../../functions/api/routes.js';
import { AppFunction, type FunctionDefaults } from './app-function.js';

export interface ApiProps {
  functionDefaults: FunctionDefaults;
  /** The route table (functions/api/routes.ts): one Lambda per domain, one route per entry. */
  domains: readonly ApiDomain[];
  /** The Lambda behind API Gateway's `$default` route (404/405 in the API's error shape). */
  fallback: { name: string; entry: string };
  /** JWT issuer (Cognito user pool provider URL) and accepted client ids (checked against aud/client_id). */
  jwtIssuer: string;
  jwtClientIds: string[];
  corsOrigins: string[];
  throttle: { rateLimit: number; burstLimit: number };
  appVersion: string;
  /** Further environment shared by every API Lambda (e.g. MAIL_DOMAIN, WEB_URL). */
  environment?: Record<string, string>;
  /** Per domain: directories copied beside the bundle (repo-relative `from` → bundle-relative `to`) and memory. */
  domainOptions?: Record<string, { assets?: readonly { from: string; to: string }[]; memorySize?: number }>;
}

/**
 * The HTTP API built from the route table: a Cognito JWT authorizer on every non-public
 * route, one Lambda per API domain, `$default` to the fallback Lambda, stage throttling, JSON
 * access logs, CORS preflight answered by API Gateway.
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** Domain name -> its Lambda (plus `fallback`). */
  readonly functions = new Map<string, AppFunction>();
  readonly routes = new Map<string, apigw.HttpRoute>();

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { functionDefaults } = props;

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `cloudmanager-${functionDefaults.stage}`,
      description: 'CloudManager API (routes from functions/api/routes.ts)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.corsOrigins,
        allowMethods: [
          apigw.CorsHttpMethod.GET,
          apigw.CorsHttpMethod.POST,
          apigw.CorsHttpMethod.PUT,
          apigw.CorsHttpMethod.PATCH,
          apigw.CorsHttpMethod.DELETE,
          apigw.CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'x-request-id'],
        exposeHeaders: ['x-request-id'],
        maxAge: Duration.minutes(10),
      },
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: functionDefaults.logRetentionDays,
      ...(functionDefaults.logRemovalPolicy ? { removalPolicy: functionDefaults.logRemovalPolicy } : {}),
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            httpMethod: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.jwtIssuer, {
      jwtAudience: props.jwtClientIds,
      identitySource: ['$request.header.Authorization'],
    });

    const environment = {
      JWT_ISSUER: props.jwtIssuer,
      JWT_CLIENT_IDS: props.jwtClientIds.join(','),
      CORS_ORIGINS: props.corsOrigins.join(','),
      APP_VERSION: props.appVersion,
      ...props.environment,
    };
    const domainFunction = (name: string, entry: string) => {
      if (this.functions.has(name)) throw new Error(`Api: domain ${name} appears twice`);
      const fn = new AppFunction(this, `${pascal(name)}Function`, {
        ...functionDefaults,
        entry,
        serviceName: `api-${name}`,
        description: `CloudManager API domain ${name} (${entry})`,
        timeout: Duration.seconds(29), // API Gateway's integration timeout
        environment,
        ...domainExtras(props.domainOptions?.[name]),
      });
      Validations.of(fn).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: 'Invoked synchronously by API Gateway: errors go back to the caller as HTTP responses; a DeadLetterConfig only applies to asynchronous invocations.',
      });
      this.functions.set(name, fn);
      return fn;
    };

    for (const domain of props.domains) {
      const fn = domainFunction(domain.name, domain.entry);
      // One invoke permission per function for this API (not one per route): a domain's Lambda only
      // serves its own routes anyway, and per-route permissions would exceed CloudFormation's
      // 500-resource limit as the route table grows.
      const integration = new HttpLambdaIntegration(`${pascal(domain.name)}Integration`, fn, { scopePermissionToRoute: false });
      for (const route of domain.routes) {
        this.addRoute(route.operationId, route.method, route.path, integration, route.access === 'public' ? undefined : authorizer);
      }
    }

    const fallback = domainFunction(props.fallback.name, props.fallback.entry);
    const defaultRoute = new apigw.HttpRoute(this, 'DefaultRoute', {
      httpApi: this.httpApi,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('FallbackIntegration', fallback),
    });
    this.routes.set('$default', defaultRoute);
    Validations.of(defaultRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The $default route only answers 404/405 for paths and methods not in the route table and runs no handler; it stays unauthenticated so unknown routes and preflights are not turned into 401s.',
    });
  }

  /** The API's base URL (`https://<id>.execute-api.<region>.amazonaws.com`). */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }

  private addRoute(
    operationId: string,
    method: string,
    path: string,
    integration: HttpLambdaIntegration,
    authorizer: HttpJwtAuthorizer | undefined,
  ): void {
    const key = `${method} ${path}`;
    if (this.routes.has(key)) throw new Error(`Api: route ${key} appears twice in the route table`);
    const route = new apigw.HttpRoute(this, `Route-${operationId}`, {
      httpApi: this.httpApi,
      routeKey: apigw.HttpRouteKey.with(path, method as apigw.HttpMethod),
      integration,
      ...(authorizer ? { authorizer } : {}),
    });
    this.routes.set(key, route);
    if (!authorizer) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${key} (${operationId}) is declared access 'public' in the route table (e.g. the health check); everything else carries the Cognito JWT authorizer.`,
      });
    }
  }
}

function pascal(name: string): string {
  return name.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());
}

/** Bundling hooks that copy a domain's asset directories (e.g. PDF fonts) next to its bundle, and its memory size. */
function domainExtras(options: NonNullable<ApiProps['domainOptions']>[string] | undefined) {
  const assets = options?.assets ?? [];
  return {
    ...(options?.memorySize ? { memorySize: options.memorySize } : {}),
    ...(assets.length
      ? {
          bundling: {
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir: string, outputDir: string) => assets.map((a) => `cp -r "${inputDir}/${a.from}" "${outputDir}/${a.to}"`),
            },
          },
        }
      : {}),
  };
}
