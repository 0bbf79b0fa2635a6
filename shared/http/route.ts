import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import type { Actor, UserActor } from '../auth/actor.js';
import type { Permission, Role } from '../auth/permissions.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: anyone; `authenticated`: any signed-in user; otherwise a signed-in user holding the permission. */
export type Access = 'public' | 'authenticated' | { permission: Permission };

type Schema = z.ZodType;

export type Audience = 'everyone' | readonly Role[];
type Infer<S> = S extends Schema ? z.output<S> : undefined;

export interface RouteInput<P, Q, B, A extends Access> {
  path: P;
  query: Q;
  body: B;
  actor: A extends 'public' ? Actor : UserActor;
  requestId: string;
  event: APIGatewayProxyEventV2;
}

export interface RouteSpec<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  R extends Schema,
  A extends Access,
> {
  /** Stable, unique: used as the OpenAPI operationId and in permission tests. */
  operationId: string;
  method: HttpMethod;
  /** API Gateway syntax: `/customers/{customerId}`. */
  path: `/${string}`;
  summary: string;
  tags: string[];
  access: A;
  /**
   * Who may call it with the default role matrix: `everyone` (also signed out) or the roles.
   * The permission-matrix test checks every route × role against this.
   */
  roles: Audience;
  /** Staff without TOTP may still call it (the 2FA setup flow); otherwise they get `mfa_setup_required`. */
  allowWithoutMfa?: boolean;
  /** Customer users only: staff get 403 before the input is parsed (e.g. self-service account opening). */
  customersOnly?: boolean;
  /** Staff only: customer users get 403 before the input is parsed, whatever permissions they hold. */
  staffOnly?: boolean;
  request?: { path?: P; query?: Q; body?: B };
  /** Success status (default 200; 204 sends no body). */
  status?: 200 | 201 | 202 | 204;
  response: R;
  /** Error codes this route may answer besides the pipeline's own (for the OpenAPI document). */
  errors?: readonly number[];
  handler: (input: RouteInput<Infer<P>, Infer<Q>, Infer<B>, A>) => Promise<z.input<R>>;
}

/** A route with its types erased, as the route table and pipeline hold it. */
export interface Route {
  operationId: string;
  method: HttpMethod;
  path: `/${string}`;
  summary: string;
  tags: string[];
  access: Access;
  roles: Audience;
  allowWithoutMfa?: boolean;
  customersOnly?: boolean;
  staffOnly?: boolean;
  request?: { path?: Schema; query?: Schema; body?: Schema };
  status?: 200 | 201 | 202 | 204;
  response: Schema;
  errors?: readonly number[];
  handler: (input: RouteInput<unknown, unknown, unknown, Access>) => Promise<unknown>;
}

/** Declares one route: method, path, schemas, permission, handler. */
export function defineRoute<
  A extends Access,
  R extends Schema,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: RouteSpec<P, Q, B, R, A>): Route {
  return spec as unknown as Route;
}

/** `GET /customers/{customerId}`: the API Gateway route key. */
export function routeKey(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
