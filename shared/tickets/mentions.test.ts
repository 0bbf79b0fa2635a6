import { describe, expect, it } from 'vitest';
import { maxMentions, mentionTokens } from './mentions.js';

describe('mentionTokens', () => {
  it('finds @handles and @emails, lower-cased and distinct, ignoring trailing punctuation', () => {
    expect(mentionTokens('@Agent please check with @manager@cloudmanager.example, then @agent.')).toEqual(['agent', 'manager@cloudmanager.example']);
    expect(mentionTokens('(@tech) and\n@admin: done')).toEqual(['tech', 'admin']);
  });

  it('does not take an email address in the text for a mention', () => {
    expect(mentionTokens('Customer wrote from bob@example.com and a.b@c.d')).toEqual([]);
  });

  it('stops at the limit', () => {
    const body = Array.from({ length: maxMentions + 5 }, (_, i) => `@user${i}`).join(' ');
    expect(mentionTokens(body)).toHaveLength(maxMentions);
  });
});
