/** Import-time probe: Powertools logger and metrics with their middy middlewares. */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';

const logger = new Logger({ serviceName: 'probe' });
const metrics = new Metrics({ namespace: 'Probe', serviceName: 'probe' });
export const probe = [injectLambdaContext(logger), logMetrics(metrics)];
