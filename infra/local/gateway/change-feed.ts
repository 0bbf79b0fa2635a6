/**
 * The change stream: an ordered, in-memory log of DynamoDB Streams records (the exact shape a
 * Lambda receives) and the consumers that read it, each like one Lambda event source mapping:
 * in order, in batches, retried on error or reported batchItemFailures, and after the last
 * retry handed to an on-failure sink before moving on.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { GatewayLogger } from './logger.js';
import type { Item } from './protocol.js';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<void | DynamoDBBatchResponse>;

export interface SubscribeOptions {
  /** Consumer name in logs and dead letters (default `consumer-<n>`). */
  name?: string;
  /** Most records per invocation (default 100, like Lambda). */
  batchSize?: number;
  /** Retries after the first attempt before the on-failure sink (default 2). */
  maxRetries?: number;
  /** Only records of these tables (default: all stream-enabled tables). */
  tables?: string[];
  /** LATEST (default): records appended after subscribing; TRIM_HORIZON: every retained record too. */
  startingPosition?: 'LATEST' | 'TRIM_HORIZON';
  /** Pause before each retry (default 0). */
  retryDelayMs?: number;
  /** Called with each batch given up on, in addition to `feed.deadLetters` and the DLQ file. */
  onFailure?: (failure: DeliveryFailure) => void | Promise<void>;
}

/** A batch given up on after its retries, like the record Lambda sends to an on-failure destination. */
export interface DeliveryFailure {
  consumer: string;
  /** The records of the last attempt (from the first failed record to the end of the batch). */
  records: DynamoDBRecord[];
  attempts: number;
  /** `error` when the handler threw, `batchItemFailures` when it reported failures. */
  condition: 'error' | 'batchItemFailures';
  errorMessage?: string;
  failedItemIdentifiers?: string[];
  firstSequenceNumber: string;
  lastSequenceNumber: string;
  failedAt: string;
}

export interface Subscription {
  readonly name: string;
  unsubscribe(): void;
}

/** One change to append: the gateway already knows the images. */
export interface Change {
  table: string;
  keys: Item;
  oldImage?: Item;
  newImage?: Item;
  /** Set for TTL deletions: `{ type: 'Service', principalId: 'dynamodb.amazonaws.com' }`. */
  userIdentity?: { type: string; principalId: string };
}

export interface ChangeFeedOptions {
  region: string;
  logger: GatewayLogger;
  /** JSON-lines file that every dead letter is appended to. */
  dlqFile?: string;
  /** Records kept for `records()` and late TRIM_HORIZON subscribers (default 10 000). */
  retain?: number;
}

interface Entry {
  table: string;
  record: DynamoDBRecord;
}

interface Consumer {
  name: string;
  handler: StreamHandler;
  batchSize: number;
  maxRetries: number;
  retryDelayMs: number;
  tables: Set<string> | undefined;
  onFailure: SubscribeOptions['onFailure'];
  /** Absolute position of the next record to deliver. */
  cursor: number;
  running: Promise<void> | undefined;
  closed: boolean;
}

export class ChangeFeed {
  /** Every batch given up on, oldest first. */
  readonly deadLetters: DeliveryFailure[] = [];
  private readonly log: Entry[] = [];
  /** Absolute position of `log[0]` (older records were trimmed). */
  private base = 0;
  private sequence = BigInt(Date.now()) * 1000n;
  private readonly consumers = new Set<Consumer>();
  private readonly streamLabel = new Date().toISOString().slice(0, 23);
  private consumerCount = 0;

  constructor(private readonly options: ChangeFeedOptions) {}

  /** `arn:aws:dynamodb:<region>:000000000000:table/<table>/stream/<label>` */
  streamArn(table: string): string {
    return `arn:aws:dynamodb:${this.options.region}:000000000000:table/${table}/stream/${this.streamLabel}`;
  }

  get label(): string {
    return this.streamLabel;
  }

  /** Appends one record and wakes the consumers; never waits for delivery. */
  append(change: Change): DynamoDBRecord {
    const eventName = !change.oldImage ? 'INSERT' : change.newImage ? 'MODIFY' : 'REMOVE';
    this.sequence += 1n;
    const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: change.keys,
      ...(change.newImage ? { NewImage: change.newImage } : {}),
      ...(change.oldImage ? { OldImage: change.oldImage } : {}),
      SequenceNumber: this.sequence.toString().padStart(21, '0'),
      SizeBytes: Buffer.byteLength(JSON.stringify([change.keys, change.newImage ?? {}, change.oldImage ?? {}])),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    };
    const record: DynamoDBRecord = {
      eventID: randomUUID().replaceAll('-', ''),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.options.region,
      dynamodb,
      eventSourceARN: this.streamArn(change.table),
      ...(change.userIdentity ? { userIdentity: change.userIdentity } : {}),
    };
    this.log.push({ table: change.table, record });
    for (const consumer of this.consumers) this.wake(consumer);
    this.trim();
    return structuredClone(record);
  }

  /** Retained records (copies), optionally only those after the given SequenceNumber. */
  records(since?: string): DynamoDBRecord[] {
    return this.log
      .filter((e) => since === undefined || (e.record.dynamodb?.SequenceNumber ?? '') > since)
      .map((e) => structuredClone(e.record));
  }

  subscribe(handler: StreamHandler, options: SubscribeOptions = {}): Subscription {
    this.consumerCount += 1;
    const consumer: Consumer = {
      name: options.name ?? `consumer-${this.consumerCount}`,
      handler,
      batchSize: Math.max(1, Math.min(options.batchSize ?? 100, 10_000)),
      maxRetries: Math.max(0, options.maxRetries ?? 2),
      retryDelayMs: options.retryDelayMs ?? 0,
      tables: options.tables ? new Set(options.tables) : undefined,
      onFailure: options.onFailure,
      cursor: options.startingPosition === 'TRIM_HORIZON' ? this.base : this.end,
      running: undefined,
      closed: false,
    };
    this.consumers.add(consumer);
    this.wake(consumer);
    return {
      name: consumer.name,
      unsubscribe: () => {
        consumer.closed = true;
        this.consumers.delete(consumer);
      },
    };
  }

  /** Resolves once every consumer has processed (or dead-lettered) every record, including
   * records appended meanwhile by consumers that write. */
  async drain(): Promise<void> {
    for (;;) {
      const busy = [...this.consumers].filter((c) => c.running || c.cursor < this.end);
      if (busy.length === 0) return;
      await Promise.all(busy.map((c) => c.running ?? this.wake(c)));
    }
  }

  /** Stops every consumer after its current invocation. */
  async close(): Promise<void> {
    const running = [...this.consumers].map((c) => c.running);
    for (const consumer of this.consumers) consumer.closed = true;
    this.consumers.clear();
    await Promise.all(running);
  }

  private get end(): number {
    return this.base + this.log.length;
  }

  private wake(consumer: Consumer): Promise<void> {
    if (consumer.running) return consumer.running;
    if (consumer.closed || consumer.cursor >= this.end) return Promise.resolve();
    const run = (async () => {
      await sleep(0); // never deliver inside the write that appended the record
      await this.pump(consumer);
    })();
    consumer.running = run.finally(() => {
      consumer.running = undefined;
      if (!consumer.closed && consumer.cursor < this.end) void this.wake(consumer);
    });
    return consumer.running;
  }

  private async pump(consumer: Consumer): Promise<void> {
    while (!consumer.closed) {
      const batch: Entry[] = [];
      let position = Math.max(consumer.cursor, this.base);
      for (; position < this.end && batch.length < consumer.batchSize; position += 1) {
        const entry = this.log[position - this.base];
        if (entry && (!consumer.tables || consumer.tables.has(entry.table))) batch.push(entry);
      }
      if (batch.length > 0) await this.deliver(consumer, batch.map((e) => e.record));
      consumer.cursor = position;
      this.trim();
      if (batch.length === 0) return;
    }
  }

  private async deliver(consumer: Consumer, records: DynamoDBRecord[]): Promise<void> {
    let pending = records;
    for (let attempt = 1; ; attempt += 1) {
      let failedFrom = 0;
      let errorMessage: string | undefined;
      let failedIds: string[] | undefined;
      try {
        const result = await consumer.handler({ Records: pending.map((r) => structuredClone(r)) });
        const failures = result?.batchItemFailures ?? [];
        if (failures.length === 0) return;
        failedIds = failures.map((f) => f.itemIdentifier);
        const positions = failedIds.map((id) => pending.findIndex((r) => r.dynamodb?.SequenceNumber === id));
        // Like Lambda: an identifier that matches no record fails the whole batch.
        failedFrom = positions.includes(-1) ? 0 : Math.min(...positions);
      } catch (err) {
        errorMessage = err instanceof Error ? err.message : String(err);
      }
      pending = pending.slice(failedFrom);
      if (consumer.closed) return;
      if (attempt > consumer.maxRetries) {
        await this.deadLetter(consumer, pending, attempt, errorMessage, failedIds);
        return;
      }
      this.options.logger.warn('stream consumer failed, retrying', {
        consumer: consumer.name,
        attempt,
        errorMessage,
        failedItemIdentifiers: failedIds,
      });
      if (consumer.retryDelayMs > 0) await sleep(consumer.retryDelayMs);
    }
  }

  private async deadLetter(
    consumer: Consumer,
    records: DynamoDBRecord[],
    attempts: number,
    errorMessage: string | undefined,
    failedItemIdentifiers: string[] | undefined,
  ): Promise<void> {
    const failure: DeliveryFailure = {
      consumer: consumer.name,
      records: records.map((r) => structuredClone(r)),
      attempts,
      condition: failedItemIdentifiers ? 'batchItemFailures' : 'error',
      ...(errorMessage !== undefined ? { errorMessage } : {}),
      ...(failedItemIdentifiers ? { failedItemIdentifiers } : {}),
      firstSequenceNumber: records[0]?.dynamodb?.SequenceNumber ?? '',
      lastSequenceNumber: records.at(-1)?.dynamodb?.SequenceNumber ?? '',
      failedAt: new Date().toISOString(),
    };
    this.deadLetters.push(failure);
    this.options.logger.error('stream consumer gave up on a batch', {
      consumer: consumer.name,
      attempts,
      firstSequenceNumber: failure.firstSequenceNumber,
      lastSequenceNumber: failure.lastSequenceNumber,
    });
    try {
      if (this.options.dlqFile) {
        await mkdir(dirname(this.options.dlqFile), { recursive: true });
        await appendFile(this.options.dlqFile, JSON.stringify(failure) + '\n');
      }
      await consumer.onFailure?.(failure);
    } catch (err) {
      this.options.logger.error('on-failure sink failed', { consumer: consumer.name, error: String(err) });
    }
  }

  /** Forgets records beyond the retention that every consumer has passed. */
  private trim(): void {
    const retain = this.options.retain ?? 10_000;
    const excess = this.log.length - retain;
    if (excess <= 0) return;
    let removable = excess;
    for (const consumer of this.consumers) removable = Math.min(removable, consumer.cursor - this.base);
    if (removable <= 0) return;
    this.log.splice(0, removable);
    this.base += removable;
  }
}
