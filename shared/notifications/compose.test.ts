import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { composeMail } from './compose.js';

const base = { to: { email: 'alice@example.com', name: 'Alice' }, subject: 'Re: Printer', text: 'Hello text', html: '<p>Hello html</p>' };

describe('composeMail', () => {
  it('threads the mail: Message-ID, In-Reply-To, References, Reply-To with the token, both parts', async () => {
    const { raw, messageId } = await composeMail({
      ...base,
      ticket: { number: '482913', replyToken: 'abcdefghij', rootMessageId: 'root@customer.example', mailbox: 'help@cloudmanager.example' },
      inReplyTo: 'latest@customer.example',
      automatic: false,
    });
    const mail = await PostalMime.parse(raw);
    expect(mail.messageId).toBe(`<${messageId}>`);
    expect(messageId).toMatch(/^n\.482913\.[0-9a-f]+@cloudmanager\.example$/);
    expect(mail.inReplyTo).toBe('<latest@customer.example>');
    expect(mail.references).toBe('<root@customer.example> <latest@customer.example>');
    expect(mail.replyTo).toEqual([{ address: 'help+abcdefghij@cloudmanager.example', name: '' }]);
    expect(mail.from).toMatchObject({ address: 'help@cloudmanager.example' });
    expect(mail.subject).toBe('Re: Printer [#482913]');
    expect(mail.text?.trim()).toBe('Hello text');
    expect(mail.html).toContain('<p>Hello html</p>');
    expect(mail.headers.map((h) => h.key)).not.toContain('auto-submitted');
  });

  it('marks automatic mails Auto-Submitted and keeps one subject marker', async () => {
    const { raw } = await composeMail({ ...base, subject: 'Received [#7]', ticket: { number: '7', replyToken: 'tok' }, automatic: true });
    const mail = await PostalMime.parse(raw);
    const header = (key: string) => mail.headers.find((h) => h.key === key)?.value;
    expect(header('auto-submitted')).toBe('auto-replied');
    expect(header('x-auto-response-suppress')).toBe('All');
    expect(mail.subject).toBe('Received [#7]');
    expect(mail.replyTo?.[0]?.address).toBe('support+tok@cloudmanager.example');
    expect(mail.inReplyTo).toBeUndefined();
  });
});
