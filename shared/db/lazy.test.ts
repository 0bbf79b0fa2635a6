import { Entity, Service } from 'electrodb';
import { describe, expect, it } from 'vitest';
import { lazy } from './lazy.js';

const schema = {
  model: { entity: 'probe', version: '1', service: 'cm' },
  attributes: { id: { type: 'string', required: true }, name: { type: 'string' } },
  indexes: { byId: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
} as const;

describe('lazy', () => {
  it('builds the object on first use, once', () => {
    let built = 0;
    const value = lazy(() => {
      built += 1;
      return { n: 1, double() { return this.n * 2; } };
    });
    expect(built).toBe(0);
    expect(value.double()).toBe(2);
    expect(value.n).toBe(1);
    expect(built).toBe(1);
  });

  it('stands in for an ElectroDB entity: same params, instanceof, and usable in a Service', () => {
    const eager = new Entity(schema, { table: 't' });
    const deferred = lazy(() => new Entity(schema, { table: 't' }));

    expect(deferred.get({ id: 'a' }).params()).toEqual(eager.get({ id: 'a' }).params());
    expect(deferred).toBeInstanceOf(Entity);
    const service = new Service({ probe: deferred }, { table: 't' });
    const params = service.transaction.write(({ probe }) => [probe.put({ id: 'b', name: 'x' }).commit()]).params();
    expect(params.TransactItems).toHaveLength(1);
    expect(deferred.parse({ Item: { ...eager.put({ id: 'c' }).params<{ Item: object }>().Item } })?.data).toMatchObject({ id: 'c' });
  });
});
