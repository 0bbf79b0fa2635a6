import { randomUUID } from 'node:crypto';
import { Service } from 'electrodb';
import { documentClient, tableName } from '../db/client.js';
import { Counter } from '../db/entities/counter.js';
import { Customer } from '../db/entities/customer.js';
import { CustomerGroup } from '../db/entities/customer-group.js';
import { SlaCalendar } from '../db/entities/sla-calendar.js';
import { SlaPolicy, type SlaPolicyItem } from '../db/entities/sla-policy.js';
import { SlaPolicyMatch } from '../db/entities/sla-policy-match.js';
import { SupportGroup } from '../db/entities/support-group.js';
import { TicketCategory } from '../db/entities/ticket-category.js';
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from '../errors.js';
import { inMatchOrder, matchKeyOf, readAllPolicies, resetSlaConfigCache, slaConfigStamp } from './config.js';
import type { CreateSlaPolicy, SlaPolicyView, UpdateSlaPolicy } from './schemas.js';

const makeStore = () =>
  new Service({ slaPolicy: SlaPolicy, slaPolicyMatch: SlaPolicyMatch, slaCalendar: SlaCalendar, counter: Counter }, { client: documentClient, table: tableName });
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

const notFound = () => new NotFoundError('No such SLA policy');
const stale = () => new ConflictError('conflict', 'The policy changed since you loaded it; reload and try again');
const matchTaken = () =>
  new ConflictError('policy_conflict', 'Another policy already has exactly this match (priority, category, customer group and customer)');
const unknownCalendar = () => new ValidationError([{ path: 'body.calendarId', message: 'Unknown calendar', code: 'unknown_calendar' }]);

export function toPolicyView(item: SlaPolicyItem): SlaPolicyView {
  return {
    policyId: item.policyId,
    name: item.name,
    priority: item.priority,
    categoryId: item.categoryId ?? null,
    customerGroupId: item.customerGroupId ?? null,
    customerId: item.customerId ?? null,
    calendarId: item.calendarId ?? null,
    targets: item.targets,
    /** Written through the schema's status enum. */
    pauseStatuses: item.pauseStatuses as SlaPolicyView['pauseStatuses'],
    warningPercent: item.warningPercent,
    escalation: { ...item.escalation, moveToGroupId: item.escalation.moveToGroupId ?? null },
    active: item.active,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** Every policy in match order (most specific first): the first that fits a ticket applies. */
export async function listPolicies(): Promise<{ items: SlaPolicyView[] }> {
  return { items: inMatchOrder(await readAllPolicies()).map(toPolicyView) };
}

export async function getPolicy(policyId: string): Promise<SlaPolicyView> {
  const { data } = await SlaPolicy.get({ policyId }).go();
  if (!data) throw notFound();
  return toPolicyView(data);
}

/** 400 with every reference that does not exist (calendar, category, customer group, customer, escalation group). */
async function checkReferences(input: CreateSlaPolicy): Promise<void> {
  const exists = async (path: string, code: string, message: string, id: string | null | undefined, read: (id: string) => Promise<unknown>) =>
    id && !(await read(id)) ? { path, code, message } : undefined;
  const missing = await Promise.all([
    exists('body.calendarId', 'unknown_calendar', 'Unknown calendar', input.calendarId, async (calendarId) => (await SlaCalendar.get({ calendarId }).go()).data),
    exists('body.categoryId', 'unknown_category', 'Unknown category', input.categoryId, async (categoryId) => (await TicketCategory.get({ categoryId }).go()).data),
    exists('body.customerGroupId', 'unknown_customer_group', 'Unknown customer group', input.customerGroupId, async (groupId) => (await CustomerGroup.get({ groupId }).go()).data),
    exists('body.customerId', 'unknown_customer', 'Unknown customer', input.customerId, async (customerId) => (await Customer.get({ customerId }).go()).data),
    exists('body.escalation.moveToGroupId', 'unknown_group', 'Unknown support group', input.escalation.moveToGroupId, async (groupId) => (await SupportGroup.get({ groupId }).go()).data),
  ]);
  const details: ErrorDetail[] = missing.filter((d) => d !== undefined);
  if (details.length) throw new ValidationError(details);
}

/** The stored fields of a policy: optional ones set or listed for removal. */
function fieldsOf(input: CreateSlaPolicy) {
  const { moveToGroupId, ...escalation } = input.escalation;
  const set = {
    name: input.name,
    priority: input.priority,
    matchKey: matchKeyOf(input),
    targets: input.targets,
    pauseStatuses: input.pauseStatuses,
    warningPercent: input.warningPercent,
    escalation: { ...escalation, ...(moveToGroupId ? { moveToGroupId } : {}) },
    active: input.active,
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
    ...(input.customerGroupId ? { customerGroupId: input.customerGroupId } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.calendarId ? { calendarId: input.calendarId } : {}),
  };
  const optional = ['categoryId', 'customerGroupId', 'customerId', 'calendarId'] as const;
  return { set, remove: optional.filter((k) => !input[k]) };
}

/**
 * Adds a policy; its match is locked in the same transaction (409 `policy_conflict` if taken).
 * Every policy write also bumps the configuration stamp, so every process's cache reloads.
 */
export async function createPolicy(input: CreateSlaPolicy): Promise<SlaPolicyView> {
  await checkReferences(input);
  const policyId = randomUUID();
  const { set } = fieldsOf(input);
  const result = await getStore()
    .transaction.write(({ slaPolicy, slaPolicyMatch, slaCalendar, counter }) => [
      slaPolicyMatch.create({ matchKey: set.matchKey, policyId }).commit(),
      slaPolicy.create({ policyId, ...set }).commit(),
      ...(input.calendarId ? [slaCalendar.patch({ calendarId: input.calendarId }).add({ policyCount: 1 }).commit()] : []),
      counter.upsert(slaConfigStamp).add({ value: 1 }).commit(),
    ])
    .go();
  if (result.canceled) {
    const outcomes = result.data as { rejected?: boolean }[];
    if (outcomes[0]?.rejected) throw matchTaken();
    if (outcomes[2]?.rejected) throw unknownCalendar();
    throw new Error(`SLA policy creation cancelled: ${result.data.map((d) => d.code).join(', ')}`);
  }
  resetSlaConfigCache();
  return getPolicy(policyId);
}

/**
 * Replaces a policy if the caller saw its latest version. A new match moves the lock; a new
 * calendar moves the use count — all in one transaction.
 */
export async function updatePolicy(policyId: string, input: UpdateSlaPolicy): Promise<SlaPolicyView> {
  const { data: current } = await SlaPolicy.get({ policyId }).go();
  if (!current) throw notFound();
  if (current.version !== input.version) throw stale();
  await checkReferences(input);
  const { set, remove } = fieldsOf(input);
  const moved = set.matchKey !== current.matchKey;
  const newCalendar = input.calendarId ?? undefined;
  const calendarChanged = newCalendar !== current.calendarId;
  const result = await getStore()
    .transaction.write(({ slaPolicy, slaPolicyMatch, slaCalendar, counter }) => [
      (remove.length ? slaPolicy.patch({ policyId }).set({ ...set, version: current.version + 1 }).remove(remove) : slaPolicy.patch({ policyId }).set({ ...set, version: current.version + 1 }))
        .where(({ version }, { eq }) => eq(version, current.version))
        .commit(),
      ...(moved
        ? [
            slaPolicyMatch.create({ matchKey: set.matchKey, policyId }).commit(),
            slaPolicyMatch.delete({ matchKey: current.matchKey }).commit(),
          ]
        : []),
      ...(calendarChanged && newCalendar ? [slaCalendar.patch({ calendarId: newCalendar }).add({ policyCount: 1 }).commit()] : []),
      ...(calendarChanged && current.calendarId ? [slaCalendar.patch({ calendarId: current.calendarId }).subtract({ policyCount: 1 }).commit()] : []),
      counter.upsert(slaConfigStamp).add({ value: 1 }).commit(),
    ])
    .go();
  if (result.canceled) {
    const outcomes = result.data as { rejected?: boolean }[];
    if (outcomes[0]?.rejected) throw stale();
    if (moved && outcomes[1]?.rejected) throw matchTaken();
    if (calendarChanged && newCalendar && outcomes[moved ? 3 : 1]?.rejected) throw unknownCalendar();
    throw new Error(`SLA policy update cancelled: ${result.data.map((d) => d.code).join(', ')}`);
  }
  resetSlaConfigCache();
  return getPolicy(policyId);
}

/** Deletes a policy, its match lock and its use of the calendar. */
export async function deletePolicy(policyId: string): Promise<{ policyId: string }> {
  const { data: current } = await SlaPolicy.get({ policyId }).go();
  if (!current) throw notFound();
  const result = await getStore()
    .transaction.write(({ slaPolicy, slaPolicyMatch, slaCalendar, counter }) => [
      slaPolicy.delete({ policyId }).where(({ version }, { eq }) => eq(version, current.version)).commit(),
      slaPolicyMatch.delete({ matchKey: current.matchKey }).commit(),
      ...(current.calendarId ? [slaCalendar.patch({ calendarId: current.calendarId }).subtract({ policyCount: 1 }).commit()] : []),
      counter.upsert(slaConfigStamp).add({ value: 1 }).commit(),
    ])
    .go();
  if (result.canceled) {
    if (!(await SlaPolicy.get({ policyId }).go()).data) throw notFound();
    throw stale();
  }
  resetSlaConfigCache();
  return { policyId };
}
