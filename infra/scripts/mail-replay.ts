import { useRunningTwin } from '../local/twin-env.js';

/**
 * `npm run mail:replay -- <messageId>`: processes one received mail again (the SES message id of
 * its raw MIME in the inbound bucket) against the running twin, whatever its status except
 * `processed`, with the spam/virus verdicts skipped (as an admin release does), and prints the outcome.
 */
const messageId = process.argv[2];
if (!messageId || !/^[A-Za-z0-9._-]+$/.test(messageId)) {
  console.error('usage: npm run mail:replay -- <messageId>');
  process.exit(2);
}
if (!useRunningTwin()) {
  console.error('No running twin found (.local/twin.json). Start it with `npm start`.');
  process.exit(1);
}
const { InboundMessage } = await import('../../shared/db/entities/inbound-message.js');
const { sesRecordFor } = await import('../../shared/mail/review.js');
const { processInboundMail } = await import('../../shared/mail/intake.js');
const { data: item } = await InboundMessage.get({ messageId })
  .go()
  .catch((err: Error) => {
    console.error(`Cannot reach the twin's table (is \`npm start\` running?): ${err.message}`);
    process.exit(1);
  });
if (!item) {
  console.error(`No inbound mail ${messageId}`);
  process.exit(1);
}
const outcome = await processInboundMail(sesRecordFor(item), { release: true });
const { data: after } = await InboundMessage.get({ messageId }).go();
console.log(JSON.stringify({ messageId, outcome, status: after?.status, ticketId: after?.ticketId ?? null, reason: after?.reason }, null, 2));
process.exit(outcome === 'failed' ? 1 : 0);
