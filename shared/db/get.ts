import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Entity, EntityIdentifiers, EntityItem } from 'electrodb';
import { documentClient } from './client.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEntity = Entity<any, any, any, any>;
type GetParams = { TableName: string; Key: Record<string, unknown> };

/**
 * A fast point read for hot paths: ElectroDB builds the GetItem params (same keys, same entity)
 * once per key, the document client sends them, and ElectroDB formats the item with its ownership
 * check. `entity.get(key).go()` rebuilds its query chain and a spare error on every call, which
 * costs more than the pipeline itself (see bench/).
 */
export function cachedGetter<E extends AnyEntity>(entity: E, { maxKeys = 1000 } = {}) {
  const cache = new Map<string, GetParams>();
  return async (key: EntityIdentifiers<E>): Promise<EntityItem<E> | null> => {
    const id = JSON.stringify(key);
    let params = cache.get(id);
    if (!params) {
      if (cache.size >= maxKeys) cache.clear();
      params = Object.freeze(entity.get(key).params<GetParams>());
      cache.set(id, params);
    }
    const { Item } = await documentClient.send(new GetCommand(params));
    return (entity.parse({ Item }, { ignoreOwnership: false })?.data ?? null) as EntityItem<E> | null;
  };
}
