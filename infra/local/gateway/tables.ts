/**
 * What the gateway knows per table: the settings it was started with (stream on/off, TTL
 * attribute; both may change at run time through CreateTable/UpdateTable/UpdateTimeToLive)
 * and the key schema, read once from dynalite with DescribeTable.
 */
import { asString, isObject, validationError, type Item } from './protocol.js';
import type { Upstream } from './upstream.js';

export interface TableSettings {
  /** Emit change records (NEW_AND_OLD_IMAGES) for writes to this table. */
  stream: boolean;
  /** Name of the number attribute holding the expiry time in epoch seconds. */
  ttlAttribute?: string;
}

export class TableCatalog {
  private readonly settings = new Map<string, TableSettings>();
  private readonly keySchemas = new Map<string, Promise<string[]>>();

  constructor(
    private readonly upstream: Upstream,
    tables: Record<string, TableSettings>,
  ) {
    for (const [name, settings] of Object.entries(tables)) this.settings.set(name, { ...settings });
  }

  streamEnabled(table: string): boolean {
    return this.settings.get(table)?.stream === true;
  }

  setStream(table: string, enabled: boolean): void {
    this.settings.set(table, { ...this.settings.get(table), stream: enabled });
  }

  ttlAttribute(table: string): string | undefined {
    return this.settings.get(table)?.ttlAttribute;
  }

  setTtlAttribute(table: string, attribute: string | undefined): void {
    const current = this.settings.get(table) ?? { stream: false };
    this.settings.set(table, { stream: current.stream, ...(attribute ? { ttlAttribute: attribute } : {}) });
  }

  /** Tables with a TTL attribute, and that attribute. */
  ttlTables(): [table: string, attribute: string][] {
    const out: [string, string][] = [];
    for (const [table, settings] of this.settings) if (settings.ttlAttribute) out.push([table, settings.ttlAttribute]);
    return out;
  }

  /** Key attribute names, hash key first. Rejects with dynalite's error (e.g. ResourceNotFoundException). */
  keyAttributes(table: string): Promise<string[]> {
    let schema = this.keySchemas.get(table);
    if (!schema) {
      schema = this.describeKey(table);
      this.keySchemas.set(table, schema);
      schema.catch(() => this.keySchemas.delete(table));
    }
    return schema;
  }

  /** Drops the cached key schema (after CreateTable/DeleteTable). */
  forget(table: string): void {
    this.keySchemas.delete(table);
  }

  /** The key of `item`, or a ValidationException naming the missing key attribute. */
  async keyOf(table: string, item: Item, what: 'item' | 'key'): Promise<Item> {
    const attributes = await this.keyAttributes(table);
    const key: Item = {};
    for (const name of attributes) {
      const value = item[name];
      if (!value) {
        throw validationError(
          what === 'item'
            ? `One or more parameter values were invalid: Missing the key ${name} in the item`
            : 'The provided key element does not match the schema',
        );
      }
      key[name] = value;
    }
    return key;
  }

  private async describeKey(table: string): Promise<string[]> {
    const answer = await this.upstream.call('DescribeTable', { TableName: table });
    const description = isObject(answer.Table) ? answer.Table : {};
    const schema = Array.isArray(description.KeySchema) ? description.KeySchema : [];
    const names = (type: string) =>
      schema.filter((e) => isObject(e) && e.KeyType === type).map((e) => (isObject(e) ? asString(e.AttributeName) : undefined));
    return [...names('HASH'), ...names('RANGE')].filter((n): n is string => n !== undefined);
  }
}

/** A stable identity for "this item of this table" (key attributes in schema order). */
export function itemId(table: string, key: Item): string {
  return `${table}\u0000${canonical(key)}`;
}

/** True when two images hold the same data (member order and set order ignored). */
export function sameImage(a: Item | undefined, b: Item | undefined): boolean {
  if (!a || !b) return a === b;
  return canonical(a) === canonical(b);
}

/** JSON with object members sorted and DynamoDB sets (SS, NS, BS) sorted, for comparisons. */
export function canonical(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown, parentKey?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v));
    return parentKey === 'SS' || parentKey === 'NS' || parentKey === 'BS' ? items.map(String).sort() : items;
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = normalise(value[key], key);
    return out;
  }
  return value;
}
