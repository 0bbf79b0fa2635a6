import * as z from 'zod';
import { parseEnv } from '../../../shared/config.js';
import { defineRoute } from '../../../shared/http/route.js';
import { health } from '../../../shared/system/schemas.js';

const env = parseEnv(z.object({ STAGE: z.string().default('local'), APP_VERSION: z.string().default('dev') }));

export default defineRoute({
  operationId: 'getHealth',
  method: 'GET',
  path: '/health',
  summary: 'Liveness of the API',
  tags: ['system'],
  access: 'public',
  roles: 'everyone',
  response: health,
  handler: async () => ({
    status: 'ok' as const,
    service: 'cloudmanager-api',
    stage: env.STAGE,
    version: env.APP_VERSION,
    time: new Date().toISOString(),
  }),
});
