import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { Counter } from '../db/entities/counter.js';
import { SlaCalendar } from '../db/entities/sla-calendar.js';
import { SlaPolicy } from '../db/entities/sla-policy.js';
import { TicketCategory } from '../db/entities/ticket-category.js';
import { answerReads } from '../db/fake-table.js';
import {
  calendarFor, categoryPath, inMatchOrder, loadSlaConfig, matchKeyOf, matchPolicy, resetSlaConfigCache, slaConfigStamp, stampCheckMs, type CategoryParents,
} from './config.js';
import { defaultSlaSettings } from './settings.js';
import type { CalendarShape } from './types.js';

const base = { active: true, priority: 'high' };
const policies = [
  { ...base, name: 'High' },
  { ...base, name: 'High repairs', categoryId: 'repairs' },
  { ...base, name: 'High VIP group', customerGroupId: 'vip' },
  { ...base, name: 'High for Atlas', customerId: 'atlas' },
  { ...base, name: 'High Atlas repairs', customerId: 'atlas', categoryId: 'repairs' },
  { ...base, name: 'High Atlas off', customerId: 'atlas', categoryId: 'network', active: false },
  { active: true, priority: 'urgent', name: 'Urgent' },
];
const pick = (ticket: Parameters<typeof matchPolicy>[1]) => matchPolicy(policies, ticket)?.name;

describe('matchPolicy', () => {
  it('prefers customer over customer group over category over priority alone', () => {
    expect(pick({ priority: 'high' })).toBe('High');
    expect(pick({ priority: 'high', categoryPath: ['repairs'] })).toBe('High repairs');
    expect(pick({ priority: 'high', categoryPath: ['repairs'], customerGroupId: 'vip' })).toBe('High VIP group');
    expect(pick({ priority: 'high', categoryPath: ['billing'], customerGroupId: 'vip', customerId: 'atlas' })).toBe('High for Atlas');
    expect(pick({ priority: 'high', categoryPath: ['repairs'], customerGroupId: 'vip', customerId: 'atlas' })).toBe('High Atlas repairs');
  });

  it('skips inactive policies and other priorities; no match gives undefined', () => {
    expect(pick({ priority: 'high', categoryPath: ['network'], customerId: 'atlas' })).toBe('High for Atlas');
    expect(pick({ priority: 'urgent', customerId: 'atlas' })).toBe('Urgent');
    expect(pick({ priority: 'low' })).toBeUndefined();
  });

  it('lists policies in the order they match, and keys identical matches alike', () => {
    expect(inMatchOrder(policies).map((p) => p.name)).toEqual([
      'High Atlas off', 'High Atlas repairs', 'High for Atlas', 'High VIP group', 'High repairs', 'Urgent', 'High',
    ]);
    expect(matchKeyOf({ priority: 'high', categoryId: 'repairs', customerId: null })).toBe('high#repairs#*#*');
  });
});

describe('category inheritance', () => {
  // Hardware > Printers > Laser; Network (no children). Laser's path is [laser, printers, hardware].
  const tree: CategoryParents = new Map([['hardware', undefined], ['printers', 'hardware'], ['laser', 'printers'], ['network', undefined]]);
  const tiered = [
    { ...base, name: 'High' },
    { ...base, name: 'High hardware', categoryId: 'hardware' },
    { ...base, name: 'High printers', categoryId: 'printers' },
    { ...base, name: 'High VIP', customerGroupId: 'vip' },
    { ...base, name: 'High VIP hardware', customerGroupId: 'vip', categoryId: 'hardware' },
    { ...base, name: 'High Atlas', customerId: 'atlas' },
    { ...base, name: 'High printers off', categoryId: 'laser', customerId: 'atlas', active: false },
  ];
  const at = (categoryId: string | undefined, more: { customerId?: string; customerGroupId?: string } = {}) =>
    matchPolicy(tiered, { priority: 'high', categoryPath: categoryPath(tree, categoryId), ...more })?.name;

  it('walks from the category up to the top of its tree', () => {
    expect(categoryPath(tree, 'laser')).toEqual(['laser', 'printers', 'hardware']);
    expect(categoryPath(tree, 'printers')).toEqual(['printers', 'hardware']);
    expect(categoryPath(tree, 'network')).toEqual(['network']);
    expect(categoryPath(tree, undefined)).toEqual([]);
    // Unknown to the tree (deleted meanwhile): only itself.
    expect(categoryPath(tree, 'gone')).toEqual(['gone']);
  });

  it('stops on a broken tree (a cycle or more than 3 levels)', () => {
    expect(categoryPath(new Map([['a', 'b'], ['b', 'a']]), 'a')).toEqual(['a', 'b']);
    expect(categoryPath(new Map([['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', undefined]]), 'a')).toEqual(['a', 'b', 'c']);
  });

  it("a parent's policy covers its children and grandchildren; the nearest category wins", () => {
    expect(at('hardware')).toBe('High hardware');
    expect(at('printers')).toBe('High printers');
    // Laser has no policy of its own: Printers (its parent) beats Hardware (its grandparent).
    expect(at('laser')).toBe('High printers');
    expect(at('network')).toBe('High');
    expect(at(undefined)).toBe('High');
  });

  it('keeps the precedence: customer over customer group over category, whatever the depth', () => {
    // VIP + Hardware (group and category) beats VIP alone and the nearer Printers policy.
    expect(at('laser', { customerGroupId: 'vip' })).toBe('High VIP hardware');
    expect(at('network', { customerGroupId: 'vip' })).toBe('High VIP');
    // A customer policy beats every group or category one; the inactive Atlas laser policy is skipped.
    expect(at('laser', { customerId: 'atlas', customerGroupId: 'vip' })).toBe('High Atlas');
  });

  it('a child policy wins over its parent whichever order the policies come in', () => {
    const reversed = [...tiered].reverse();
    expect(matchPolicy(reversed, { priority: 'high', categoryPath: categoryPath(tree, 'laser') })?.name).toBe('High printers');
    expect(matchPolicy(inMatchOrder(tiered), { priority: 'high', categoryPath: categoryPath(tree, 'laser') })?.name).toBe('High printers');
  });
});

describe('calendarFor', () => {
  const office: CalendarShape = { calendarId: 'office', name: 'Office', timezone: 'Africa/Algiers', mode: 'business', week: [], holidays: [] };
  const always: CalendarShape = { ...office, calendarId: 'always', mode: 'always' };
  const config = { calendars: new Map([['office', office], ['always', always]]), settings: { ...defaultSlaSettings, defaultCalendarId: 'office' } };

  it("gives the policy's own calendar, else the default one", () => {
    expect(calendarFor({ calendarId: 'always' }, config)).toBe(always);
    expect(calendarFor({ calendarId: '' }, config)).toBe(office);
    expect(calendarFor({ calendarId: 'gone' }, config)).toBe(office);
    expect(calendarFor({ calendarId: '' }, { ...config, settings: defaultSlaSettings })).toBeUndefined();
  });
});

describe('loadSlaConfig', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  type Item = Record<string, unknown>;
  const policyItem = (p: { policyId: string; name: string; priority: 'low'; active: boolean; customerId?: string; calendarId?: string; categoryId?: string }) =>
    SlaPolicy.create({ ...p, matchKey: matchKeyOf(p), targets: { resolution: 60 }, pauseStatuses: ['on_hold'], escalation: { raisePriority: false, assignToLead: false, notifyManagers: false } }).params<{ Item: Item }>().Item;
  const category = (categoryId: string, parentKey: string) =>
    TicketCategory.create({ categoryId, parentKey, name: categoryId, nameLower: categoryId }).params<{ Item: Item }>().Item;
  const stamp = (value: number) => Counter.put({ ...slaConfigStamp, value }).params<{ Item: Item }>().Item;
  let stored: Item[] = [];

  beforeEach(() => {
    ddb.reset();
    resetSlaConfigCache();
    stored = [
      SlaCalendar.create({ calendarId: 'office', name: 'Office', timezone: 'Africa/Algiers', week: [[], [], [], [], [], [], []], holidays: [] }).params<{ Item: Item }>().Item,
      policyItem({ policyId: 'p-low', name: 'Low', priority: 'low', active: true }),
      policyItem({ policyId: 'p-off', name: 'Off', priority: 'low', active: false, customerId: 'atlas' }),
      policyItem({ policyId: 'p-atlas', name: 'Atlas', priority: 'low', active: true, customerId: 'atlas', calendarId: 'office' }),
      category('hardware', 'root'), category('printers', 'hardware'), category('laser', 'printers'),
    ];
    answerReads(ddb, () => stored);
  });

  const reads = () => ({ gets: ddb.commandCalls(GetCommand).length, queries: ddb.commandCalls(QueryCommand).length });

  it('reads active policies in match order, calendars, settings and the category tree; a policy without a calendar names the default one', async () => {
    const config = await loadSlaConfig(1_000);

    expect(config.policies.map((p) => [p.policyId, p.calendarId])).toEqual([['p-atlas', 'office'], ['p-low', '']]);
    expect([...config.calendars.keys()]).toEqual(['office']);
    expect(config.settings).toEqual(defaultSlaSettings);
    expect(categoryPath(config.categories, 'laser')).toEqual(['laser', 'printers', 'hardware']);
    // The stamp (GetItem) and the settings (GetItem); policies, calendars, categories (Query each).
    expect(reads()).toEqual({ gets: 2, queries: 3 });
  });

  it('reads the whole configuration at most once a minute, again after that or after a reset', async () => {
    await loadSlaConfig(1_000);
    const once = reads();

    await Promise.all([loadSlaConfig(1_000), loadSlaConfig(1_000 + stampCheckMs - 1)]);
    expect(reads()).toEqual(once);
    await loadSlaConfig(61_000);
    expect(reads()).toEqual({ gets: 2 * once.gets, queries: 2 * once.queries });
    resetSlaConfigCache();
    await loadSlaConfig(61_001);
    expect(reads()).toEqual({ gets: 3 * once.gets, queries: 3 * once.queries });
  });

  it('compares the stamp at most every few seconds: one GetItem while it is unchanged', async () => {
    const first = await loadSlaConfig(1_000);
    const once = reads();

    const again = await Promise.all([loadSlaConfig(1_000 + stampCheckMs), loadSlaConfig(1_000 + stampCheckMs + 1)]);
    expect(again).toEqual([first, first]);
    expect(reads()).toEqual({ gets: once.gets + 1, queries: once.queries });
  });

  it('reloads a cache holding an older stamp: a write made by another process shows within seconds', async () => {
    await loadSlaConfig(1_000);
    // Another Lambda adds a policy and bumps the stamp in the same transaction.
    stored = [...stored, policyItem({ policyId: 'p-laser', name: 'Laser', priority: 'low', active: true, categoryId: 'laser' }), stamp(1)];

    expect((await loadSlaConfig(1_000 + stampCheckMs - 1)).policies.map((p) => p.policyId)).not.toContain('p-laser');
    const fresh = await loadSlaConfig(1_000 + stampCheckMs);
    expect(fresh.policies.map((p) => p.policyId)).toContain('p-laser');
    expect(matchPolicy(fresh.policies, { priority: 'low', categoryPath: categoryPath(fresh.categories, 'laser') })?.policyId).toBe('p-laser');

    // Stamp 1 is now the cached one: the next check is a single GetItem again.
    const before = reads();
    await loadSlaConfig(1_000 + 2 * stampCheckMs);
    expect(reads()).toEqual({ gets: before.gets + 1, queries: before.queries });
  });

  it('keeps the configuration when a stamp check fails, and checks again later', async () => {
    const first = await loadSlaConfig(1_000);
    ddb.on(GetCommand).rejectsOnce(new Error('throttled'));

    expect(await loadSlaConfig(1_000 + stampCheckMs)).toBe(first);
    answerReads(ddb, () => [...stored, stamp(7)]);
    expect(await loadSlaConfig(1_000 + 2 * stampCheckMs)).not.toBe(first);
  });

  it('does not keep a failed read', async () => {
    ddb.on(QueryCommand).rejectsOnce(new Error('throttled'));

    await expect(loadSlaConfig(1_000)).rejects.toThrow('throttled');
    answerReads(ddb, () => stored);
    await expect(loadSlaConfig(2_000)).resolves.toMatchObject({ policies: expect.any(Array) });
  });
});
