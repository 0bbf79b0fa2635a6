import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** One logger and one metrics object per container; service name comes from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'cloudmanager' });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'CloudManager',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'cloudmanager',
  // Most requests record no metric; "nothing to publish" is not worth a warning per request.
  logger: logger.createChild({ logLevel: 'ERROR' }),
});
