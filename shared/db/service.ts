import { Service } from 'electrodb';
import { documentClient, tableName } from './client.js';
import { AccessRequest } from './entities/access-request.js';
import { Counter } from './entities/counter.js';
import { InboundMessage } from './entities/inbound-message.js';
import { Organisation } from './entities/organisation.js';
import { OpenAccessRequest } from './entities/open-access-request.js';
import { RoleDefinition } from './entities/role-definition.js';
import { RoleMatrixVersion } from './entities/role-matrix-version.js';
import { RoleMatrix } from './entities/role-matrix.js';
import { ScheduleRun } from './entities/schedule-run.js';
import { StreamMark } from './entities/stream-mark.js';
import { User } from './entities/user.js';

/**
 * Every entity of the one table, for tools and tests that span entities. Request paths import only
 * the entities they use (shared/db/entities/*): building each entity costs cold-start time.
 */
export const db = new Service(
  {
    organisation: Organisation,
    counter: Counter,
    scheduleRun: ScheduleRun,
    inboundMessage: InboundMessage,
    streamMark: StreamMark,
    user: User,
    roleMatrix: RoleMatrix,
    roleMatrixVersion: RoleMatrixVersion,
    roleDefinition: RoleDefinition,
    accessRequest: AccessRequest,
    openAccessRequest: OpenAccessRequest,
  },
  { client: documentClient, table: tableName },
);

export type Db = typeof db;
