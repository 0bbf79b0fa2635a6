import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { apiGatewayEvent, type JwtClaims } from '../../events/api-gateway.js';
import { lambdaContext as runtimeContext } from '../../events/lambda-context.js';

export interface ApiEventInput {
  method: string;
  path: string;
  /** The API Gateway route key of an explicit route (`GET /settings/organisation`), or `$default`. */
  routeKey: string;
  token: string;
  /** The claims API Gateway's JWT authorizer puts in `requestContext.authorizer.jwt`. */
  claims: JwtClaims;
}

/** A browser call from the web app behind the JWT authorizer (events/api-gateway.ts), with one fixed request id. */
export function apiGatewayV2Event(input: ApiEventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  return apiGatewayEvent({
    method: input.method,
    path: input.path,
    routeKey: input.routeKey,
    headers: {
      authorization: `Bearer ${input.token}`,
      origin: 'http://localhost:5173',
      referer: 'http://localhost:5173/admin/settings',
      'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8',
      'sec-fetch-mode': 'cors',
    },
    requestId: 'Xh7Kqj4sDoEEJ2g=',
    claims: input.claims,
  });
}

/** The runtime's context (events/lambda-context.ts) with a request id derived from the invocation number. */
export function lambdaContext(invocation: number, functionName = 'cloudmanager-api-settings'): Context {
  return runtimeContext(functionName, { awsRequestId: `c6af9ac6-7b61-11e6-9a41-${invocation.toString(16).padStart(12, '0')}` });
}
