import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { applySesEvent, sesSendingEvent, type SesEventResult } from '../../shared/notifications/ses-events.js';
import { logger, metrics } from '../../shared/observability.js';

/**
 * EventBridge target for the SES configuration set's events (source aws.ses; detail-types
 * "Email Bounced" and "Email Complaint Received"): hard bounces and complaints go on the
 * suppression list, which every notification checks before sending.
 */
export const handler = middy<unknown, SesEventResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const result = await applySesEvent(sesSendingEvent.parse(event));
    if (result.suppressed.length) metrics.addMetric('MailSuppressed', MetricUnit.Count, result.suppressed.length);
    return result;
  });
