import * as z from 'zod';
import { errorBody } from './error-body.js';
import type { Route } from './route.js';

type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
  servers: { url: string; description: string; variables?: Record<string, { default: string; enum?: string[]; description?: string }> }[];
}

const errorText: Record<number, string> = {
  400: 'Bad input: `invalid_json` or `validation_failed` (details list field paths); auth steps: `weak_password`, `code_invalid`, `code_expired`, `mfa_invalid`, `invalid_credentials`',
  401: 'Missing, invalid or expired token: `unauthorized`, `token_expired`, `session_revoked`, `account_disabled`; sign-in: `invalid_credentials`',
  403: 'Signed in, but not allowed: `forbidden`; staff without TOTP: `mfa_setup_required`; `mfa_required`',
  404: 'No such object (or not yours): `not_found`',
  409: 'Conflict, e.g. `version_conflict`',
  413: 'Body over 1 MB: `payload_too_large`',
  415: 'Body is not JSON: `unsupported_media_type`',
  423: 'Too many failed sign-ins for this address: `locked` (Retry-After)',
  429: 'Throttled by the API stage limits',
  500: 'Unexpected failure: `internal_error` with the request id',
};

/** Converts a zod schema to JSON Schema 2020-12, hoisting named schemas into components. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  const text = JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $schema: _, $defs, ...rest } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [id, def] of Object.entries($defs ?? {})) components[id] = def;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query', components: Record<string, JsonSchema>) {
  if (!schema) return [];
  const json = toSchema(schema, 'input', components) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** The OpenAPI 3.1 document of a route table. */
export function buildOpenApi(routes: readonly Route[], info: OpenApiInfo) {
  const components: Record<string, JsonSchema> = {};
  const errorRef = toSchema(errorBody, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    const isPublic = route.access === 'public';
    const status = route.status ?? 200;
    const codes = new Set<number>([400, 429, 500, ...(route.request?.body ? [413, 415] : []), ...(isPublic ? [] : [401]), ...(typeof route.access === 'object' ? [403] : []), ...(route.errors ?? [])]);
    if (!route.request?.body && !route.request?.query && !route.request?.path) codes.delete(400);
    const responses: Record<string, unknown> = {
      [status]:
        status === 204
          ? { description: 'Done' }
          : { description: 'Success', content: { 'application/json': { schema: toSchema(route.response, 'output', components) } } },
    };
    for (const code of [...codes].sort()) {
      responses[code] = { description: errorText[code] ?? 'Error', content: { 'application/json': { schema: errorRef } } };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      ...(typeof route.access === 'object' ? { 'x-permission': route.access.permission } : {}),
      security: isPublic ? [] : [{ cognito: [] }],
      parameters: [
        ...parameters(route.request?.path, 'path', components),
        ...parameters(route.request?.query, 'query', components),
      ],
      ...(route.request?.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.request.body, 'input', components) } } } }
        : {}),
      responses,
    };
  }
  const tags = [...new Set(routes.flatMap((r) => r.tags))].sort().map((name) => ({ name, description: `${name} operations` }));
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description, license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } },
    servers: info.servers,
    tags,
    security: [{ cognito: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito access token' },
      },
    },
  };
}
