import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMail } from './classify.js';
import { parseMail } from './parse.js';
import { zammadCorpusDir } from './testing/zammad.js';

const base = { from: { email: 'ann@example.com', name: 'Ann' }, subject: 'Hello', text: 'Hi', attachments: [] };
const classify = (headers: Record<string, string>, extra: Partial<typeof base> = {}) =>
  classifyMail({ ...base, headers, ...extra }).classification;

describe('classifyMail', () => {
  it('tells auto-replies by their headers', () => {
    expect(classify({ 'auto-submitted': 'auto-replied' })).toBe('auto_reply');
    expect(classify({ 'auto-submitted': 'no' })).toBe('human');
    expect(classify({ 'x-autoreply': 'yes' })).toBe('auto_reply');
    expect(classify({ 'x-auto-response-suppress': 'All' })).toBe('auto_reply');
    expect(classify({ 'return-path': '<>' })).toBe('auto_reply');
    expect(classify({}, { subject: 'Out of Office: back Monday' })).toBe('human');
    expect(classify({ precedence: 'auto_reply' }, { subject: 'Automatic reply: VPN' })).toBe('auto_reply');
  });

  it('tells list traffic', () => {
    expect(classify({ precedence: 'bulk' })).toBe('list');
    expect(classify({ 'list-id': '<news.example.com>' })).toBe('list');
    expect(classify({ 'list-unsubscribe': '<mailto:u@example.com>' })).toBe('list');
  });

  it('reads a delivery-status report: permanent failure, recipient, detail, original Message-ID', async () => {
    const raw = new TextEncoder().encode(
      [
        'From: MAILER-DAEMON@mx.example.net',
        'To: support@cloudmanager.example',
        'Subject: Undelivered Mail Returned to Sender',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        '',
        '--r',
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        '--r',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.net',
        '',
        'Final-Recipient: rfc822; Gone@Example.org',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
        '',
        'Final-Recipient: rfc822; slow@example.org',
        'Action: delayed',
        'Status: 4.4.1',
        '--r',
        'Content-Type: text/rfc822-headers',
        '',
        'From: support@cloudmanager.example',
        'Message-ID: <N.482913.abc@cloudmanager.example>',
        '--r--',
        '',
      ].join('\r\n'),
    );
    const parsed = await parseMail(raw);
    expect(parsed.classification).toBe('bounce');
    expect(parsed.bounce).toMatchObject({
      recipients: ['gone@example.org', 'slow@example.org'],
      kind: 'permanent',
      originalMessageId: 'n.482913.abc@cloudmanager.example',
    });
    expect(parsed.bounce?.detail).toContain('550 5.1.1 user unknown');
  });

  it('reads a transient-only report as transient', () => {
    const status = new TextEncoder().encode('Final-Recipient: rfc822; slow@example.org\nAction: delayed\nStatus: 4.4.1\n');
    const result = classifyMail({
      ...base,
      headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary=x' },
      attachments: [{ fileName: 'status.txt', contentType: 'message/delivery-status', disposition: 'attachment', content: status }],
    });
    expect(result.bounce).toMatchObject({ recipients: ['slow@example.org'], kind: 'transient' });
  });

  it('classifies the corpus bounces (multipart/report and plain mailer-daemon)', async () => {
    for (const id of ['mail033-undelivered-mail-returned-to-sender', 'mail055', 'mail063']) {
      const parsed = await parseMail(new Uint8Array(readFileSync(join(zammadCorpusDir, `${id}.box`))));
      expect(parsed.classification, id).toBe('bounce');
      expect(parsed.bounce?.recipients.length, id).toBeGreaterThan(0);
    }
  });
});
