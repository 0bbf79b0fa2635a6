import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What ends up here, for the alarm and the runbook. */
  purpose: string;
  /**
   * Set when the queue is fed by something cdk-nag cannot see as a DLQ (an event source
   * mapping's on-failure destination, a scheduler target's DLQ) rather than by a queue redrive
   * policy or a Lambda DeadLetterConfig.
   */
  fedBy?: string;
}

/**
 * Where failed events wait for an operator: SSE (SQS-managed keys), TLS only, 14 days retention.
 * Observability alarms as soon as one message is visible.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly purpose: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.purpose = props.purpose;
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    Validations.of(this.queue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: `This queue is itself the dead-letter queue for ${props.purpose}; a DLQ behind it would only move the same messages, and an alarm fires on the first one.`,
    });
    if (props.fedBy) {
      Validations.of(this.queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is the dead-letter destination of ${props.fedBy}, which cdk-nag does not recognise as DLQ usage (it only looks at queue redrive policies and Lambda DeadLetterConfig).`,
      });
    }
  }
}
