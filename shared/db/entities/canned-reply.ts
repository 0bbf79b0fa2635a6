import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * A canned reply: a title and a body with `{{variables}}` from a fixed list (checked on save),
 * optionally filed under a ticket category. `usageCount` grows each time an agent posts a message
 * made from it. Listed by title from one directory partition.
 */
export const CannedReply = lazy(() => new Entity(
  {
    model: { entity: 'cannedReply', version: '1', service: 'cm' },
    attributes: {
      cannedReplyId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      titleLower: {
        type: 'string',
        watch: ['title'],
        set: (_: unknown, { title }: { title?: string }) => title?.toLowerCase(),
      },
      body: { type: 'string', required: true },
      /** The variables the body uses (all from the allowed list). */
      variables: { type: 'list', items: { type: 'string' }, required: true },
      categoryId: { type: 'string' },
      usageCount: { type: 'number', required: true, default: 0 },
      createdBy: { type: 'string', required: true, readOnly: true },
      /** Constant partition of the list by title. */
      directory: { type: 'string', required: true, default: 'cannedReplies', readOnly: true },
      ...versioned(),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['cannedReplyId'] },
        sk: { field: 'sk', composite: [] },
      },
      byTitle: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['directory'] },
        sk: { field: 'gsi1sk', composite: ['titleLower', 'cannedReplyId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type CannedReplyItem = EntityItem<typeof CannedReply>;
