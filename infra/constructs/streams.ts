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

export interface StreamConsumerOptions {
  /** Entry file relative to the repository root, exporting `handler`. */
  entry: string;
  serviceName: string;
  description: string;
  /** Lambda event filters: records that match none never invoke the function. */
  filters?: Array<Record<string, unknown>>;
  /** TRIM_HORIZON replays the last 24 h on creation; LATEST starts with new records. */
  startingPosition?: lambda.StartingPosition;
  batchSize?: number;
  timeout?: Duration;
}

/** One consumer of the table stream: its Lambda, its on-failure DLQ, its event source mapping. */
export interface StreamConsumer {
  function: AppFunction;
  deadLetters: DeadLetterQueue;
  eventSource: DynamoEventSource;
}

/**
 * The DynamoDB stream consumers: batches in order per shard, the handler reports the first
 * failed record (reportBatchItemFailures) so Lambda retries from there, bisects poison batches,
 * and after the retry budget the records' metadata goes to the consumer's DLQ.
 * `consumer` (functions/streams/index.ts) sees every record (audit, aggregates); `addConsumer`
 * adds filtered ones (at most two consumers per stream keep DynamoDB from throttling reads).
 */
export class Streams extends Construct {
  readonly consumer: AppFunction;
  readonly deadLetters: DeadLetterQueue;
  readonly eventSource: DynamoEventSource;
  /** Filtered consumers by construct id. */
  readonly consumers = new Map<string, StreamConsumer>();

  private readonly props: StreamsProps;

  constructor(scope: Construct, id: string, props: StreamsProps) {
    super(scope, id);
    this.props = props;
    // Built in this scope with the original ids so the existing mapping keeps its stream position.
    const main = this.build(this, {
      entry: props.entry ?? 'functions/streams/index.ts',
      serviceName: 'streams',
      description: 'CloudManager table stream consumer (audit, aggregates)',
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      timeout: Duration.minutes(1),
    });
    this.consumer = main.function;
    this.deadLetters = main.deadLetters;
    this.eventSource = main.eventSource;
  }

  /** A further consumer of the same stream, with its own function, DLQ and filters. */
  addConsumer(id: string, options: StreamConsumerOptions): StreamConsumer {
    if (this.consumers.has(id)) throw new Error(`Streams: consumer ${id} exists`);
    const consumer = this.build(new Construct(this, id), options);
    this.consumers.set(id, consumer);
    return consumer;
  }

  private build(scope: Construct, options: StreamConsumerOptions): StreamConsumer {
    const deadLetters = new DeadLetterQueue(scope, 'DeadLetters', {
      purpose: `table stream records that ${options.serviceName} still failed after retries (batch metadata: shard and sequence numbers)`,
      fedBy: 'the DynamoDB stream event source mapping (on-failure destination)',
    });

    const fn = new AppFunction(scope, 'ConsumerFunction', {
      ...this.props.functionDefaults,
      entry: options.entry,
      serviceName: options.serviceName,
      description: options.description,
      timeout: options.timeout ?? Duration.minutes(1),
    });
    // Counters, audit entries, marks and rate counters are written back to the same table.
    fn.useTable(this.props.table, 'readWrite');

    const eventSource = new DynamoEventSource(this.props.table, {
      startingPosition: options.startingPosition ?? lambda.StartingPosition.LATEST,
      batchSize: options.batchSize ?? 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      retryAttempts: 5,
      maxRecordAge: Duration.hours(24),
      parallelizationFactor: 1, // strict order per item key
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetters.queue),
      ...(options.filters ? { filters: options.filters } : {}),
    });
    fn.addEventSource(eventSource);

    Validations.of(fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked synchronously by the DynamoDB stream event source mapping; failed batches go to the mapping\'s on-failure SQS destination, a function DeadLetterConfig would never be used.',
    });
    // Same finding id as X-Ray's "*" (acknowledged on the role by AppFunction); this is the other statement behind it.
    Validations.of(fn.role!.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, added by the DynamoDB event source to find the stream, has no resource-level permissions and requires "*"; the stream read actions are limited to this table\'s stream ARN.',
    });
    return { function: fn, deadLetters, eventSource };
  }
}
