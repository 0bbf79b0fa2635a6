import * as z from 'zod';

/**
 * The API's error body, as shared/http/middlewares/map-errors.ts writes it:
 * `{ "error": { "code", "message", "details"?, "requestId"? } }`. The OpenAPI `Error` component
 * is generated from it, the web client and the tests parse responses with it.
 */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBody>;
