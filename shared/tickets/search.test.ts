import { describe, expect, it } from 'vitest';
import { emailTerm, foldText, maxSubjectWords, searchKeyItems, subjectTermChanges, subjectWords, tagTerm, ticketTerms } from './search.js';

describe('ticket search terms', () => {
  it('fold case and accents, split on punctuation', () => {
    // Assess
    expect(foldText('Imprimante  HS — Étage 2!')).toBe('imprimante hs etage 2');
  });

  it('keep distinct words of two characters or more, without stop-words', () => {
    // Act
    const words = subjectWords('The printer is not printing: the PRINTER on 3rd floor, a 5 de plus');

    // Assess
    expect(words).toEqual(['printer', 'printing', '3rd', 'floor', 'plus']);
  });

  it('index Arabic and Cyrillic words', () => {
    // Assess
    expect(subjectWords('Принтер не работает')).toEqual(['принтер', 'не', 'работает']);
    expect(subjectWords('الطابعة معطلة')).toEqual(['الطابعة', 'معطلة']);
  });

  it('cap the number of subject words', () => {
    // Act
    const words = subjectWords(Array.from({ length: 30 }, (_, i) => `word${i}`).join(' '));

    // Assess
    expect(words).toHaveLength(maxSubjectWords);
  });

  it('cover subject words, requester email and tags', () => {
    // Act
    const terms = ticketTerms({ subject: 'VPN down', requesterEmail: ' Bob@X.com ', tags: ['Network', 'network'] });

    // Assess
    expect(terms).toEqual(['w:vpn', 'w:down', 'e:bob@x.com', 't:network']);
    expect(emailTerm('A@B.C')).toBe('e:a@b.c');
    expect(tagTerm(' VIP ')).toBe('t:vip');
  });

  it('tell which word keys change with a subject', () => {
    // Act
    const changes = subjectTermChanges('Printer jammed', 'Printer on fire');

    // Assess
    expect(changes).toEqual({ add: ['w:fire'], remove: ['w:jammed'] });
  });

  it('build Put and Delete transaction items keyed by term, creation time and ticket', () => {
    // Act
    const [put] = searchKeyItems({ ticketId: 't-1', createdAt: '2026-11-01T10:00:00.000Z' }, ['w:vpn'], 'put');
    const [del] = searchKeyItems({ ticketId: 't-1', createdAt: '2026-11-01T10:00:00.000Z' }, ['w:vpn'], 'delete');

    // Assess
    expect(put?.Put?.Item).toMatchObject({ term: 'w:vpn', ticketId: 't-1', createdAt: '2026-11-01T10:00:00.000Z' });
    expect(put?.Put?.Item?.pk).toBe(del?.Delete?.Key?.pk);
    expect(put?.Put?.Item?.sk).toBe(del?.Delete?.Key?.sk);
  });
});
