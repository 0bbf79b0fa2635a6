import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, outcome, startTestTwin, subOf, type Reply, type TestTwin } from '../../../infra/local/testing/api.js';

// Ticket categories against the local twin: the tree (three levels, sibling-unique names, moves,
// activation rules), who sees what, and deletion (refused with children, deactivation once used).

let test: TestTwin;
type Who = 'admin' | 'manager' | 'alice';
const token: Record<Who, string> = { admin: '', manager: '', alice: '' };
const corp = 'categories-test-corp';
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const raw = (r: Reply) => JSON.stringify(r.body);
const categoryWrites = () => test.writesOf('ticketCategory', 'ticketCategoryName');

async function create(body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await call('POST', '/ticket-categories', 'admin', body);
  expect(res.status, raw(res)).toBe(201);
  return res.body!;
}

const names = (nodes: { name: string; children: unknown[] }[]): unknown[] =>
  nodes.map((n) => (n.children.length ? { [n.name]: names(n.children as never) } : n.name));
/** This file's top-level categories (the seed may hold others). */
const ours = new Set(['Hardware', 'Software', 'Software & licences']);
const ourNames = (nodes: { name: string; children: unknown[] }[]) => names(nodes.filter((n) => ours.has(n.name)));

let hardware: Record<string, any>;
let printers: Record<string, any>;
let laser: Record<string, any>;
let software: Record<string, any>;

beforeAll(async () => {
  test = await startTestTwin('categories');
  token.admin = await test.signIn('admin@cloudmanager.example');
  token.manager = await test.signIn('manager@cloudmanager.example');
  token.alice = await test.signIn('customer@cloudmanager.example');
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: subOf(token.alice), name: 'Chloé', email: 'customer@cloudmanager.example' });
  const group = await call('POST', '/support-groups', 'admin', { name: 'Workshop' });
  hardware = await create({ name: 'Hardware', defaultGroupId: group.body!.groupId, requiresQc: true });
  printers = await create({ name: 'Printers', parentId: hardware.categoryId });
  laser = await create({ name: 'Laser', parentId: printers.categoryId });
  software = await create({ name: 'Software' });
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('the tree', () => {
  it('nests at most three levels, siblings by name; customers and staff read it', async () => {
    const forCustomer = await call('GET', '/ticket-categories', 'alice');
    const forManager = await call('GET', '/ticket-categories', 'manager');

    expect(forCustomer.status, raw(forCustomer)).toBe(200);
    expect(ourNames(forCustomer.body!.items)).toEqual([{ Hardware: [{ Printers: ['Laser'] }] }, 'Software']);
    expect(forManager.body).toEqual(forCustomer.body);
    expect(forCustomer.body!.items.find((n: { name: string }) => n.name === 'Hardware')).toMatchObject({ requiresQc: true, defaultGroupId: hardware.defaultGroupId, parentId: null, active: true, version: 1 });
  });

  it('refuses a fourth level, a duplicate sibling name (any case), an unknown parent or group, writing nothing', async () => {
    const before = categoryWrites();

    const deep = await call('POST', '/ticket-categories', 'admin', { name: 'Toner', parentId: laser.categoryId });
    const duplicate = await call('POST', '/ticket-categories', 'admin', { name: 'printers', parentId: hardware.categoryId });
    const parent = await call('POST', '/ticket-categories', 'admin', { name: 'X', parentId: 'nope' });
    const group = await call('POST', '/ticket-categories', 'admin', { name: 'X', defaultGroupId: 'nope' });
    const empty = await call('POST', '/ticket-categories', 'admin', { name: '  ' });
    const byManager = await call('POST', '/ticket-categories', 'manager', { name: 'X' });
    const byCustomer = await call('POST', '/ticket-categories', 'alice', { name: 'X' });

    expect(outcome(deep)).toEqual({ status: 400, code: 'validation_failed' });
    expect(deep.body!.error.details).toEqual([expect.objectContaining({ path: 'body.parentId', code: 'category_too_deep' })]);
    expect(outcome(duplicate)).toEqual({ status: 409, code: 'category_name_taken' });
    expect(parent.body!.error.details).toEqual([expect.objectContaining({ path: 'body.parentId', code: 'unknown_category' })]);
    expect(group.body!.error.details).toEqual([expect.objectContaining({ path: 'body.defaultGroupId', code: 'unknown_group' })]);
    expect(outcome(empty)).toEqual({ status: 400, code: 'validation_failed' });
    expect(byManager.status).toBe(403);
    expect(byCustomer.status).toBe(403);
    expect(categoryWrites()).toBe(before);
  });

  it('the same name is fine under another parent', async () => {
    const other = await create({ name: 'Printers', parentId: software.categoryId });

    expect(other).toMatchObject({ name: 'Printers', parentId: software.categoryId });
    expect((await call('DELETE', `/ticket-categories/${other.categoryId}`, 'admin')).body).toEqual({ categoryId: other.categoryId, outcome: 'deleted' });
  });
});

describe('editing', () => {
  it('renames and moves with the version read; a stale version answers 409 conflict', async () => {
    const renamed = await call('PUT', `/ticket-categories/${software.categoryId}`, 'admin', { version: 1, name: 'Software & licences', requiresQc: false, active: true });
    const stale = await call('PUT', `/ticket-categories/${software.categoryId}`, 'admin', { version: 1, name: 'Stale', requiresQc: false, active: true });
    const moved = await call('PUT', `/ticket-categories/${laser.categoryId}`, 'admin', { version: 1, name: 'Laser', parentId: software.categoryId, requiresQc: false, active: true });
    const reused = await create({ name: 'Software' });

    expect(renamed.body).toMatchObject({ name: 'Software & licences', version: 2 });
    expect(outcome(stale)).toEqual({ status: 409, code: 'conflict' });
    expect(moved.body).toMatchObject({ parentId: software.categoryId, version: 2 });
    expect(reused.parentId).toBeNull();
    const tree = await call('GET', '/ticket-categories', 'admin');
    expect(ourNames(tree.body!.items)).toEqual([{ Hardware: ['Printers'] }, 'Software', { 'Software & licences': ['Laser'] }]);
    laser = moved.body!;
  });

  it('refuses a move below itself or too deep, and deactivating a parent of active children, writing nothing', async () => {
    const before = categoryWrites();
    const current = (await call('GET', '/ticket-categories?includeInactive=true', 'admin')).body!.items.find((n: { name: string }) => n.name === 'Hardware');

    const cycle = await call('PUT', `/ticket-categories/${hardware.categoryId}`, 'admin', { version: current.version, name: 'Hardware', parentId: printers.categoryId, requiresQc: true, active: true });
    const tooDeep = await call('PUT', `/ticket-categories/${hardware.categoryId}`, 'admin', { version: current.version, name: 'Hardware', parentId: laser.categoryId, requiresQc: true, active: true });
    const parentOff = await call('PUT', `/ticket-categories/${hardware.categoryId}`, 'admin', { version: current.version, name: 'Hardware', requiresQc: true, active: false });

    expect(cycle.body!.error.details).toEqual([expect.objectContaining({ code: 'category_cycle' })]);
    expect(tooDeep.body!.error.details).toEqual([expect.objectContaining({ code: 'category_too_deep' })]);
    expect(outcome(parentOff)).toEqual({ status: 409, code: 'category_in_use' });
    expect(outcome(await call('PUT', '/ticket-categories/nope', 'admin', { version: 1, name: 'X', requiresQc: false, active: true }))).toEqual({ status: 404, code: 'not_found' });
    expect(categoryWrites()).toBe(before);
  });
});

describe('deleting', () => {
  it('refuses a category with subcategories (409 category_in_use)', async () => {
    expect(outcome(await call('DELETE', `/ticket-categories/${hardware.categoryId}`, 'admin'))).toEqual({ status: 409, code: 'category_in_use' });
  });

  it('deactivates a category tickets were opened with: customers no longer see or use it, admins still do', async () => {
    const ticket = await call('POST', '/tickets', 'alice', { subject: 'Laser printer streaks', description: 'Every page.', customerId: corp, categoryId: laser.categoryId });
    expect(ticket.status, raw(ticket)).toBe(201);

    const deleted = await call('DELETE', `/ticket-categories/${laser.categoryId}`, 'admin');
    const again = await call('POST', '/tickets', 'alice', { subject: 'Again', description: 'Still.', customerId: corp, categoryId: laser.categoryId });
    const forCustomer = await call('GET', '/ticket-categories?includeInactive=true', 'alice');
    const forAdmin = await call('GET', '/ticket-categories?includeInactive=true', 'admin');

    expect(deleted.body).toEqual({ categoryId: laser.categoryId, outcome: 'deactivated' });
    expect(again.body!.error.details).toEqual([expect.objectContaining({ path: 'body.categoryId', code: 'unknown_category' })]);
    expect(JSON.stringify(forCustomer.body)).not.toContain(laser.categoryId);
    expect(JSON.stringify(forAdmin.body)).toContain(laser.categoryId);
  });

  it('deletes an unused leaf and frees its name; an unknown one answers 404', async () => {
    const deleted = await call('DELETE', `/ticket-categories/${printers.categoryId}`, 'admin');
    const recreated = await create({ name: 'Printers', parentId: hardware.categoryId });

    expect(deleted.body).toEqual({ categoryId: printers.categoryId, outcome: 'deleted' });
    expect(recreated.name).toBe('Printers');
    expect(outcome(await call('DELETE', '/ticket-categories/nope', 'admin'))).toEqual({ status: 404, code: 'not_found' });
  });
});
