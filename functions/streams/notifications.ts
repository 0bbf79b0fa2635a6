import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, metrics } from '../../shared/observability.js';
import { toChange } from '../../shared/streams/changes.js';
import { applyToNotifications } from '../../shared/notifications/reactor.js';

/**
 * The table-stream consumer that emails people about ticket events (shared/notifications/reactor.ts).
 * Records are handled in order; at the first failure that record and the rest are reported for
 * retry. Each mail is deduplicated on `<eventId>#<address>`, so a retry repeats no mail.
 */
export async function processNotifications(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const [index, record] of event.Records.entries()) {
    const change = toChange(record);
    try {
      const outcomes = await applyToNotifications(change);
      for (const outcome of outcomes) metrics.addMetric(`Notification_${outcome}`, MetricUnit.Count, 1);
    } catch (err) {
      logger.error('notification failed', { eventId: change.eventId, entity: change.entity, error: err as Error });
      metrics.addMetric('NotificationFailed', MetricUnit.Count, 1);
      return { batchItemFailures: event.Records.slice(index).map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })) };
    }
  }
  return { batchItemFailures: [] };
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(processNotifications);
