import type { OpenApiInfo } from './openapi.js';

export const openApiInfo: OpenApiInfo = {
  title: 'CloudManager API',
  version: '0.1.0',
  description: 'Back office and customer portal API. Errors are `{"error":{"code","message","details"}}` with stable codes.',
  servers: [
    {
      url: '{scheme}://{host}',
      description: 'The local twin (http, localhost:3000) or a deployed stage (https, its API Gateway host)',
      variables: {
        scheme: { default: 'http', enum: ['http', 'https'] },
        host: { default: 'localhost:3000', description: 'host[:port] of the API' },
      },
    },
  ],
};
