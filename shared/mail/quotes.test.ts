import { describe, expect, it } from 'vitest';
import { findQuoteStart } from './quotes.js';

const at = (text: string, marker: string) => text.indexOf(marker);

describe('findQuoteStart', () => {
  it('finds "> " quoted lines', () => {
    const text = 'Thanks, that works.\n\n> Please try again.\n> Support';
    expect(findQuoteStart(text)).toBe(at(text, '> Please'));
  });

  it('finds Gmail "On … wrote:", also when wrapped over two lines', () => {
    const text = 'Yes.\n\nOn Mon, 3 Feb 2025 at 10:00, Support <support@cloudmanager.example> wrote:\n> Hi';
    expect(findQuoteStart(text)).toBe(at(text, 'On Mon'));
    const wrapped = 'Yes.\n\nOn Mon, 3 Feb 2025 at 10:00, Support\n<support@cloudmanager.example> wrote:\n> Hi';
    expect(findQuoteStart(wrapped)).toBe(at(wrapped, 'On Mon'));
  });

  it('finds German and French intros', () => {
    const de = 'Danke!\n\nAm 03.02.2025 um 10:00 schrieb Support <support@cloudmanager.example>:\n> Hallo';
    expect(findQuoteStart(de)).toBe(at(de, 'Am 03'));
    const fr = 'Merci.\n\nLe lun. 3 févr. 2025 à 10:00, Support <support@cloudmanager.example> a écrit :\n> Bonjour';
    expect(findQuoteStart(fr)).toBe(at(fr, 'Le lun'));
  });

  it('finds "-----Original Message-----" and Outlook From/Sent blocks', () => {
    const original = 'See below.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nHi';
    expect(findQuoteStart(original)).toBe(at(original, '-----Original'));
    const outlook = 'See below.\r\n\r\nFrom: Support <support@cloudmanager.example>\r\nSent: Monday, February 3, 2025 10:00\r\nTo: Ann\r\nSubject: Re: VPN\r\n\r\nHi';
    expect(findQuoteStart(outlook)).toBe(at(outlook, 'From: Support'));
    const german = 'Siehe unten.\n\nVon: Support\nGesendet: Montag, 3. Februar 2025 10:00\nAn: Ann';
    expect(findQuoteStart(german)).toBe(at(german, 'Von: Support'));
  });

  it('returns undefined when nothing is quoted or everything is', () => {
    expect(findQuoteStart('Hello,\nthe server is down.\nFrom: me (not a header block)')).toBeUndefined();
    expect(findQuoteStart('> only a quote\n> nothing new')).toBeUndefined();
  });
});
