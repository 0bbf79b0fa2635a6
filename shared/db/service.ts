import { Service } from 'electrodb';
import { documentClient, tableName } from './client.js';
import { Counter } from './entities/counter.js';
import { InboundMessage } from './entities/inbound-message.js';
import { Organisation } from './entities/organisation.js';
import { ScheduleRun } from './entities/schedule-run.js';
import { StreamMark } from './entities/stream-mark.js';

/**
 * Every entity of the one table, for tools and tests that span entities. Request paths import only
 * the entities they use (shared/db/entities/*): building each entity costs cold-start time.
 */
export const db = new Service(
  { organisation: Organisation, counter: Counter, scheduleRun: ScheduleRun, inboundMessage: InboundMessage, streamMark: StreamMark },
  { client: documentClient, table: tableName },
);

export type Db = typeof db;
