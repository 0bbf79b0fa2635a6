import { Entity } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/** Marks a stream record as applied, so a redelivered batch never counts twice. Expires after 2 days (stream retention is 24 h). */
export const StreamMark = lazy(() => new Entity(
  {
    model: { entity: 'streamMark', version: '1', service: 'cm' },
    attributes: {
      consumer: { type: 'string', required: true, readOnly: true },
      eventId: { type: 'string', required: true, readOnly: true },
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byEvent: {
        pk: { field: 'pk', composite: ['consumer', 'eventId'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));
