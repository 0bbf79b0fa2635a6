/** Import-time probe: middy core with the CORS and security-header middlewares. */
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';

export const probe = middy()
  .use(httpSecurityHeaders())
  .use(httpCors())
  .handler(async () => ({ statusCode: 204 }));
