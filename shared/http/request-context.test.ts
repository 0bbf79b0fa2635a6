import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { apiGatewayEvent } from '../../events/api-gateway.js';
import { lambdaContext } from '../../events/lambda-context.js';
import { claimsOnlyActor, createApiHandler } from './pipeline.js';
import { currentRequestContext } from './request-context.js';
import { defineRoute } from './route.js';

describe('request context', () => {
  it('is the handler\'s own request on every invocation, and never leaks to the caller', async () => {
    const seen: (string | undefined)[] = [];
    const route = (path: string, access: 'public' | 'authenticated') =>
      defineRoute({ operationId: path, method: 'GET', path: `/${path}`, summary: 's', tags: ['t'], access, roles: 'everyone', response: z.object({}), handler: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(currentRequestContext()?.requestId);
        return {};
      } });
    const handler = createApiHandler([route('open', 'public'), route('closed', 'authenticated')], { verify: async () => ({ sub: 'u1', 'cognito:groups': ['admin'] }), resolveActor: claimsOnlyActor });

    for (const [path, id] of [['closed', 'r1'], ['open', 'r2'], ['closed', 'r3'], ['open', 'r4']] as const) {
      const response = await handler(apiGatewayEvent({ method: 'GET', path: `/${path}`, requestId: id, headers: { authorization: 'Bearer t' } }), lambdaContext('t'));
      expect(response.statusCode, response.body).toBe(200);
      expect(currentRequestContext()).toBeUndefined();
    }

    expect(seen).toEqual(['r1', 'r2', 'r3', 'r4']);
  });
});
