/**
 * Parse-level conformance with Zammad's mail corpus (../shared/corpus/mail/zammad): every key
 * the .yml has must match (rules in shared/mail/testing/zammad.ts). Mails we knowingly parse
 * differently are listed with the reason; the test fails when one of them starts matching.
 */
import { describe, expect, it } from 'vitest';
import { parseMail } from './parse.js';
import { compareWithExpected, loadZammadCorpus, zammadActual } from './testing/zammad.js';

/**
 * Issue 6 asks for 100/106. The six exceptions below are mails where Zammad's expected output is
 * worse than ours (undecoded UTF-7, mojibake); each says why. A From that names no mailbox is kept
 * as written, as Zammad does (parse.ts verbatimFrom): guessing an address would answer a stranger.
 */
const minimumMatching = 100;

// Each reason says what Zammad does and what we do. Where a label is missing, unknown or wrong
// we guess the charset statistically as Zammad does (charsets.ts decodeDetected), except for
// bytes that are mostly valid UTF-8: those stay UTF-8 (a guess would garble every valid character).
const knownExceptions: Record<string, string> = {
  mail018: 'UTF-7: Zammad leaves "+ANw-bermittlungsstatus" undecoded; we decode it (Übermittlungsstatus)',
  mail021: 'UTF-8 HTML with two stray bytes (cut ligatures) and a valid Russian footer: Zammad decodes it all as its ISO-8859-2 guess (footer "ĐžŃ…"); we keep UTF-8 (footer "Это сообщение…", stray bytes "î", "ï")',
  mail046: 'raw GB2312 display name: we decode it with the charset the message declares (武兰成); Zammad guesses ISO-8859-2 (mojibake)',
  mail060: 'mostly UTF-8 with four Latin-1 bytes under the unknown label iso-gb2312: Zammad decodes it all as its ISO-8859-2 guess ("Ă¤ĂśĂź - ĺˇŽĺ"); we keep UTF-8 ("äöü - 差出人 … hi\u00ad")',
  mail072: 'declared windows-1258: Zammad (Ruby has no windows-1258) guesses Windows-1250 ("ŕ"); we decode the declared charset ("à")',
  mail087: 'From without brackets ("Test test@example.com"): Zammad takes it whole, we split name and address; the part without Content-Type is text/plain for us (RFC 2045 default), an attachment for Zammad',
};

describe('zammad mail corpus (parse level)', () => {
  it('matches the expected parse results', async () => {
    const corpus = loadZammadCorpus();
    expect(corpus).toHaveLength(106);
    const mismatches: Record<string, string[]> = {};
    for (const mail of corpus) {
      const bad = compareWithExpected(mail.expected, zammadActual(await parseMail(mail.raw)));
      if (bad.length) mismatches[mail.id] = bad;
    }
    const matching = corpus.length - Object.keys(mismatches).length;
    console.log(`zammad corpus: ${matching}/${corpus.length}`);
    expect(Object.keys(mismatches).filter((id) => !knownExceptions[id])).toEqual([]);
    expect(Object.keys(knownExceptions).filter((id) => !mismatches[id])).toEqual([]);
    expect(matching).toBeGreaterThanOrEqual(minimumMatching);
  });
});
