import { AppError } from '../../errors.js';
import { logger, metrics } from '../../observability.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { requestIdOf, type ApiMiddleware, type ApiRequest } from '../context.js';

/** The one place errors become responses: domain errors keep their status and code; anything else is a bare 500. */
export function mapErrors(): ApiMiddleware {
  return {
    onError: async (request: ApiRequest) => {
      const error = request.error;
      const requestId = requestIdOf(request);
      if (error instanceof AppError && error.expose) {
        logger.info('request rejected', { code: error.code, status: error.statusCode });
        request.response = {
          statusCode: error.statusCode,
          headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...error.headers },
          body: JSON.stringify({
            error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
          }),
        };
        return;
      }
      logger.error('unhandled error', error as Error);
      metrics.addMetric('UnhandledError', MetricUnit.Count, 1);
      request.response = {
        statusCode: 500,
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ error: { code: 'internal_error', message: 'Internal error', requestId } }),
      };
    },
  };
}
