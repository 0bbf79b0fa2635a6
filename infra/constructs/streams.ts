import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { AppFunction, type FunctionDefaults } from './app-function.js';
import { DeadLetterQueue } from './dead-letter-queue.js';

export interface StreamsProps {
  functionDefaults: FunctionDefaults;
  /** The table whose stream (new and old images) feeds audit, aggregates and notifications. */
  table: ITable;
  entry?: string;
}

/**
 * The DynamoDB stream consumer (functions/streams/index.ts): batches in order per shard, the
 * handler reports the first failed record (reportBatchItemFailures) so Lambda retries from
 * there, bisects poison batches, and after the retry budget the records' metadata goes to a DLQ.
 */
export class Streams extends Construct {
  readonly consumer: AppFunction;
  readonly deadLetters: DeadLetterQueue;
  readonly eventSource: DynamoEventSource;

  constructor(scope: Construct, id: string, props: StreamsProps) {
    super(scope, id);

    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: 'table stream records that still failed after retries (batch metadata: shard and sequence numbers)',
      fedBy: 'the DynamoDB stream event source mapping (on-failure destination)',
    });

    this.consumer = new AppFunction(this, 'ConsumerFunction', {
      ...props.functionDefaults,
      entry: props.entry ?? 'functions/streams/index.ts',
      serviceName: 'streams',
      description: 'CloudManager table stream consumer (audit, aggregates, notifications)',
      timeout: Duration.minutes(1),
    });
    // Counters and audit entries are written back to the same table.
    this.consumer.useTable(props.table, 'readWrite');

    this.eventSource = new DynamoEventSource(props.table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      retryAttempts: 5,
      maxRecordAge: Duration.hours(24),
      parallelizationFactor: 1, // strict order per item key
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.deadLetters.queue),
    });
    this.consumer.addEventSource(this.eventSource);

    Validations.of(this.consumer).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked synchronously by the DynamoDB stream event source mapping; failed batches go to the mapping\'s on-failure SQS destination, a function DeadLetterConfig would never be used.',
    });
    // Same finding id as X-Ray's "*" (acknowledged on the role by AppFunction); this is the other statement behind it.
    Validations.of(this.consumer.role!.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, added by the DynamoDB event source to find the stream, has no resource-level permissions and requires "*"; the stream read actions are limited to this table\'s stream ARN.',
    });
  }
}
