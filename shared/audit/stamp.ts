import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { tableShape } from '../db/table.js';
import { currentRequestContext, type RequestContext } from '../http/request-context.js';
import { auditActor } from './entry.js';
import { auditStateOf } from './request-state.js';

/**
 * Every Put and Update through the document client carries the request that made it in one map
 * attribute, `_audit`, so the stream reactor can attribute each change. Outside a request (seeding,
 * schedules, stream consumers) the attribute is removed, so a stale stamp never blames the last
 * request for someone else's change. Deletes cannot carry attributes: the request record names
 * who deleted (see docs/decisions.md). ElectroDB ignores attributes outside an entity's schema, so
 * reads never see the stamp.
 */
export const stampAttribute = '_audit';

export interface WriteStamp {
  requestId: string;
  operationId: string;
  userId?: string;
  role?: string;
  email?: string;
}

/** Items of these entities are never stamped nor counted as business writes (lower-case, as in ElectroDB keys). */
export const unstampedEntities: ReadonlySet<string> = new Set(['counter', 'streammark', 'schedulerun', 'auditrecord', 'audithead']);

const names = { '#cm_audit': stampAttribute } as const;
const writeCommands = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

type Item = Record<string, unknown>;
type Stamp = WriteStamp | undefined;

export function stampOf(context: RequestContext): WriteStamp {
  const actor = auditActor(context.actor);
  const stamp: WriteStamp = { requestId: context.requestId, operationId: context.operationId, userId: actor.userId, role: actor.role, email: actor.email };
  return Object.fromEntries(Object.entries(stamp).filter(([, v]) => v !== undefined)) as WriteStamp;
}

function isAttributeValue(value: unknown): value is AttributeValue {
  return typeof value === 'object' && value !== null && ('S' in value || 'N' in value || 'B' in value);
}

/** The ElectroDB entity of a key or item, from its sort key (`$organisation_1#...`). */
export function entityOfKey(key: Item | undefined): string | undefined {
  const sk = key?.[tableShape.sortKey];
  const text = isAttributeValue(sk) ? sk.S : sk;
  return typeof text === 'string' ? /^\$([^_#]+)_/.exec(text)?.[1]?.toLowerCase() : undefined;
}

function isBusiness(key: Item | undefined): boolean {
  const entity = entityOfKey(key);
  return entity === undefined || !unstampedEntities.has(entity);
}

/** Inserts `fragment` at the start of `clause` (SET or REMOVE) in an update expression, or adds the clause. */
export function addToClause(expression: string | undefined, clause: 'SET' | 'REMOVE', fragment: string): string {
  if (!expression?.trim()) return `${clause} ${fragment}`;
  // A clause keyword stands alone; `#set` or `:remove` are placeholders, not keywords.
  const match = new RegExp(`(^|\\s)${clause}(?=\\s)`, 'i').exec(expression);
  if (!match) return `${expression} ${clause} ${fragment}`;
  const end = match.index + match[0].length;
  return `${expression.slice(0, end)} ${fragment},${expression.slice(end)}`;
}

function stampItem(item: Item, stamp: Stamp): Item {
  const { [stampAttribute]: _old, ...rest } = item;
  if (!stamp) return rest;
  const marshalled = isAttributeValue(item[tableShape.partitionKey]);
  return { ...rest, [stampAttribute]: marshalled ? { M: marshall(stamp) } : stamp };
}

function stampUpdate<T extends { Key?: Item; UpdateExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Item }>(update: T, stamp: Stamp): T {
  if (!update.UpdateExpression || update.ExpressionAttributeNames?.['#cm_audit']) return update;
  const ExpressionAttributeNames = { ...update.ExpressionAttributeNames, ...names };
  if (!stamp) return { ...update, UpdateExpression: addToClause(update.UpdateExpression, 'REMOVE', '#cm_audit'), ExpressionAttributeNames };
  const marshalled = isAttributeValue(update.Key?.[tableShape.partitionKey]);
  return {
    ...update,
    UpdateExpression: addToClause(update.UpdateExpression, 'SET', '#cm_audit = :cm_audit'),
    ExpressionAttributeNames,
    ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':cm_audit': marshalled ? { M: marshall(stamp) } : stamp },
  };
}

interface TransactItem {
  Put?: { Item?: Item };
  Update?: Parameters<typeof stampUpdate>[0];
  Delete?: { Key?: Item };
  ConditionCheck?: unknown;
}
interface BatchRequest {
  PutRequest?: { Item?: Item };
  DeleteRequest?: { Key?: Item };
}

/** The command input with its business writes stamped, and how many business items it writes. */
export function stampCommand(commandName: string, input: Item, stamp: Stamp): { input: Item; writes: number } {
  switch (commandName) {
    case 'PutItemCommand': {
      const item = input.Item as Item | undefined;
      if (!item || !isBusiness(item)) return { input, writes: 0 };
      return { input: { ...input, Item: stampItem(item, stamp) }, writes: 1 };
    }
    case 'UpdateItemCommand':
      if (!isBusiness(input.Key as Item)) return { input, writes: 0 };
      return { input: stampUpdate(input, stamp), writes: 1 };
    case 'DeleteItemCommand':
      return { input, writes: isBusiness(input.Key as Item) ? 1 : 0 };
    case 'TransactWriteItemsCommand': {
      let writes = 0;
      const items = ((input.TransactItems ?? []) as TransactItem[]).map((t): TransactItem => {
        const key = t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key;
        if (!key || !isBusiness(key)) return t;
        writes += 1;
        if (t.Put?.Item) return { ...t, Put: { ...t.Put, Item: stampItem(t.Put.Item, stamp) } };
        if (t.Update) return { ...t, Update: stampUpdate(t.Update, stamp) };
        return t;
      });
      return { input: { ...input, TransactItems: items }, writes };
    }
    case 'BatchWriteItemCommand': {
      let writes = 0;
      const requestItems = Object.fromEntries(
        Object.entries((input.RequestItems ?? {}) as Record<string, BatchRequest[]>).map(([table, requests]) => [
          table,
          requests.map((r): BatchRequest => {
            const key = r.PutRequest?.Item ?? r.DeleteRequest?.Key;
            if (!key || !isBusiness(key)) return r;
            writes += 1;
            return r.PutRequest?.Item ? { PutRequest: { ...r.PutRequest, Item: stampItem(r.PutRequest.Item, stamp) } } : r;
          }),
        ]),
      );
      return { input: { ...input, RequestItems: requestItems }, writes };
    }
    default:
      return { input, writes: 0 };
  }
}

/**
 * The document-client middleware: stamps write commands with the current request and, once a
 * write succeeded, counts it on the request (a failed request that still wrote gets a record too).
 */
export function stampWrites(): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    if (!writeCommands.has(context.commandName ?? '')) return next(args);
    const request = currentRequestContext();
    const { input, writes } = stampCommand(context.commandName!, args.input as Item, request ? stampOf(request) : undefined);
    const output = await next({ ...args, input });
    if (request && writes > 0) auditStateOf(request).writes += writes;
    return output;
  };
}

export const stampWritesOptions: InitializeHandlerOptions & AbsoluteLocation = {
  name: 'auditStamp',
  step: 'initialize',
  priority: 'low',
  override: true,
};
