import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, signInEach, startTestTwin, type Reply, type TestTwin } from '../../../infra/local/testing/api.js';

// SLA configuration against the local twin: calendars, policies (match lock, calendar use count),
// settings; every refusal writes nothing.

let test: TestTwin;
type Who = 'admin' | 'manager' | 'customer';
const token: Partial<Record<Who, string>> = {};
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who]!, body);
const raw = (r: Reply) => JSON.stringify(r.body);
const slaWrites = () => test.writesOf('slaCalendar', 'slaPolicy', 'slaPolicyMatch', 'slaSettings');

const office = [{ start: '09:00', end: '18:00' }];
const calendarBody = { name: 'Office hours', timezone: 'Africa/Algiers', week: [office, office, office, office, office, [], []], holidays: [] };
const policyBody = (extra: Record<string, unknown> = {}) => ({ name: 'High', priority: 'high', targets: { firstResponse: 120, resolution: 960 }, ...extra });

async function created(path: string, body: unknown): Promise<Record<string, any>> {
  const res = await call('POST', path, 'admin', body);
  expect(res.status, raw(res)).toBe(201);
  return res.body!;
}

let calendar: Record<string, any>;
let always: Record<string, any>;
let high: Record<string, any>;

beforeAll(async () => {
  test = await startTestTwin('sla-config');
  await signInEach(test, { admin: 'admin@cloudmanager.example', manager: 'manager@cloudmanager.example', customer: 'customer@cloudmanager.example' }, token);
  calendar = await created('/sla/calendars', calendarBody);
  always = await created('/sla/calendars', { ...calendarBody, name: '24/7', mode: 'always' });
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('calendars', () => {
  it('are created, read by staff and refused to customers', async () => {
    const list = await call('GET', '/sla/calendars', 'manager');
    const one = await call('GET', `/sla/calendars/${calendar.calendarId}`, 'manager');

    expect(calendar).toMatchObject({ ...calendarBody, mode: 'business', policyCount: 0, isDefault: false, version: 1 });
    expect(list.body!.items.map((c: { name: string }) => c.name)).toEqual(['24/7', 'Office hours']);
    expect(one.body).toEqual(calendar);
    expect((await call('GET', '/sla/calendars', 'customer')).status).toBe(403);
  });

  it('are replaced with the version read; a stale version answers 409 conflict', async () => {
    const holidays = [{ date: '2026-07-05', name: 'Independence Day', recurring: true }];
    const week = [[{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }], ...calendarBody.week.slice(1)];

    const updated = await call('PUT', `/sla/calendars/${calendar.calendarId}`, 'admin', { ...calendarBody, week, holidays, version: 1 });
    const before = slaWrites();
    const stale = await call('PUT', `/sla/calendars/${calendar.calendarId}`, 'admin', { ...calendarBody, version: 1 });

    expect(updated.body).toMatchObject({ week, holidays, version: 2 });
    expect(outcome(stale)).toEqual({ status: 409, code: 'conflict' });
    expect(slaWrites()).toBe(before);
    calendar = updated.body!;
  });

  it('refuses overlapping hours, duplicate holidays, an unknown timezone, a manager and an unknown id, writing nothing', async () => {
    const before = slaWrites();
    const overlap = [[{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }], [], [], [], [], [], []];
    const twice = [{ date: '2026-11-01', name: 'A', recurring: false }, { date: '2026-11-01', name: 'B', recurring: false }];

    const overlapping = await call('POST', '/sla/calendars', 'admin', { ...calendarBody, week: overlap });
    const duplicate = await call('PUT', `/sla/calendars/${calendar.calendarId}`, 'admin', { ...calendarBody, holidays: twice, version: 2 });
    const zone = await call('POST', '/sla/calendars', 'admin', { ...calendarBody, timezone: 'Mars/Olympus' });
    const byManager = await call('POST', '/sla/calendars', 'manager', calendarBody);
    const missing = await call('PUT', '/sla/calendars/nope', 'admin', { ...calendarBody, version: 1 });

    expect(overlapping.body!.error.details).toEqual([expect.objectContaining({ path: 'body.week.0.1.start' })]);
    expect(duplicate.body!.error.details).toEqual([expect.objectContaining({ path: 'body.holidays.1.date' })]);
    expect(zone.body!.error.details).toEqual([expect.objectContaining({ path: 'body.timezone' })]);
    expect(byManager.status).toBe(403);
    expect(outcome(missing)).toEqual({ status: 404, code: 'not_found' });
    expect(slaWrites()).toBe(before);
  });
});

describe('policies', () => {

  it('are created with the defaults and count as a use of their calendar', async () => {
    high = await created('/sla/policies', policyBody({ calendarId: calendar.calendarId }));

    expect(high).toMatchObject({
      priority: 'high', categoryId: null, customerId: null, calendarId: calendar.calendarId, warningPercent: 80,
      pauseStatuses: ['waiting_on_customer', 'on_hold'], escalation: { raisePriority: false, moveToGroupId: null }, active: true, version: 1,
    });
    expect((await call('GET', `/sla/calendars/${calendar.calendarId}`, 'admin')).body).toMatchObject({ policyCount: 1 });
  });

  it('refuses a second policy with the identical match (409 policy_conflict) and unknown references, writing nothing', async () => {
    const before = slaWrites();

    const same = await call('POST', '/sla/policies', 'admin', policyBody({ name: 'High again', calendarId: always.calendarId }));
    const unknown = await call('POST', '/sla/policies', 'admin', policyBody({ calendarId: 'nope', categoryId: 'nope', customerId: 'nope', customerGroupId: 'nope', escalation: { moveToGroupId: 'nope' } }));
    const zero = await call('POST', '/sla/policies', 'admin', policyBody({ targets: { firstResponse: 0 }, warningPercent: 100 }));
    const byManager = await call('POST', '/sla/policies', 'manager', policyBody({ priority: 'low' }));

    expect(outcome(same)).toEqual({ status: 409, code: 'policy_conflict' });
    expect(unknown.body!.error.details.map((d: { code: string }) => d.code)).toEqual(['unknown_calendar', 'unknown_category', 'unknown_customer_group', 'unknown_customer', 'unknown_group']);
    expect(zero.body!.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.targets.firstResponse', 'body.warningPercent']);
    expect(byManager.status).toBe(403);
    expect(slaWrites()).toBe(before);
    expect((await call('GET', `/sla/calendars/${always.calendarId}`, 'admin')).body).toMatchObject({ policyCount: 0 });
  });

  it('are listed most specific first; an update moving onto a taken match is refused', async () => {
    const general = await created('/ticket-categories', { name: 'SLA test category' });
    const narrow = await created('/sla/policies', policyBody({ name: 'High general', categoryId: general.categoryId }));
    const urgent = await created('/sla/policies', policyBody({ name: 'Urgent', priority: 'urgent' }));
    const before = slaWrites();

    const onto = await call('PUT', `/sla/policies/${narrow.policyId}`, 'admin', { ...policyBody(), version: 1 });
    const list = await call('GET', '/sla/policies', 'manager');

    expect(outcome(onto)).toEqual({ status: 409, code: 'policy_conflict' });
    expect(slaWrites()).toBe(before);
    expect(list.body!.items.map((p: { name: string }) => p.name)).toEqual(['High general', 'Urgent', 'High']);
    expect((await call('DELETE', `/sla/policies/${urgent.policyId}`, 'admin')).body).toEqual({ policyId: urgent.policyId });
  });

  it('moving a policy to another calendar moves the use count; a stale version answers 409 conflict', async () => {
    const moved = await call('PUT', `/sla/policies/${high.policyId}`, 'admin', { ...policyBody({ calendarId: always.calendarId, warningPercent: 75 }), version: 1 });
    const before = slaWrites();
    const stale = await call('PUT', `/sla/policies/${high.policyId}`, 'admin', { ...policyBody(), version: 1 });

    expect(moved.body).toMatchObject({ calendarId: always.calendarId, warningPercent: 75, version: 2 });
    expect(outcome(stale)).toEqual({ status: 409, code: 'conflict' });
    expect(slaWrites()).toBe(before);
    const counts = (await call('GET', '/sla/calendars', 'admin')).body!.items.map((c: { name: string; policyCount: number }) => [c.name, c.policyCount]);
    expect(counts).toEqual([['24/7', 1], ['Office hours', 0]]);
    high = moved.body!;
  });
});

describe('calendar in use, settings', () => {
  it('a calendar a policy uses, or the default one, is not deleted (409 calendar_in_use)', async () => {
    const settings = await call('PUT', '/sla/settings', 'admin', {
      version: 0, defaultCalendarId: calendar.calendarId, autoClose: { enabled: true, afterDays: 7, reopenDays: 14 }, waitingReminder: { enabled: true, afterDays: 3, resolveAfterDays: 7 },
    });
    const before = slaWrites();

    const used = await call('DELETE', `/sla/calendars/${always.calendarId}`, 'admin');
    const byDefault = await call('DELETE', `/sla/calendars/${calendar.calendarId}`, 'admin');

    expect(settings.body).toMatchObject({ defaultCalendarId: calendar.calendarId, version: 1 });
    expect(outcome(used)).toEqual({ status: 409, code: 'calendar_in_use' });
    expect(outcome(byDefault)).toEqual({ status: 409, code: 'calendar_in_use' });
    expect(slaWrites()).toBe(before);
    expect((await call('GET', `/sla/calendars/${calendar.calendarId}`, 'admin')).body).toMatchObject({ isDefault: true });
  });

  it('settings: staff read them, a stale version or unknown calendar is refused, writing nothing', async () => {
    const before = slaWrites();
    const body = { defaultCalendarId: calendar.calendarId, autoClose: { enabled: false, afterDays: 5, reopenDays: 10 }, waitingReminder: { enabled: true, afterDays: 2, resolveAfterDays: 5 } };

    const stale = await call('PUT', '/sla/settings', 'admin', { ...body, version: 0 });
    const unknown = await call('PUT', '/sla/settings', 'admin', { ...body, defaultCalendarId: 'nope', version: 1 });
    const byManager = await call('PUT', '/sla/settings', 'manager', { ...body, version: 1 });
    const read = await call('GET', '/sla/settings', 'manager');

    expect(outcome(stale)).toEqual({ status: 409, code: 'conflict' });
    expect(unknown.body!.error.details).toEqual([expect.objectContaining({ path: 'body.defaultCalendarId', code: 'unknown_calendar' })]);
    expect(byManager.status).toBe(403);
    expect(slaWrites()).toBe(before);
    expect(read.body).toMatchObject({ autoClose: { enabled: true, afterDays: 7 }, version: 1 });
  });

  it('deleting the policy frees its match and its calendar', async () => {
    expect((await call('DELETE', `/sla/policies/${high.policyId}`, 'admin')).status).toBe(200);
    const again = await created('/sla/policies', policyBody());

    expect((await call('DELETE', `/sla/calendars/${always.calendarId}`, 'admin')).body).toEqual({ calendarId: always.calendarId });
    expect(outcome(await call('GET', `/sla/calendars/${always.calendarId}`, 'admin'))).toEqual({ status: 404, code: 'not_found' });
    expect(again.calendarId).toBeNull();
    expect(outcome(await call('DELETE', `/sla/policies/${high.policyId}`, 'admin'))).toEqual({ status: 404, code: 'not_found' });
  });

  it('an unknown policy or calendar id answers 404 on every object route, writing nothing', async () => {
    const before = slaWrites();
    expect(outcome(await call('GET', '/sla/policies/nope', 'manager'))).toEqual({ status: 404, code: 'not_found' });
    expect(outcome(await call('PUT', '/sla/policies/nope', 'admin', { ...policyBody(), version: 1 }))).toEqual({ status: 404, code: 'not_found' });
    expect(outcome(await call('DELETE', '/sla/policies/nope', 'admin'))).toEqual({ status: 404, code: 'not_found' });
    expect(outcome(await call('GET', '/sla/calendars/nope', 'manager'))).toEqual({ status: 404, code: 'not_found' });
    expect(outcome(await call('DELETE', '/sla/calendars/nope', 'admin'))).toEqual({ status: 404, code: 'not_found' });
    expect(slaWrites()).toBe(before);
  });
});
