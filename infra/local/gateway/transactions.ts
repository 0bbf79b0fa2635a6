/**
 * TransactWriteItems and TransactGetItems, which dynalite lacks, built from its single-item
 * operations under the gateway's lock.
 *
 * A write transaction takes the lock exclusively, snapshots every target item, then applies
 * the actions one by one with their own ConditionExpression. When a condition fails, the
 * remaining conditions are still evaluated (AWS reports every failed one), the actions
 * already applied are undone from the snapshots, and the client gets the same
 * TransactionCanceledException as from AWS, CancellationReasons included. Readers take the
 * lock shared, so nobody sees a transaction half applied or rolled back.
 */
import type { GatewayLogger } from './logger.js';
import type { ReadWriteLock } from './mutex.js';
import {
  DynamoError,
  asItem,
  asString,
  isConditionalCheckFailed,
  isObject,
  validationError,
  type Item,
  type JsonObject,
} from './protocol.js';
import { canonical, itemId, type TableCatalog } from './tables.js';
import type { Upstream } from './upstream.js';
import type { ItemWriter } from './writes.js';

const MAX_ITEMS = 100;
const TOKEN_TTL_MS = 10 * 60 * 1000;
const KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;
type Kind = (typeof KINDS)[number];
const OPERATION: Record<Exclude<Kind, 'ConditionCheck'>, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem' };

interface Action {
  kind: Kind;
  table: string;
  key: Item;
  /** The action's member as sent: TableName, Item or Key, expressions. */
  params: JsonObject;
}

interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

export interface TransactionDeps {
  upstream: Upstream;
  catalog: TableCatalog;
  lock: ReadWriteLock;
  writer: ItemWriter;
  logger: GatewayLogger;
}

/** Capacity units consumed per table, summed over the steps of one transaction. */
type Usage = Map<string, number> | undefined;

export class Transactions {
  private readonly tokens = new Map<string, { fingerprint: string; at: number }>();

  constructor(private readonly deps: TransactionDeps) {}

  async write(input: JsonObject): Promise<JsonObject> {
    const members = checkedList(input.TransactItems);
    const actions: Action[] = [];
    for (const [index, member] of members.entries()) actions.push(await this.parseWrite(member, index + 1));
    const seen = new Set<string>();
    for (const action of actions) {
      const id = itemId(action.table, action.key);
      if (seen.has(id)) throw validationError('Transaction request cannot include multiple operations on one item');
      seen.add(id);
    }
    const token = asString(input.ClientRequestToken);
    const fingerprint = canonical(input.TransactItems);
    const usage: Usage = wantsCapacity(input) ? new Map() : undefined;

    return this.deps.lock.exclusive(async () => {
      if (token && this.alreadyApplied(token, fingerprint)) return {};
      await this.apply(actions, usage);
      if (token) this.tokens.set(token, { fingerprint, at: Date.now() });
      return capacityAnswer(usage, 'WriteCapacityUnits');
    });
  }

  async get(input: JsonObject): Promise<JsonObject> {
    const members = checkedList(input.TransactItems);
    const gets = members.map((member, index) => {
      const get = isObject(member) ? member.Get : undefined;
      if (!isObject(get) || !asString(get.TableName) || !asItem(get.Key)) {
        throw validationError(`1 validation error detected: Value null at 'transactItems.${index + 1}.member.get' failed to satisfy constraint: Member must not be null`);
      }
      return get;
    });
    const usage: Usage = wantsCapacity(input) ? new Map() : undefined;
    return this.deps.lock.shared(async () => {
      const answers = await Promise.all(
        gets.map((get) => this.call('GetItem', { ...get, ConsistentRead: true }, usage)),
      );
      return {
        Responses: answers.map((answer) => (isObject(answer.Item) ? { Item: answer.Item } : {})),
        ...capacityAnswer(usage, 'ReadCapacityUnits'),
      };
    });
  }

  private async apply(actions: Action[], usage: Usage): Promise<void> {
    const { writer } = this.deps;
    const before = await Promise.all(actions.map((a) => writer.image(a.table, a.key)));
    const applied: number[] = [];
    const reasons: CancellationReason[] = [];
    let cancelled = false;
    try {
      for (const [i, action] of actions.entries()) {
        let passed: boolean;
        if (action.kind === 'ConditionCheck' || cancelled) {
          passed = asString(action.params.ConditionExpression) === undefined || (await this.evaluate(action, before[i], usage));
        } else {
          passed = await this.execute(action, usage);
          if (passed) applied.push(i);
        }
        cancelled ||= !passed;
        reasons.push(passed ? { Code: 'None' } : failedReason(action, before[i]));
      }
    } catch (err) {
      await this.rollback(actions, before, applied);
      throw err;
    }
    if (cancelled) {
      await this.rollback(actions, before, applied);
      throw new DynamoError(
        400,
        'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
        { CancellationReasons: reasons },
      );
    }
    try {
      const after = await Promise.all(applied.map((i) => writer.image(actions[i]!.table, actions[i]!.key)));
      applied.forEach((i, n) => writer.record(actions[i]!.table, actions[i]!.key, before[i], after[n]));
    } catch (err) {
      this.deps.logger.error('transaction committed but new images unreadable; change records lost', { error: String(err) });
    }
  }

  /** Applies a Put, Update or Delete with its condition; false when the condition failed. */
  private async execute(action: Action, usage: Usage): Promise<boolean> {
    const { ReturnValuesOnConditionCheckFailure: _ignored, ...params } = action.params;
    try {
      await this.call(OPERATION[action.kind as Exclude<Kind, 'ConditionCheck'>], params, usage);
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }

  /**
   * Evaluates an action's ConditionExpression without changing anything: a conditional PutItem
   * of the item exactly as it is, or, for a missing item, of its bare key followed by a delete.
   * Both happen under the exclusive lock, so no reader can see the temporary key, and neither
   * goes through the change feed.
   */
  private async evaluate(action: Action, current: Item | undefined, usage: Usage): Promise<boolean> {
    const condition = asString(action.params.ConditionExpression) ?? '';
    // Values used only by an UpdateExpression would make the PutItem invalid ("unused").
    const keepAll = action.kind === 'ConditionCheck';
    const names = pickUsed(action.params.ExpressionAttributeNames, condition, keepAll);
    const values = pickUsed(action.params.ExpressionAttributeValues, condition, keepAll);
    const probe = {
      TableName: action.table,
      ConditionExpression: condition,
      ...(names ? { ExpressionAttributeNames: names } : {}),
      ...(values ? { ExpressionAttributeValues: values } : {}),
    };
    try {
      await this.call('PutItem', { ...probe, Item: current ?? action.key }, usage);
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
    if (!current) await this.deps.upstream.call('DeleteItem', { TableName: action.table, Key: action.key });
    return true;
  }

  /** Puts back the snapshots of the applied actions, last first. */
  private async rollback(actions: Action[], before: (Item | undefined)[], applied: number[]): Promise<void> {
    for (const i of [...applied].reverse()) {
      const action = actions[i]!;
      const old = before[i];
      try {
        if (old) await this.deps.upstream.call('PutItem', { TableName: action.table, Item: old });
        else await this.deps.upstream.call('DeleteItem', { TableName: action.table, Key: action.key });
      } catch (err) {
        this.deps.logger.error('transaction rollback failed for one item', { table: action.table, key: action.key, error: String(err) });
      }
    }
  }

  private async call(operation: string, input: JsonObject, usage: Usage): Promise<JsonObject> {
    const answer = await this.deps.upstream.call(operation, usage ? { ...input, ReturnConsumedCapacity: 'TOTAL' } : input);
    const consumed = isObject(answer.ConsumedCapacity) ? answer.ConsumedCapacity : undefined;
    const table = asString(input.TableName);
    if (usage && table && typeof consumed?.CapacityUnits === 'number') {
      usage.set(table, (usage.get(table) ?? 0) + consumed.CapacityUnits);
    }
    return answer;
  }

  private alreadyApplied(token: string, fingerprint: string): boolean {
    const now = Date.now();
    for (const [t, entry] of this.tokens) if (now - entry.at > TOKEN_TTL_MS) this.tokens.delete(t);
    const seen = this.tokens.get(token);
    if (!seen) return false;
    if (seen.fingerprint !== fingerprint) {
      throw new DynamoError(
        400,
        'com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException',
        'Request parameters do not match the parameters of a previous request with the same client token',
      );
    }
    return true;
  }

  private async parseWrite(member: unknown, position: number): Promise<Action> {
    const kinds = isObject(member) ? KINDS.filter((k) => member[k] !== undefined && member[k] !== null) : [];
    const kind = kinds[0];
    const params = kind && isObject(member) ? member[kind] : undefined;
    if (kinds.length !== 1 || !kind || !isObject(params)) {
      throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
    }
    const table = asString(params.TableName);
    const where = `transactItems.${position}.member.${kind.charAt(0).toLowerCase()}${kind.slice(1)}`;
    if (!table) throw validationError(`1 validation error detected: Value null at '${where}.tableName' failed to satisfy constraint: Member must not be null`);
    const source = asItem(kind === 'Put' ? params.Item : params.Key);
    if (!source) {
      const member = kind === 'Put' ? 'item' : 'key';
      throw validationError(`1 validation error detected: Value null at '${where}.${member}' failed to satisfy constraint: Member must not be null`);
    }
    if (kind === 'Update' && !asString(params.UpdateExpression)) {
      throw validationError(`1 validation error detected: Value null at '${where}.updateExpression' failed to satisfy constraint: Member must not be null`);
    }
    if (kind === 'ConditionCheck' && !asString(params.ConditionExpression)) {
      throw validationError(`1 validation error detected: Value null at '${where}.conditionExpression' failed to satisfy constraint: Member must not be null`);
    }
    const key = await this.deps.catalog.keyOf(table, source, kind === 'Put' ? 'item' : 'key');
    return { kind, table, key, params: { ...params, TableName: table } };
  }
}

function checkedList(value: unknown): unknown[] {
  if (!Array.isArray(value)) {
    throw validationError("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  }
  if (value.length < 1 || value.length > MAX_ITEMS) {
    const bound = value.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ITEMS}`;
    throw validationError(`1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`);
  }
  return value;
}

function failedReason(action: Action, current: Item | undefined): CancellationReason {
  const returnOld = action.params.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
  return {
    Code: 'ConditionalCheckFailed',
    Message: 'The conditional request failed',
    ...(returnOld && current ? { Item: current } : {}),
  };
}

/** The members of an ExpressionAttributeNames/Values map that `expression` mentions. */
function pickUsed(map: unknown, expression: string, keepAll: boolean): JsonObject | undefined {
  if (!isObject(map)) return undefined;
  if (keepAll) return map;
  const tokens = new Set(expression.match(/[#:][A-Za-z0-9_]+/g) ?? []);
  const used = Object.fromEntries(Object.entries(map).filter(([name]) => tokens.has(name)));
  return Object.keys(used).length > 0 ? used : undefined;
}

function wantsCapacity(input: JsonObject): boolean {
  return input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES';
}

/** Transactions cost twice the units of the plain operations (AWS pricing), hence the doubling. */
function capacityAnswer(usage: Usage, unitsField: 'WriteCapacityUnits' | 'ReadCapacityUnits'): JsonObject {
  if (!usage) return {};
  return {
    ConsumedCapacity: [...usage].map(([TableName, units]) => ({ TableName, CapacityUnits: units * 2, [unitsField]: units * 2 })),
  };
}
