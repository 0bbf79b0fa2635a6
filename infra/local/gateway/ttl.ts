/**
 * Time to live: the emulator's background sweeper. Like AWS's own process it scans each TTL
 * table for items whose TTL attribute (a Number, epoch seconds) is in the past, deletes them
 * with a condition that they are still expired, and emits REMOVE records whose userIdentity
 * is the DynamoDB service. Items whose TTL attribute is missing, not a Number, or more than
 * five years in the past are left alone, as on AWS.
 */
import type { GatewayLogger } from './logger.js';
import type { ReadWriteLock } from './mutex.js';
import { asItem, isConditionalCheckFailed, type Item } from './protocol.js';
import type { TableCatalog } from './tables.js';
import type { Upstream } from './upstream.js';
import type { ItemWriter } from './writes.js';

const FIVE_YEARS_S = 5 * 365 * 24 * 60 * 60;
export const TTL_IDENTITY = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };

export interface TtlDeps {
  upstream: Upstream;
  catalog: TableCatalog;
  lock: ReadWriteLock;
  writer: ItemWriter;
  logger: GatewayLogger;
}

export class TtlSweeper {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly deps: TtlDeps,
    /** Pause between sweeps; 0 disables the timer (sweepNow() still works). */
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.intervalMs > 0 && !this.stopped) this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.chain.catch(() => {});
  }

  /** Runs one sweep (after any sweep in progress); resolves the number of items deleted. */
  sweepNow(): Promise<number> {
    const sweep = this.chain.catch(() => {}).then(() => this.sweep());
    this.chain = sweep;
    return sweep;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.sweepNow()
        .catch((err: unknown) => this.deps.logger.error('TTL sweep failed', { error: String(err) }))
        .finally(() => {
          if (!this.stopped) this.schedule();
        });
    }, this.intervalMs);
    this.timer.unref();
  }

  private async sweep(): Promise<number> {
    const now = Math.floor(Date.now() / 1000);
    let deleted = 0;
    for (const [table, attribute] of this.deps.catalog.ttlTables()) {
      let keys: string[];
      try {
        keys = await this.deps.catalog.keyAttributes(table);
      } catch {
        continue; // table not created yet
      }
      const expired = expiredCondition(attribute, now);
      for await (const key of this.scanExpired(table, keys, expired)) {
        if (await this.expire(table, key, expired)) deleted += 1;
      }
    }
    if (deleted > 0) this.deps.logger.info('TTL sweep deleted expired items', { deleted });
    return deleted;
  }

  /** Keys of the items that are expired now (a Scan: this is a background process, not a request path). */
  private async *scanExpired(table: string, keys: string[], expired: ExpiredCondition): AsyncGenerator<Item> {
    const names = { ...expired.ExpressionAttributeNames };
    keys.forEach((k, i) => (names[`#k${i}`] = k));
    let startKey: unknown;
    do {
      const page = await this.deps.upstream.call('Scan', {
        TableName: table,
        FilterExpression: expired.ConditionExpression,
        ProjectionExpression: keys.map((_, i) => `#k${i}`).join(', '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: expired.ExpressionAttributeValues,
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      });
      for (const item of Array.isArray(page.Items) ? page.Items : []) {
        const key = asItem(item);
        if (key) yield key;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /** Deletes one item if it is still expired; true when deleted. */
  private expire(table: string, key: Item, expired: ExpiredCondition): Promise<boolean> {
    return this.deps.lock.exclusive(async () => {
      try {
        const answer = await this.deps.upstream.call('DeleteItem', { TableName: table, Key: key, ReturnValues: 'ALL_OLD', ...expired });
        const old = asItem(answer.Attributes);
        this.deps.writer.record(table, key, old, undefined, TTL_IDENTITY);
        return true;
      } catch (err) {
        if (isConditionalCheckFailed(err)) return false; // changed since the scan
        throw err;
      }
    });
  }
}

interface ExpiredCondition {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Item;
}

/** "The TTL attribute is a Number, before now, and at most five years old." Comparing with a
 * Number is false for any other type, so missing or non-number attributes never match. */
function expiredCondition(attribute: string, now: number): ExpiredCondition {
  return {
    ConditionExpression: '#ttl >= :oldest AND #ttl < :now',
    ExpressionAttributeNames: { '#ttl': attribute },
    ExpressionAttributeValues: { ':oldest': { N: String(now - FIVE_YEARS_S) }, ':now': { N: String(now) } },
  };
}
