import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { processInboundMail, type InboundOutcome } from '../../shared/mail/intake.js';
import { sesInboundEvent } from '../../shared/mail/ses-event.js';
import { logger, metrics } from '../../shared/observability.js';

/**
 * SES receipt rule, Lambda action (after the S3 action stored the raw MIME): turns the mail into a
 * ticket or a reply (shared/mail/intake.ts). One message per invocation, so a bad message blocks
 * nothing else; a failure is recorded on the message (status failed) for `npm run mail:replay`.
 */
export const handler = middy<unknown, { outcomes: InboundOutcome[] }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const { Records } = sesInboundEvent.parse(event);
    const outcomes: InboundOutcome[] = [];
    for (const record of Records) {
      const outcome = await processInboundMail(record);
      logger.info('inbound mail', { messageId: record.ses.mail.messageId, outcome });
      metrics.addMetric(`InboundMail_${outcome}`, MetricUnit.Count, 1);
      outcomes.push(outcome);
    }
    return { outcomes };
  });
