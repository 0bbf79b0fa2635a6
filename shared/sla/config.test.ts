import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SlaCalendar } from '../db/entities/sla-calendar.js';
import { SlaPolicy } from '../db/entities/sla-policy.js';
import { answerReads } from '../db/fake-table.js';
import { calendarFor, inMatchOrder, loadSlaConfig, matchKeyOf, matchPolicy, resetSlaConfigCache } from './config.js';
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
    expect(pick({ priority: 'high', categoryId: 'repairs' })).toBe('High repairs');
    expect(pick({ priority: 'high', categoryId: 'repairs', customerGroupId: 'vip' })).toBe('High VIP group');
    expect(pick({ priority: 'high', categoryId: 'billing', customerGroupId: 'vip', customerId: 'atlas' })).toBe('High for Atlas');
    expect(pick({ priority: 'high', categoryId: 'repairs', customerGroupId: 'vip', customerId: 'atlas' })).toBe('High Atlas repairs');
  });

  it('skips inactive policies and other priorities; no match gives undefined', () => {
    expect(pick({ priority: 'high', categoryId: 'network', customerId: 'atlas' })).toBe('High for Atlas');
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
  const stored = [
    SlaCalendar.create({ calendarId: 'office', name: 'Office', timezone: 'Africa/Algiers', week: [[], [], [], [], [], [], []], holidays: [] }).params<{ Item: Record<string, unknown> }>().Item,
    ...[
      { policyId: 'p-low', name: 'Low', priority: 'low' as const, active: true },
      { policyId: 'p-off', name: 'Off', priority: 'low' as const, active: false, customerId: 'atlas' },
      { policyId: 'p-atlas', name: 'Atlas', priority: 'low' as const, active: true, customerId: 'atlas', calendarId: 'office' },
    ].map(
      (p) =>
        SlaPolicy.create({ ...p, matchKey: matchKeyOf(p), targets: { resolution: 60 }, pauseStatuses: ['on_hold'], escalation: { raisePriority: false, assignToLead: false, notifyManagers: false } }).params<{
          Item: Record<string, unknown>;
        }>().Item,
    ),
  ];

  beforeEach(() => {
    ddb.reset();
    resetSlaConfigCache();
    answerReads(ddb, () => stored);
  });

  it('reads active policies in match order, calendars and settings; a policy without a calendar names the default one', async () => {
    const config = await loadSlaConfig(1_000);

    expect(config.policies.map((p) => [p.policyId, p.calendarId])).toEqual([['p-atlas', 'office'], ['p-low', '']]);
    expect([...config.calendars.keys()]).toEqual(['office']);
    expect(config.settings).toEqual(defaultSlaSettings);
  });

  it('reads the table at most once a minute, again after that or after a reset', async () => {
    const reads = () => ddb.commandCalls(QueryCommand).length + ddb.commandCalls(GetCommand).length;
    await loadSlaConfig(1_000);
    const once = reads();

    await Promise.all([loadSlaConfig(1_000), loadSlaConfig(30_000), loadSlaConfig(60_999)]);
    expect(reads()).toBe(once);
    await loadSlaConfig(61_000);
    expect(reads()).toBe(2 * once);
    resetSlaConfigCache();
    await loadSlaConfig(61_001);
    expect(reads()).toBe(3 * once);
  });

  it('does not keep a failed read', async () => {
    ddb.on(QueryCommand).rejectsOnce(new Error('throttled'));

    await expect(loadSlaConfig(1_000)).rejects.toThrow('throttled');
    answerReads(ddb, () => stored);
    await expect(loadSlaConfig(2_000)).resolves.toMatchObject({ policies: expect.any(Array) });
  });
});
