import { describe, expect, it } from 'vitest';
import { createSuppression, listReviewQuery, suppressionPath, updateMailSettings } from './admin-schemas.js';

const mailbox = (address: string) => ({ address, groupId: 'grp-support', categoryId: 'cat-general' });
const valid = { mailboxes: [mailbox('support@cloudmanager.example')], unknownSender: 'lead', autoMailsPerHour: 5, maxMessageBytes: 30 * 1024 * 1024, version: 0 };
const problems = (input: unknown) => {
  const result = updateMailSettings.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('updateMailSettings', () => {
  it('accepts a valid form and lowercases addresses', () => {
    const parsed = updateMailSettings.parse({ ...valid, mailboxes: [mailbox('Support@CloudManager.Example'), mailbox('billing@cloudmanager.example')] });
    expect(parsed.mailboxes.map((m) => m.address)).toEqual(['support@cloudmanager.example', 'billing@cloudmanager.example']);
  });

  it('refuses a duplicate mailbox address, case-insensitively, at the second one', () => {
    expect(problems({ ...valid, mailboxes: [mailbox('support@x.example'), mailbox('billing@x.example'), mailbox('SUPPORT@x.example')] })).toEqual(['mailboxes.2.address']);
  });

  it('refuses "+" in the local part and invalid addresses', () => {
    expect(problems({ ...valid, mailboxes: [mailbox('support+sales@x.example'), mailbox('not-an-address')] })).toEqual(['mailboxes.0.address', 'mailboxes.1.address']);
  });

  it('needs 1 to 20 mailboxes', () => {
    expect(problems({ ...valid, mailboxes: [] })).toEqual(['mailboxes']);
    expect(problems({ ...valid, mailboxes: Array.from({ length: 21 }, (_, i) => mailbox(`box${i}@x.example`)) })).toEqual(['mailboxes']);
    expect(problems({ ...valid, mailboxes: Array.from({ length: 20 }, (_, i) => mailbox(`box${i}@x.example`)) })).toEqual([]);
  });

  it('bounds the size limit (1 MB–40 MB) and the loop guard (1–100 per hour)', () => {
    expect(problems({ ...valid, maxMessageBytes: 1024 * 1024 - 1 })).toEqual(['maxMessageBytes']);
    expect(problems({ ...valid, maxMessageBytes: 40 * 1024 * 1024 + 1 })).toEqual(['maxMessageBytes']);
    expect(problems({ ...valid, maxMessageBytes: 1.5 })).toEqual(['maxMessageBytes']);
    expect(problems({ ...valid, autoMailsPerHour: 0 })).toEqual(['autoMailsPerHour']);
    expect(problems({ ...valid, autoMailsPerHour: 101 })).toEqual(['autoMailsPerHour']);
    expect(problems({ ...valid, maxMessageBytes: 40 * 1024 * 1024, autoMailsPerHour: 100 })).toEqual([]);
  });

  it('refuses an unknown policy, a negative version and unknown fields', () => {
    expect(problems({ ...valid, unknownSender: 'accept', version: -1, extra: true })).toEqual(['unknownSender', 'version', '']);
  });
});

describe('suppression and review inputs', () => {
  it('lowercases the suppressed address and defaults the note', () => {
    expect(createSuppression.parse({ email: 'Bob@Example.COM' })).toEqual({ email: 'bob@example.com', note: '' });
  });

  it('decodes an encoded address in the path', () => {
    expect(suppressionPath.parse({ email: 'bob%40example.com' })).toEqual({ email: 'bob@example.com' });
    expect(suppressionPath.safeParse({ email: '%E0%A4%A' }).success).toBe(false);
  });

  it('needs a review kind', () => {
    expect(listReviewQuery.safeParse({}).success).toBe(false);
    expect(listReviewQuery.parse({ kind: 'quarantined' })).toEqual({ kind: 'quarantined', limit: 25 });
  });
});
