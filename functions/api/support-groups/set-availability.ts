import { agentState, setAvailability as body } from '../../../shared/tickets/assignment-schemas.js';
import { setAvailability } from '../../../shared/tickets/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'setMyAvailability',
  method: 'PUT',
  path: '/me/availability',
  summary: 'Mark yourself available or not for auto-assignment',
  tags: ['support-groups'],
  access: { permission: 'tickets:update' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { body },
  response: agentState,
  handler: async ({ body, actor }) => setAvailability(actor, body.available),
});
