import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSes } from './ses.js';

let ses: Awaited<ReturnType<typeof startSes>>;
let client: SESv2Client;

beforeAll(async () => {
  ses = await startSes(0);
  client = new SESv2Client({ endpoint: ses.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(() => ses.close());

describe('the local SES', () => {
  it('keeps a raw send exactly as sent (headers the emulator drops) and still stores it for the viewer', async () => {
    // Arrange
    const raw = [
      'From: Support <support@cloudmanager.example>',
      'To: zed@example.com',
      'Subject: Re: Printer [#482913]',
      'Message-ID: <n.482913.abc@cloudmanager.example>',
      'In-Reply-To: <first@mail.example>',
      'References: <first@mail.example>',
      'Auto-Submitted: auto-replied',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello Zed',
      '',
    ].join('\r\n');

    // Act
    const sent = await client.send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(raw) } } }));
    const kept = await fetch(`${ses.endpoint}/raw-email?messageId=${sent.MessageId}`);
    const store = (await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: { messageId: string; subject: string }[] };
    const missing = await fetch(`${ses.endpoint}/raw-email?messageId=nope`);

    // Assess
    expect(kept.status).toBe(200);
    expect(await kept.text()).toBe(raw);
    expect(store.emails.find((e) => e.messageId === sent.MessageId)?.subject).toBe('Re: Printer [#482913]');
    expect(missing.status).toBe(404);
  });

  it('forgets raw messages when the store is cleared', async () => {
    // Arrange
    const sent = await client.send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from('From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\nx\r\n') } } }));

    // Act
    await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' });
    const kept = await fetch(`${ses.endpoint}/raw-email?messageId=${sent.MessageId}`);

    // Assess
    expect(kept.status).toBe(404);
  });
});
