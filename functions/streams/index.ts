import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, metrics } from '../../shared/observability.js';
import { toChange } from '../../shared/streams/changes.js';
import { applyToAudit } from '../../shared/audit/reactor.js';
import { applyToCounters } from '../../shared/streams/counters.js';
import { applyToSlaMetrics } from '../../shared/sla/metrics.js';

/**
 * The table's stream consumer: entity counters, SLA metrics, then the audit trail, for each record. Records
 * are applied strictly in order; at the first failure the rest of the batch is reported as failed
 * so Lambda retries from there (reportBatchItemFailures), and after the retry budget the event
 * source sends them to the on-failure DLQ.
 */
export async function processStream(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const [index, record] of event.Records.entries()) {
    const change = toChange(record);
    try {
      const outcome = await applyToCounters(change);
      if (outcome === 'duplicate') metrics.addMetric('StreamRecordDuplicate', MetricUnit.Count, 1);
      const slaOutcome = await applyToSlaMetrics(change);
      if (slaOutcome === 'duplicate') metrics.addMetric('StreamRecordDuplicate', MetricUnit.Count, 1);
      // Each reactor is exactly-once on its own (own marks), so a retry from here repeats nothing.
      const audited = await applyToAudit(change);
      if (audited === 'duplicate') metrics.addMetric('StreamRecordDuplicate', MetricUnit.Count, 1);
    } catch (err) {
      logger.error('stream record failed', { eventId: change.eventId, entity: change.entity, error: err as Error });
      metrics.addMetric('StreamRecordFailed', MetricUnit.Count, 1);
      return {
        batchItemFailures: event.Records.slice(index).map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })),
      };
    }
  }
  return { batchItemFailures: [] };
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(processStream);
