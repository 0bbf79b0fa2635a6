import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SupportGroup } from '../db/entities/support-group.js';
import { TicketCategory, type TicketCategoryItem } from '../db/entities/ticket-category.js';
import { answerReads } from '../db/fake-table.js';
import type { AppError } from '../errors.js';
import { buildTree, defaultsForCategory, depthOf, heightOf, isWithin } from './categories.js';

const ddb = mockClient(DynamoDBDocumentClient);
let items: Record<string, unknown>[] = [];

const at = '2025-01-01T00:00:00.000Z';
const category = (categoryId: string, parentKey = 'root', over: Partial<TicketCategoryItem> = {}): TicketCategoryItem => ({
  categoryId, parentKey, name: categoryId, nameLower: categoryId.toLowerCase(), requiresQc: false, active: true, used: false,
  directory: 'ticketCategories', version: 1, createdAt: at, updatedAt: at, ...over,
});
const stored = (c: TicketCategoryItem) => TicketCategory.create(c).params<{ Item: Record<string, unknown> }>().Item;

// hardware > printers > laser; software
const tree = [category('hardware'), category('printers', 'hardware'), category('laser', 'printers'), category('software')];
const byId = new Map(tree.map((c) => [c.categoryId, c]));

beforeEach(() => {
  items = [];
  answerReads(ddb, () => items);
  ddb.on(UpdateCommand).resolves({});
});
afterEach(() => ddb.reset());

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('category tree', () => {
  it('measures depth (root = 1) and height (leaf = 1)', () => {
    expect(depthOf('hardware', byId)).toBe(1);
    expect(depthOf('laser', byId)).toBe(3);
    expect(heightOf('hardware', tree)).toBe(3);
    expect(heightOf('printers', tree)).toBe(2);
    expect(heightOf('software', tree)).toBe(1);
  });

  it('knows what lies below a category (a move there would make a cycle)', () => {
    expect(isWithin('laser', 'hardware', byId)).toBe(true);
    expect(isWithin('hardware', 'hardware', byId)).toBe(true);
    expect(isWithin('software', 'hardware', byId)).toBe(false);
    expect(isWithin('hardware', 'laser', byId)).toBe(false);
  });

  it('nests children under parents, siblings by name, and drops inactive subtrees when asked', () => {
    const items = [...tree, category('Archive', 'root', { active: false }), category('old', 'Archive', { active: false })];

    const full = buildTree(items);
    const active = buildTree(items, (c) => c.active);

    expect(full.map((n) => n.name)).toEqual(['Archive', 'hardware', 'software']);
    expect(full[1]!.children[0]!.children[0]).toMatchObject({ categoryId: 'laser', parentId: 'printers', children: [] });
    expect(active.map((n) => n.name)).toEqual(['hardware', 'software']);
  });
});

describe('defaultsForCategory', () => {
  it('gives the category default group and QC flag, and marks the category used once', async () => {
    items = [stored(category('repair', 'root', { defaultGroupId: 'workshop', requiresQc: true }))];

    expect(await defaultsForCategory('repair')).toEqual({ groupId: 'workshop', qcRequired: true });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('falls back to the default support group', async () => {
    items = [
      stored(category('general', 'root', { used: true })),
      SupportGroup.create({ groupId: 'support', name: 'Support', isDefault: true }).params<{ Item: Record<string, unknown> }>().Item,
    ];

    expect(await defaultsForCategory('general')).toEqual({ groupId: 'support', qcRequired: false });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('refuses unknown and inactive categories with unknown_category', async () => {
    items = [stored(category('retired', 'root', { active: false }))];

    for (const id of ['nope', 'retired']) {
      const err = await rejection(defaultsForCategory(id));
      expect(err).toMatchObject({ statusCode: 400, code: 'validation_failed', details: [{ path: 'body.categoryId', code: 'unknown_category' }] });
    }
  });
});
