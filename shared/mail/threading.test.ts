import { describe, expect, it } from 'vitest';
import { headerIds, replyTokens, subjectNumber } from './threading.js';
import { derivedId, descriptionOf, automatedSender, maxDescriptionChars } from './intake.js';
import { firstAccount, leadCustomerId, withoutToken } from './senders.js';
import { checkMailPart, mailAttachmentId } from './inbound-attachments.js';

describe('threading keys', () => {
  it('tries In-Reply-To first, then References from the newest, normalised and deduplicated', () => {
    expect(headerIds({ inReplyTo: ['<B@x>'], references: ['a@x', 'b@x', 'c@x'] })).toEqual(['b@x', 'c@x', 'a@x']);
  });

  it('finds reply tokens only in addresses of our domain', () => {
    const token = 'abcdefghijklmnopqrst';
    expect(replyTokens([`support+${token}@cloudmanager.example`, `x+${'b'.repeat(20)}@other.example`, 'plain@cloudmanager.example'], 'cloudmanager.example')).toEqual([token]);
  });

  it('reads a [#number] subject marker', () => {
    expect(subjectNumber('Re: [#482913] Printer')).toBe('482913');
    expect(subjectNumber('Order #482913')).toBeUndefined();
  });
});

describe('senders and mailboxes', () => {
  it('picks the owner account first, then by id', () => {
    expect(firstAccount([{ customerId: 'b', role: 'technical' }, { customerId: 'c', role: 'owner' }, { customerId: 'a', role: 'billing' }])).toBe('c');
    expect(firstAccount([])).toBeUndefined();
  });

  it('derives one lead per address, whatever its case', () => {
    expect(leadCustomerId('Nadia@Prospect.example')).toBe(leadCustomerId('nadia@prospect.example'));
    expect(leadCustomerId('a@x.example')).not.toBe(leadCustomerId('b@x.example'));
  });

  it('strips the +token from a recipient', () => {
    expect(withoutToken('Support+abc@Example.com')).toBe('support@example.com');
  });
});

describe('intake helpers', () => {
  it('derives the same UUID for the same SES message id', () => {
    expect(derivedId('m1')).toBe(derivedId('m1'));
    expect(derivedId('m1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId('m1', 'follow-up')).not.toBe(derivedId('m1'));
  });

  it('cuts a long description with a note', () => {
    const cut = descriptionOf('x'.repeat(maxDescriptionChars + 10));
    expect(cut.length).toBe(maxDescriptionChars);
    expect(cut).toMatch(/continues/);
    expect(descriptionOf('  ')).toBe('(no text)');
  });

  it('never answers automated senders', () => {
    expect(automatedSender('MAILER-DAEMON@mx.example')).toBe(true);
    expect(automatedSender('postmaster@x.example')).toBe(true);
    expect(automatedSender('')).toBe(true);
    expect(automatedSender('person@x.example')).toBe(false);
  });
});

describe('mail parts', () => {
  const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
  const exe = new Uint8Array([0x4d, 0x5a, 1, 2, 3, 4]);

  it('accepts what helpdesk uploads accept, by name and content', () => {
    expect(checkMailPart({ fileName: 'report.pdf', content: pdf })).toEqual({ ok: true, contentType: 'application/pdf' });
  });

  it('refuses executables, double extensions and content that lies about its type', () => {
    expect(checkMailPart({ fileName: 'invoice.pdf.exe', content: exe })).toEqual({ ok: false, reason: 'file_type_not_allowed' });
    expect(checkMailPart({ fileName: 'invoice.pdf', content: exe })).toEqual({ ok: false, reason: 'file_type_not_allowed' });
  });

  it('gives each part a deterministic, time-sortable id', () => {
    const at = '2026-03-14T09:30:15.123Z';
    expect(mailAttachmentId(at, 'm1', 0)).toBe(mailAttachmentId(at, 'm1', 0));
    expect(mailAttachmentId(at, 'm1', 0)).toMatch(/^20260314093015123-[0-9a-f]{12}$/);
    expect(mailAttachmentId(at, 'm1', 1)).not.toBe(mailAttachmentId(at, 'm1', 0));
  });
});
