import * as z from 'zod';
import type { UserActor } from '../auth/actor.js';
import { InvalidCursorError, withCursor } from '../db/cursor.js';
import { CustomerSearchKey } from '../db/entities/customer-search-key.js';
import { Customer, type CustomerItem } from '../db/entities/customer.js';
import { ForbiddenError } from '../errors.js';
import type { CustomerView, ListCustomersQuery } from './schemas.js';
import { detectFields, keyFieldsFor, listingKey, normaliseTerm, type KeyField } from './search-terms.js';
import { toCustomerView } from './views.js';

/**
 * Which access pattern answers a list query (docs/access-patterns.md C2–C4, CU1–CU2): a search
 * walks the search-key partitions of its fields, and of their words for a one-word query (CU1);
 * `name:asc` without a search walks the name partition (CU2); otherwise status (C3), else group (C4), else the directory by creation (C2).
 * What the chosen index does not cover becomes a filter. Never a Scan.
 */
export type ListPlan = 'search' | 'name' | 'status' | 'group' | 'created';

export function planFor(query: Pick<ListCustomersQuery, 'q' | 'sort' | 'status' | 'groupId'>): ListPlan {
  if (query.q) return 'search';
  if (query.sort === 'name:asc') return 'name';
  if (query.status) return 'status';
  if (query.groupId) return 'group';
  return 'created';
}

/** Our cursor: the plan, for a search the field being walked, and ElectroDB's cursor. */
const cursorShape = z.object({ p: z.enum(['search', 'name', 'status', 'group', 'created']), i: z.number().int().min(0).optional(), c: z.string().min(1).optional() });
type Cursor = z.infer<typeof cursorShape>;

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

function decode(text: string | undefined, plan: ListPlan): Cursor | undefined {
  if (!text) return undefined;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (parsed.success && parsed.data.p === plan) return parsed.data;
  } catch {
    // not base64url JSON
  }
  throw new InvalidCursorError();
}

/** The filters a search-key walk cannot apply in the index, checked on the customers read. */
function matches(item: CustomerItem, q: ListCustomersQuery): boolean {
  if (q.status && item.status !== q.status) return false;
  if (q.type && item.type !== q.type) return false;
  if (q.groupId && item.groupId !== q.groupId) return false;
  if (q.createdFrom && item.createdAt < q.createdFrom) return false;
  if (q.createdTo && item.createdAt > q.createdTo) return false;
  return true;
}

/** The customers of these ids in one BatchGetItem, in the order given (missing ones left out). */
export async function customersByIds(ids: readonly string[]): Promise<CustomerItem[]> {
  if (ids.length === 0) return [];
  const { data } = await Customer.get(ids.map((customerId) => ({ customerId }))).go({ preserveBatchOrder: true });
  return data.filter((c): c is CustomerItem => !!c);
}

type Page = { items: CustomerView[]; cursor: string | null };
type Walk = { fields: readonly KeyField[]; prefixOf: (f: KeyField) => string };
type Hit = { customerId: string; key: string };

/** Walks the search-key partitions in turn (prefix = begins_with), then reads the customers in one batch. */
async function searchPage(walk: Walk, query: ListCustomersQuery, plan: 'search' | 'name'): Promise<Page> {
  const cursor = decode(query.cursor, plan);
  const hits: Hit[] = [];
  const seen = new Set<string>();
  let start = cursor?.c ?? null;
  for (let i = cursor?.i ?? 0; i < walk.fields.length; i += 1) {
    const field = walk.fields[i]!;
    const term = walk.prefixOf(field);
    const q = CustomerSearchKey.query.byTerm({ field });
    const keys = await withCursor(() => (term ? q.begins({ term }) : q).go({ count: query.limit - seen.size, cursor: start }));
    start = null;
    for (const key of keys.data) {
      hits.push({ customerId: key.customerId, key: `${key.field}#${key.term}` });
      seen.add(key.customerId);
    }
    if (keys.cursor) return finish(hits, walk, query, encode({ p: plan, i, c: keys.cursor }));
    if (seen.size >= query.limit && i + 1 < walk.fields.length) return finish(hits, walk, query, encode({ p: plan, i: i + 1 }));
  }
  return finish(hits, walk, query, null);
}

/** The customers hit, in order of first hit, each listed only at its listing key (so never twice, on any page). */
async function finish(hits: Hit[], walk: Walk, query: ListCustomersQuery, cursor: string | null): Promise<Page> {
  const keysOf = new Map<string, Set<string>>();
  for (const hit of hits) keysOf.set(hit.customerId, (keysOf.get(hit.customerId) ?? new Set()).add(hit.key));
  const customers = (await customersByIds([...keysOf.keys()])).filter((c) => {
    const key = listingKey(c, walk.fields, walk.prefixOf);
    return key !== undefined && keysOf.get(c.customerId)!.has(key) && matches(c, query);
  });
  return { items: customers.map(toCustomerView), cursor };
}

type IndexQuery = ReturnType<typeof Customer.query.byCreated>;

/** An index query by creation time, the created range as key condition, the rest as filters. */
async function indexPage(plan: 'status' | 'group' | 'created', query: ListCustomersQuery): Promise<Page> {
  const start = decode(query.cursor, plan)?.c ?? null;
  const base = (
    plan === 'status'
      ? Customer.query.byStatus({ status: query.status! })
      : plan === 'group'
        ? Customer.query.byGroup({ groupId: query.groupId! })
        : Customer.query.byCreated({ directory: 'customers' })
  ) as IndexQuery;
  const { createdFrom: from, createdTo: to } = query;
  const ranged = from && to ? base.between({ createdAt: from }, { createdAt: `${to}~` }) : from ? base.gte({ createdAt: from }) : to ? base.lte({ createdAt: `${to}~` }) : base;
  const filtered = ranged.where((a, { eq }) => {
    const parts: string[] = [];
    if (query.type) parts.push(eq(a.type, query.type));
    if (query.status && plan !== 'status') parts.push(eq(a.status, query.status));
    if (query.groupId && plan !== 'group') parts.push(eq(a.groupId, query.groupId));
    return parts.join(' AND ');
  });
  const order = query.sort === 'createdAt:asc' ? 'asc' : 'desc';
  const page = await withCursor(() => filtered.go({ order, count: query.limit, cursor: start }));
  return { items: page.data.map(toCustomerView), cursor: page.cursor ? encode({ p: plan, c: page.cursor }) : null };
}

/** GET /customers: staff search and list, one index per filter combination. */
export async function listCustomers(query: ListCustomersQuery, actor: UserActor): Promise<Page> {
  if (!actor.isStaff) throw new ForbiddenError('Only staff list customers');
  const plan = planFor(query);
  if (plan === 'search') {
    const q = query.q!;
    const fields = keyFieldsFor(query.field ? [query.field] : detectFields(q), q);
    return searchPage({ fields, prefixOf: (f) => normaliseTerm(f, q) || '\u0000' }, query, 'search');
  }
  if (plan === 'name') return searchPage({ fields: ['name'], prefixOf: () => '' }, query, 'name');
  return indexPage(plan, query);
}
