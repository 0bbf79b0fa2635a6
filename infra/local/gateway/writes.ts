/**
 * Plain writes from clients (PutItem, UpdateItem, DeleteItem, BatchWriteItem): forwarded to
 * dynalite unchanged, with the item's image read just before and just after so the change
 * feed gets old and new images. The caller holds the gateway's write lock, so nothing else
 * can change the item in between.
 */
import type { ChangeFeed, Change } from './change-feed.js';
import type { GatewayLogger } from './logger.js';
import {
  asItem,
  asString,
  errorFromAnswer,
  isObject,
  jsonResponse,
  parseJsonObject,
  type Item,
  type JsonObject,
  type WireRequest,
  type WireResponse,
} from './protocol.js';
import { itemId, sameImage, type TableCatalog } from './tables.js';
import type { Upstream } from './upstream.js';

export interface WriterDeps {
  upstream: Upstream;
  catalog: TableCatalog;
  feed: ChangeFeed;
  logger: GatewayLogger;
}

interface Target {
  table: string;
  key: Item;
}

export class ItemWriter {
  constructor(private readonly deps: WriterDeps) {}

  /** The item as stored now (strongly consistent), or undefined. */
  async image(table: string, key: Item): Promise<Item | undefined> {
    const answer = await this.deps.upstream.call('GetItem', { TableName: table, Key: key, ConsistentRead: true });
    return asItem(answer.Item);
  }

  /** Appends a change record if the table streams and the item really changed. */
  record(table: string, keys: Item, oldImage: Item | undefined, newImage: Item | undefined, userIdentity?: Change['userIdentity']): void {
    if (!this.deps.catalog.streamEnabled(table) || sameImage(oldImage, newImage)) return;
    this.deps.feed.append({
      table,
      keys,
      ...(oldImage ? { oldImage } : {}),
      ...(newImage ? { newImage } : {}),
      ...(userIdentity ? { userIdentity } : {}),
    });
  }

  /** PutItem, UpdateItem or DeleteItem. Also adds the old item to a ConditionalCheckFailedException
   * when the request asked for ReturnValuesOnConditionCheckFailure=ALL_OLD (dynalite does not). */
  async single(operation: 'PutItem' | 'UpdateItem' | 'DeleteItem', input: JsonObject, request: WireRequest): Promise<WireResponse> {
    const table = asString(input.TableName);
    const streams = table !== undefined && this.deps.catalog.streamEnabled(table);
    const returnOld = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
    const target = table && (streams || returnOld) ? await this.target(table, operation === 'PutItem' ? input.Item : input.Key) : undefined;
    const before = target ? await this.image(target.table, target.key) : undefined;

    const answer = await this.deps.upstream.forward(request);
    if (!target) return answer;
    if (answer.status === 200) {
      if (streams) await this.recordAfter([target], [before]);
      return answer;
    }
    const error = errorFromAnswer(answer.status, answer.body);
    if (returnOld && before && error.code === 'ConditionalCheckFailedException') {
      return jsonResponse(answer.status, { ...error.toBody(), Item: before }, String(answer.headers['x-amzn-requestid'] ?? ''));
    }
    return answer;
  }

  /** BatchWriteItem: one record per processed put or delete, in request order. */
  async batch(input: JsonObject, request: WireRequest): Promise<WireResponse> {
    const targets = await this.batchTargets(input.RequestItems);
    const before = await Promise.all(targets.map((t) => this.image(t.table, t.key)));
    const answer = await this.deps.upstream.forward(request);
    if (answer.status !== 200 || targets.length === 0) return answer;

    const unprocessed = new Set((await this.batchTargets(parseJsonObject(answer.body)?.UnprocessedItems)).map((t) => itemId(t.table, t.key)));
    const processed = targets.map((t, i) => ({ t, old: before[i] })).filter(({ t }) => !unprocessed.has(itemId(t.table, t.key)));
    await this.recordAfter(processed.map((p) => p.t), processed.map((p) => p.old));
    return answer;
  }

  /** Reads the new images and appends the records; the write already succeeded, so a failure
   * here is logged rather than turned into an error answer. */
  private async recordAfter(targets: Target[], before: (Item | undefined)[]): Promise<void> {
    try {
      const after = await Promise.all(targets.map((t) => this.image(t.table, t.key)));
      targets.forEach((t, i) => this.record(t.table, t.key, before[i], after[i]));
    } catch (err) {
      this.deps.logger.error('could not read new images; change records lost', { error: String(err) });
    }
  }

  /** The key a request targets, or undefined when the request is malformed (dynalite will say why). */
  private async target(table: string, itemOrKey: unknown): Promise<Target | undefined> {
    const item = asItem(itemOrKey);
    if (!item) return undefined;
    try {
      return { table, key: await this.deps.catalog.keyOf(table, item, 'item') };
    } catch {
      return undefined;
    }
  }

  private async batchTargets(requestItems: unknown): Promise<Target[]> {
    if (!isObject(requestItems)) return [];
    const targets: Target[] = [];
    for (const [table, requests] of Object.entries(requestItems)) {
      if (!this.deps.catalog.streamEnabled(table) || !Array.isArray(requests)) continue;
      for (const request of requests) {
        if (!isObject(request)) continue;
        const put = isObject(request.PutRequest) ? request.PutRequest.Item : undefined;
        const del = isObject(request.DeleteRequest) ? request.DeleteRequest.Key : undefined;
        const target = await this.target(table, put ?? del);
        if (target) targets.push(target);
      }
    }
    return targets;
  }
}
