import type * as z from 'zod';
import { InvalidJsonError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError, type ErrorDetail } from '../../errors.js';
import type { ApiMiddleware, ApiRequest } from '../context.js';

export const maxBodyBytes = 1024 * 1024;

function issues(where: string, error: z.ZodError): ErrorDetail[] {
  return error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
    code: i.code,
  }));
}

function readBody(request: ApiRequest): unknown {
  const { body, isBase64Encoded, headers } = request.event;
  if (body === undefined || body === null || body === '') return undefined;
  const raw = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (raw.byteLength > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
  const type = headers?.['content-type'] ?? headers?.['Content-Type'] ?? 'application/json';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new UnsupportedMediaTypeError();
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new InvalidJsonError();
  }
}

/** Parses path, query and body with the route's zod schemas; the handler gets typed input only. */
export function parseInput(): ApiMiddleware {
  return {
    before: async (request: ApiRequest) => {
      const schemas = request.context.route!.request ?? {};
      const body = readBody(request);
      const details: ErrorDetail[] = [];
      const parse = (where: string, schema: z.ZodType | undefined, value: unknown) => {
        if (!schema) return undefined;
        const result = schema.safeParse(value);
        if (result.success) return result.data;
        details.push(...issues(where, result.error));
        return undefined;
      };
      const input = {
        path: parse('path', schemas.path, request.context.params ?? {}),
        query: parse('query', schemas.query, request.event.queryStringParameters ?? {}),
        body: parse('body', schemas.body, body),
      };
      if (details.length) throw new ValidationError(details);
      request.context.input = input;
    },
  };
}
