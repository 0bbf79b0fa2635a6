/** An item as ElectroDB's `create(...).params()` builds it (keys and index keys included). */
export interface CreateParams {
  TableName: string;
  Item: Record<string, unknown>;
}

export interface KeepFirstUpdate {
  TableName: string;
  Key: Record<string, unknown>;
  /** `SET #k0 = if_not_exists(#k0, :k0), ...` for every attribute but the key and `except`. */
  sets: string[];
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * The parts of an UpdateItem that writes `params.Item` only where its attributes are absent: a
 * new item is created whole, an existing one keeps the values its first writer gave. Unlike a
 * conditional Put it never fails on an existing item, so it can share a transaction with writes
 * that must not be cancelled by it. Attributes in `except` are left to the caller.
 */
export function keepFirst(params: CreateParams, except: readonly string[] = []): KeepFirstUpdate {
  const { pk, sk, ...rest } = params.Item;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  let i = 0;
  for (const [name, value] of Object.entries(rest)) {
    if (except.includes(name) || value === undefined) continue;
    names[`#k${i}`] = name;
    values[`:k${i}`] = value;
    sets.push(`#k${i} = if_not_exists(#k${i}, :k${i})`);
    i++;
  }
  return { TableName: params.TableName, Key: { pk, sk }, sets, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/** `keepFirst` as a transaction item. */
export function keepFirstItem(params: CreateParams): { Update: { TableName: string; Key: Record<string, unknown>; UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> } } {
  const { sets, ...update } = keepFirst(params);
  return { Update: { ...update, UpdateExpression: `SET ${sets.join(', ')}` } };
}
