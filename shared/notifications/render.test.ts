import { describe, expect, it } from 'vitest';
import { defaultTemplates } from './defaults.js';
import { templateEvents, templateLanguages, templateVariables } from './events.js';
import { renderMail, substitute } from './render.js';

describe('template rendering', () => {
  it('substitutes declared variables only, as data', () => {
    const out = substitute('Hi {{contact_name}} {{constructor}} {{__proto__}} {{#each x}}{{/each}} {{toString}}', 'ticket_received', { contact_name: '{{ticket_number}}' });
    expect(out).toBe('Hi {{ticket_number}} {{constructor}} {{__proto__}} {{#each x}}{{/each}} {{toString}}');
  });

  it('never reads inherited properties: a declared name missing from the values is empty', () => {
    const values = Object.create({ contact_name: 'inherited' }) as Record<string, string>;
    expect(substitute('[{{contact_name}}]', 'ticket_received', values)).toBe('[]');
  });

  it('escapes values in the HTML part, not in the text part', () => {
    const mail = renderMail('agent_reply', 'en', { subject: 'S {{ticket_subject}}', body: 'Body:\n\n{{reply_body}}' }, { reply_body: '<script>alert(1)</script> & "q"', ticket_subject: 'a\r\nBcc: x' }, 'https://x.example/t?a=1&b=2');
    expect(mail.text).toContain('<script>alert(1)</script> & "q"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;');
    expect(mail.html).toContain('href="https://x.example/t?a=1&amp;b=2"');
    expect(mail.subject).toBe('S a Bcc: x');
    expect(mail.text).toContain('View the ticket: https://x.example/t?a=1&b=2');
  });

  it('lays Arabic out right to left', () => {
    const mail = renderMail('ticket_received', 'ar', defaultTemplates.ticket_received.ar, { contact_name: 'سارة' }, 'https://x.example');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.html).toContain('lang="ar"');
    expect(mail.html).toContain('عرض التذكرة');
  });

  it('has a default in every language using only the event’s variables', () => {
    for (const event of templateEvents) {
      for (const language of templateLanguages) {
        const t = defaultTemplates[event][language];
        for (const m of `${t.subject} ${t.body}`.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) expect(templateVariables[event]).toContain(m[1]);
      }
    }
  });
});
