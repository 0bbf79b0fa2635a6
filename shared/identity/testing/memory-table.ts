import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AwsStub } from 'aws-sdk-client-mock';
import { tableShape } from '../../db/table.js';

/**
 * Test support: the one table in memory behind an aws-sdk-client-mock'ed DynamoDBDocumentClient.
 * It evaluates the expressions ElectroDB sends (conditions, SET/ADD/REMOVE updates, key conditions
 * with BETWEEN/begins_with, filters, transactions with CancellationReasons, batch gets), so a unit
 * test exercises the real conditional logic of a service without a database server. Every command
 * still goes through the mock, so tests can assert on what was sent.
 */

type Item = Record<string, unknown>;
type Names = Record<string, string> | undefined;
type Values = Record<string, unknown> | undefined;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DocStub = AwsStub<any, any, any>;

const keyOf = (key: Item) => `${String(key[tableShape.partitionKey])}\u0000${String(key[tableShape.sortKey])}`;

function tokenize(expression: string): string[] {
  return expression.match(/[#:][\w.]+|\(|\)|,|<>|<=|>=|=|<|>|[A-Za-z_]+/g) ?? [];
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Evaluates a condition/filter/key-condition expression against an item (undefined = no item). */
export function evaluate(expression: string, item: Item | undefined, names: Names, values: Values): boolean {
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++]!;
  const operand = (token: string): unknown => {
    if (token.startsWith('#')) return item?.[names?.[token] ?? token.slice(1)];
    if (token.startsWith(':')) return values?.[token];
    throw new Error(`Unexpected operand ${token} in ${expression}`);
  };
  const present = (token: string) => item !== undefined && (names?.[token] ?? token.slice(1)) in item && item[names?.[token] ?? token.slice(1)] !== undefined;

  function primary(): boolean {
    const token = next();
    if (token === '(') {
      const value = or();
      next(); // )
      return value;
    }
    if (/^not$/i.test(token)) return !primary();
    if (/^(attribute_exists|attribute_not_exists|begins_with|contains)$/i.test(token)) {
      next(); // (
      const first = next();
      let second: string | undefined;
      if (peek() === ',') {
        next();
        second = next();
      }
      next(); // )
      const fn = token.toLowerCase();
      if (fn === 'attribute_exists') return present(first);
      if (fn === 'attribute_not_exists') return !present(first);
      const value = operand(first);
      const arg = operand(second!);
      if (fn === 'begins_with') return typeof value === 'string' && value.startsWith(String(arg));
      return Array.isArray(value) ? value.includes(arg) : typeof value === 'string' && value.includes(String(arg));
    }
    const left = operand(token);
    const op = next();
    if (/^between$/i.test(op)) {
      const low = operand(next());
      next(); // AND
      const high = operand(next());
      return left !== undefined && compare(left, low) >= 0 && compare(left, high) <= 0;
    }
    const right = operand(next());
    if (left === undefined || right === undefined) return op === '<>' && left !== right;
    const c = compare(left, right);
    switch (op) {
      case '=':
        return c === 0 && typeof left === typeof right;
      case '<>':
        return c !== 0;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      default:
        throw new Error(`Unsupported operator ${op} in ${expression}`);
    }
  }
  function and(): boolean {
    let value = primary();
    while (peek() && /^and$/i.test(peek()!)) {
      next();
      const right = primary();
      value = value && right;
    }
    return value;
  }
  function or(): boolean {
    let value = and();
    while (peek() && /^or$/i.test(peek()!)) {
      next();
      const right = and();
      value = value || right;
    }
    return value;
  }
  return or();
}

/** Applies an update expression (SET a = :v, ADD n :v, REMOVE a) to a copy of the item. */
export function applyUpdate(item: Item, expression: string, names: Names, values: Values): Item {
  const result = structuredClone(item);
  const name = (token: string) => names?.[token.trim()] ?? token.trim().slice(1);
  const clauses = expression.split(/\b(SET|ADD|REMOVE|DELETE)\b/).map((s) => s.trim()).filter(Boolean);
  for (let i = 0; i < clauses.length; i += 2) {
    const action = clauses[i]!;
    const body = clauses[i + 1] ?? '';
    for (const part of body.split(',').map((p) => p.trim()).filter(Boolean)) {
      if (action === 'SET') {
        const [target, source] = part.split('=').map((s) => s.trim()) as [string, string];
        const ifNotExists = /^if_not_exists\((#\w+),\s*(:\w+)\)$/.exec(source);
        result[name(target)] = ifNotExists ? (result[name(ifNotExists[1]!)] ?? values?.[ifNotExists[2]!]) : values?.[source];
      } else if (action === 'ADD') {
        const [target, source] = part.split(/\s+/) as [string, string];
        result[name(target)] = Number(result[name(target)] ?? 0) + Number(values?.[source]);
      } else if (action === 'REMOVE') {
        delete result[name(part)];
      } else {
        throw new Error(`Unsupported update action ${action}`);
      }
    }
  }
  return result;
}

function conditionFailed(): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
}

export class MemoryTable {
  readonly items = new Map<string, Item>();

  /** Items as ElectroDB stores them (e.g. `Entity.create(...).params().Item`). */
  seed(...items: Item[]): this {
    for (const item of items) this.items.set(keyOf(item), structuredClone(item));
    return this;
  }

  /** Every stored item of an ElectroDB entity (`__edb_e__`). */
  entities(entity: string): Item[] {
    return [...this.items.values()].filter((item) => item.__edb_e__ === entity);
  }

  get(key: Item): Item | undefined {
    const found = this.items.get(keyOf(key));
    return found ? structuredClone(found) : undefined;
  }

  private check(input: { ConditionExpression?: string; ExpressionAttributeNames?: Names; ExpressionAttributeValues?: Values }, current: Item | undefined): boolean {
    return !input.ConditionExpression || evaluate(input.ConditionExpression, current, input.ExpressionAttributeNames, input.ExpressionAttributeValues);
  }

  put(input: { Item: Item; ConditionExpression?: string; ExpressionAttributeNames?: Names; ExpressionAttributeValues?: Values }): void {
    if (!this.check(input, this.items.get(keyOf(input.Item)))) throw conditionFailed();
    this.items.set(keyOf(input.Item), structuredClone(input.Item));
  }

  update(input: { Key: Item; UpdateExpression: string; ConditionExpression?: string; ExpressionAttributeNames?: Names; ExpressionAttributeValues?: Values; ReturnValues?: string }): Item {
    const current = this.items.get(keyOf(input.Key));
    if (!this.check(input, current)) throw conditionFailed();
    const updated = applyUpdate({ ...input.Key, ...current }, input.UpdateExpression, input.ExpressionAttributeNames, input.ExpressionAttributeValues);
    this.items.set(keyOf(input.Key), updated);
    return structuredClone(updated);
  }

  delete(input: { Key: Item; ConditionExpression?: string; ExpressionAttributeNames?: Names; ExpressionAttributeValues?: Values }): Item | undefined {
    const current = this.items.get(keyOf(input.Key));
    if (!this.check(input, current)) throw conditionFailed();
    this.items.delete(keyOf(input.Key));
    return current;
  }

  query(input: {
    IndexName?: string;
    KeyConditionExpression: string;
    FilterExpression?: string;
    ExpressionAttributeNames?: Names;
    ExpressionAttributeValues?: Values;
    ScanIndexForward?: boolean;
    Limit?: number;
    ExclusiveStartKey?: Item;
  }) {
    const index = input.IndexName ? tableShape.indexes.find((i) => i.name === input.IndexName) : undefined;
    const pk = index?.partitionKey ?? tableShape.partitionKey;
    const sk = index?.sortKey ?? tableShape.sortKey;
    let found = [...this.items.values()]
      .filter((item) => item[pk] !== undefined && evaluate(input.KeyConditionExpression, item, input.ExpressionAttributeNames, input.ExpressionAttributeValues))
      .sort((a, b) => compare(a[sk], b[sk]) || compare(keyOf(a), keyOf(b)));
    if (input.ScanIndexForward === false) found.reverse();
    if (input.ExclusiveStartKey) {
      const start = found.findIndex((item) => keyOf(item) === keyOf(input.ExclusiveStartKey!));
      found = found.slice(start + 1);
    }
    const page = input.Limit ? found.slice(0, input.Limit) : found;
    const more = input.Limit !== undefined && found.length > input.Limit;
    const items = input.FilterExpression
      ? page.filter((item) => evaluate(input.FilterExpression!, item, input.ExpressionAttributeNames, input.ExpressionAttributeValues))
      : page;
    const last = page.at(-1);
    const lastKey = more && last ? Object.fromEntries([tableShape.partitionKey, tableShape.sortKey, pk, sk].map((k) => [k, last[k]])) : undefined;
    return { Items: items.map((i) => structuredClone(i)), Count: items.length, ...(lastKey ? { LastEvaluatedKey: lastKey } : {}) };
  }

  /** Answers the document client's commands from this table. */
  attach(ddb: DocStub): this {
    ddb.on(GetCommand).callsFake(async (input) => {
      const item = this.get(input.Key);
      return item ? { Item: item } : {};
    });
    ddb.on(PutCommand).callsFake(async (input) => {
      this.put(input);
      return {};
    });
    ddb.on(UpdateCommand).callsFake(async (input) => {
      const updated = this.update(input);
      return input.ReturnValues && input.ReturnValues !== 'NONE' ? { Attributes: updated } : {};
    });
    ddb.on(DeleteCommand).callsFake(async (input) => {
      const old = this.delete(input);
      return input.ReturnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
    });
    ddb.on(QueryCommand).callsFake(async (input) => this.query(input));
    ddb.on(BatchGetCommand).callsFake(async (input: { RequestItems: Record<string, { Keys: Item[] }> }) => ({
      Responses: Object.fromEntries(
        Object.entries(input.RequestItems).map(([table, { Keys }]) => [table, Keys.map((k) => this.get(k)).filter(Boolean)]),
      ),
      UnprocessedKeys: {},
    }));
    ddb.on(BatchWriteCommand).callsFake(async (input: { RequestItems: Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]> }) => {
      for (const requests of Object.values(input.RequestItems)) {
        for (const r of requests) {
          if (r.PutRequest) this.items.set(keyOf(r.PutRequest.Item), structuredClone(r.PutRequest.Item));
          if (r.DeleteRequest) this.items.delete(keyOf(r.DeleteRequest.Key));
        }
      }
      return { UnprocessedItems: {} };
    });
    ddb.on(TransactWriteCommand).callsFake(async (input: { TransactItems: Record<string, any>[] }) => {
      const snapshot = new Map(this.items);
      const reasons = input.TransactItems.map((op) => {
        const [kind, args] = Object.entries(op)[0]!;
        const key = args.Key ?? args.Item;
        const ok = !args.ConditionExpression || evaluate(args.ConditionExpression, this.items.get(keyOf(key)), args.ExpressionAttributeNames, args.ExpressionAttributeValues);
        return { kind, args, ok };
      });
      if (reasons.some((r) => !r.ok)) {
        throw new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: reasons.map((r) => (r.ok ? { Code: 'None' } : { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' })),
        });
      }
      try {
        for (const { kind, args } of reasons) {
          if (kind === 'Put') this.items.set(keyOf(args.Item), structuredClone(args.Item));
          if (kind === 'Update') this.update({ ...args, ConditionExpression: undefined });
          if (kind === 'Delete') this.items.delete(keyOf(args.Key));
        }
      } catch (err) {
        this.items.clear();
        for (const [k, v] of snapshot) this.items.set(k, v);
        throw err;
      }
      return {};
    });
    return this;
  }
}
