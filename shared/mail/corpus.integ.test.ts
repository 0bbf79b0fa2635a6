import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../events/lambda-context.js';
import { sesEvent } from '../../infra/local/servers/smtp.js';
import { startTestTwin, type TestTwin } from '../../infra/local/testing/api.js';
import { compareWithExpected, loadZammadCorpus, zammadActual, type ZammadActual } from './testing/zammad.js';

// End to end: every Zammad corpus mail goes through the inbound handler against the twin (raw
// object in the inbound bucket + SES event), then what was STORED is read back (ticket subject;
// message sender, text, HTML presence; attachment bytes from the bucket, quarantined ones included)
// and compared with the .yml.
//
// Exceptions, by design: auto-replies, mailing-list mail and bounces never become tickets (they are
// `ignored` / `bounced`); for those the pipeline's own parse of the stored raw message is compared.
// The subject compared is the one stored on the mail's message (a ticket keeps its first subject,
// capped at 200 characters; every emailed message keeps its own, up to 2,000).
// The other mismatches are parse-level: see knownExceptions in shared/mail/corpus.test.ts (same mails, same reasons).

let test: TestTwin;
let s3: S3Client;

beforeAll(async () => {
  test = await startTestTwin('mail-corpus');
  const { state } = test.twin;
  s3 = new S3Client({ endpoint: state.endpoints.s3, region: state.region, forcePathStyle: true });
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

async function bytesOf(bucket: string, key: string): Promise<Uint8Array> {
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return got.Body!.transformToByteArray();
}

describe('zammad corpus through the inbound pipeline', () => {
  it('stores what Zammad expects for at least 100 of the 106 mails (exceptions: knownExceptions in corpus.test.ts)', async () => {
    const corpus = loadZammadCorpus();
    expect(corpus.length).toBe(106);
    const { state } = test.twin;
    const { handler } = await import('../../functions/mail/inbound.js');
    const { InboundMessage } = await import('../db/entities/inbound-message.js');
    const { TicketMessage } = await import('../db/entities/ticket-message.js');
    const { TicketAttachment } = await import('../db/entities/ticket-attachment.js');
    const { mailAttachmentId } = await import('./inbound-attachments.js');
    const { parseMail } = await import('./parse.js');
    const failures: string[] = [];
    let passed = 0;
    for (const mail of corpus) {
      const id = `zammad${mail.id.replace(/\D/g, '')}`;
      const key = `inbound/${id}`;
      const raw = Buffer.from(mail.raw);
      await s3.send(new PutObjectCommand({ Bucket: state.buckets.inbound, Key: key, Body: raw }));
      const event = await sesEvent(raw, id, 'sender@example.net', ['support@cloudmanager.example'], state.region, state.buckets.inbound, key);
      const { outcomes } = (await handler(event, lambdaContext('mail-inbound'))) as { outcomes: string[] };
      const { data: item } = await InboundMessage.get({ messageId: id }).go({ consistent: true });
      let actual: ZammadActual;
      if (outcomes[0] === 'created' || outcomes[0] === 'replied') {
        const { data: messages } = await TicketMessage.query.byTicket({ ticketId: item!.ticketId! }).go({ pages: 'all' });
        const message = messages.find((m) => m.messageId === item!.ticketMessageId)!;
        const { data: files } = await TicketAttachment.query.byTicket({ ticketId: item!.ticketId! }).go({ pages: 'all' });
        const ours = new Set(Array.from({ length: 200 }, (_, i) => mailAttachmentId(item!.receivedAt, id, i)));
        const stored = files.filter((f) => ours.has(f.attachmentId));
        const original = stored.find((f) => f.visibility === 'internal' && f.status === 'available' && f.fileName === 'message.html');
        const attachments = await Promise.all(stored.map((f) => bytesOf(state.buckets.attachments, f.s3Key)));
        const subject = message.subject ?? '';
        actual = {
          fromEmail: message.fromEmail ?? '',
          fromName: message.fromName ?? '',
          subject,
          contentType: message.html ? 'text/html' : 'text/plain',
          text: message.body,
          ...(message.html !== undefined ? { html: message.html } : {}),
          ...(original ? { originalHtml: new TextDecoder().decode(await bytesOf(state.buckets.attachments, original.s3Key)) } : {}),
          attachments,
        };
      } else {
        actual = zammadActual(await parseMail(mail.raw));
      }
      const bad = compareWithExpected(mail.expected, actual);
      if (bad.length) failures.push(`${mail.id} (${outcomes[0]}): ${bad.join(', ')}`);
      else passed++;
    }
    console.log(`zammad corpus: ${passed}/${corpus.length}`);
    if (failures.length) console.log(`not matching:\n${failures.join('\n')}`);
    expect(passed).toBeGreaterThanOrEqual(100);
  }, 600_000);
});
