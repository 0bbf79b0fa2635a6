import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Counter } from '../db/entities/counter.js';
import { SlaCalendar } from '../db/entities/sla-calendar.js';
import type { TicketItem } from '../db/entities/ticket.js';
import { TicketCategory } from '../db/entities/ticket-category.js';
import { answerReads } from '../db/fake-table.js';
import { createCategory, updateCategory } from '../tickets/categories.js';
import { createCalendar, deleteCalendar, updateCalendar } from './calendars.js';
import { loadSlaConfig, readSlaConfigStamp, resetSlaConfigCache, slaConfigStamp } from './config.js';
import { createPolicy, deletePolicy } from './policies.js';
import { createSlaPolicy, updateSlaSettings as updateSettingsInput } from './schemas.js';
import { updateSlaSettings } from './settings.js';
import { slaChangeFor } from './wiring.js';

// Every calendar, policy and settings write bumps the configuration stamp in its own transaction
// and clears this process's cache. The fake table applies each transaction's Puts, Deletes and the
// stamp's ADD, so what the code reads afterwards is what it wrote.

type Item = Record<string, unknown>;
const ddb = mockClient(DynamoDBDocumentClient);
const stampKey = Counter.get(slaConfigStamp).params<{ Key: Item }>().Key;
const sameKey = (item: Item, key: Item) => item.pk === key.pk && item.sk === key.sk;
let stored: Item[] = [];
let transactions: NonNullable<TransactWriteCommandInput['TransactItems']>[] = [];
/** Cancellation codes the next transaction fails with (none: it succeeds). */
let failNext: string[] | undefined;

function apply(items: NonNullable<TransactWriteCommandInput['TransactItems']>): void {
  for (const t of items) {
    if (t.Put) stored = [...stored.filter((i) => !sameKey(i, t.Put!.Item!)), t.Put.Item!];
    if (t.Delete) stored = stored.filter((i) => !sameKey(i, t.Delete!.Key!));
    if (t.Update && sameKey(stampKey, t.Update.Key!)) {
      const current = stored.find((i) => sameKey(i, stampKey));
      const value = Number(current?.value ?? 0) + 1;
      stored = [...stored.filter((i) => !sameKey(i, stampKey)), Counter.put({ ...slaConfigStamp, value }).params<{ Item: Item }>().Item];
    }
  }
}

const lastItem = () => transactions.at(-1)!.at(-1)!;
const bumpsStamp = (t: ReturnType<typeof lastItem>) => !!t.Update && sameKey(stampKey, t.Update.Key!) && /ADD/.test(t.Update.UpdateExpression ?? '');

beforeEach(() => {
  resetSlaConfigCache();
  transactions = [];
  failNext = undefined;
  stored = [
    SlaCalendar.create({ calendarId: 'office', name: 'Office', timezone: 'UTC', mode: 'always', week: [[], [], [], [], [], [], []], holidays: [] }).params<{ Item: Item }>().Item,
    TicketCategory.create({ categoryId: 'hardware', parentKey: 'root', name: 'Hardware', nameLower: 'hardware' }).params<{ Item: Item }>().Item,
    TicketCategory.create({ categoryId: 'printers', parentKey: 'hardware', name: 'Printers', nameLower: 'printers' }).params<{ Item: Item }>().Item,
  ];
  answerReads(ddb, () => stored);
  ddb.on(TransactWriteCommand).callsFake(async (input: TransactWriteCommandInput) => {
    transactions.push(input.TransactItems ?? []);
    if (failNext) {
      const codes = failNext;
      failNext = undefined;
      throw new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
    }
    apply(input.TransactItems ?? []);
    return {};
  });
});
afterEach(() => ddb.reset());

const ticket = {
  ticketId: 't1', customerId: 'c1', status: 'open', priority: 'low', categoryId: 'printers', createdAt: '2030-03-01T10:00:00.000Z', version: 1,
} as unknown as TicketItem;
const policyInput = createSlaPolicy.parse({ name: 'Low hardware', priority: 'low', categoryId: 'hardware', calendarId: 'office', targets: { firstResponse: 60 } });

describe('the SLA configuration stamp', () => {
  it('a policy written in this process applies to the very next ticket change (a child category of the policy’s)', async () => {
    const now = '2030-03-01T10:00:00.000Z';
    // The cache is warm and knows no policy: no SLA.
    expect((await slaChangeFor(undefined, ticket, now)).remove).toContain('sla');
    expect(await readSlaConfigStamp()).toBe(0);

    const policy = await createPolicy(policyInput);
    expect(bumpsStamp(lastItem())).toBe(true);
    expect(await readSlaConfigStamp()).toBe(1);

    const change = await slaChangeFor(undefined, ticket, now);
    expect(change.set.sla).toMatchObject({ policyId: policy.policyId, clocks: { firstResponse: { state: 'running', dueAt: '2030-03-01T11:00:00.000Z' } } });

    await deletePolicy(policy.policyId);
    expect(bumpsStamp(lastItem())).toBe(true);
    expect((await slaChangeFor(undefined, ticket, now)).remove).toContain('sla');
  });

  it('every calendar and settings write bumps the stamp in its own transaction and clears the cache', async () => {
    const before = await loadSlaConfig();
    const week = [[{ start: '09:00', end: '18:00' }], [], [], [], [], [], []];
    const calendar = await createCalendar({ name: 'Night shift', timezone: 'Europe/Kyiv', mode: 'business', week, holidays: [] });
    expect(bumpsStamp(lastItem())).toBe(true);
    const afterCreate = await loadSlaConfig();
    expect(afterCreate).not.toBe(before);
    expect(afterCreate.calendars.has(calendar.calendarId)).toBe(true);

    await updateCalendar(calendar.calendarId, { name: 'Night', timezone: 'Europe/Kyiv', mode: 'business', week, holidays: [], version: calendar.version });
    expect(bumpsStamp(lastItem())).toBe(true);

    await updateSlaSettings(updateSettingsInput.parse({
      version: 0, defaultCalendarId: 'office', autoClose: { enabled: true, afterDays: 3, reopenDays: 14 }, waitingReminder: { enabled: false, afterDays: 3, resolveAfterDays: 7 },
    }));
    expect(bumpsStamp(lastItem())).toBe(true);
    expect((await loadSlaConfig()).settings).toMatchObject({ defaultCalendarId: 'office', autoClose: { enabled: true, afterDays: 3 } });

    await deleteCalendar(calendar.calendarId);
    expect(bumpsStamp(lastItem())).toBe(true);
    expect(await readSlaConfigStamp()).toBe(4);
  });

  it('a sub-category created or moved bumps the stamp (parents’ policies cover it); a root category or a rename does not', async () => {
    const before = await loadSlaConfig();
    const toner = await createCategory({ name: 'Toner', parentId: 'printers', requiresQc: false, active: true });
    expect(bumpsStamp(lastItem())).toBe(true);
    const after = await loadSlaConfig();
    expect(after).not.toBe(before);
    expect(after.categories.get(toner.categoryId)).toBe('printers');

    await createCategory({ name: 'Billing', requiresQc: false, active: true });
    expect(bumpsStamp(lastItem())).toBe(false);
    await updateCategory(toner.categoryId, { name: 'Ink and toner', parentId: 'printers', requiresQc: false, active: true, version: toner.version });
    expect(bumpsStamp(lastItem())).toBe(false);
    const { data: printers } = await TicketCategory.get({ categoryId: 'printers' }).go();
    await updateCategory('printers', { name: 'Printers', parentId: null, requiresQc: false, active: true, version: printers!.version });
    expect(bumpsStamp(lastItem())).toBe(true);
    expect(await readSlaConfigStamp()).toBe(2);
  });

  it('a refused write bumps nothing: a stale calendar answers 409 conflict and the stamp stays', async () => {
    const week = [[], [], [], [], [], [], []];
    const calendar = await createCalendar({ name: 'Night shift', timezone: 'UTC', mode: 'always', week, holidays: [] });
    failNext = ['ConditionalCheckFailed', 'None'];

    await expect(updateCalendar(calendar.calendarId, { name: 'Night', timezone: 'UTC', mode: 'always', week, holidays: [], version: calendar.version + 5 })).rejects.toMatchObject({
      statusCode: 409,
      code: 'conflict',
    });
    expect(await readSlaConfigStamp()).toBe(1);
  });
});
