import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { recordInboundMail, type IntakeOutcome } from '../../shared/mail/inbound.js';
import { sesInboundEvent } from '../../shared/mail/ses-event.js';
import { logger, metrics } from '../../shared/observability.js';

/** SES receipt rule, Lambda action (after the S3 action stored the raw MIME). One message per invocation. */
export const handler = middy<unknown, { outcomes: IntakeOutcome[] }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const { Records } = sesInboundEvent.parse(event);
    const outcomes: IntakeOutcome[] = [];
    for (const record of Records) {
      const outcome = await recordInboundMail(record);
      logger.info('inbound mail', { messageId: record.ses.mail.messageId, outcome });
      metrics.addMetric(`InboundMail_${outcome}`, MetricUnit.Count, 1);
      outcomes.push(outcome);
    }
    return { outcomes };
  });
