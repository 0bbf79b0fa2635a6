import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable, parseMail } from './parse.js';

const mail = (text: string) => new TextEncoder().encode(text.replace(/\n/g, '\r\n'));

describe('parseMail', () => {
  it('reads addresses, subject, ids, html and inline images', async () => {
    const parsed = await parseMail(
      mail(`From: =?utf-8?Q?J=C3=BCrgen_M=C3=BCller?= <Juergen@Example.COM>
To: Support <support+abc123@cloudmanager.example>
Cc: Ann <ANN@example.com>, bob@example.com
Subject: =?utf-8?B?UsO8Y2tmcmFnZQ==?= [#482913]
Message-ID: <ABC.123@Mail.Example.com>
In-Reply-To: <n.482913.x@cloudmanager.example>
References: <root@cloudmanager.example>
 <N.482913.X@cloudmanager.example>
MIME-Version: 1.0
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: text/html; charset=utf-8

<p>Hallo <img src="cid:logo@x"> <img src="https://t.example/p.gif"></p>
--rel
Content-Type: image/png
Content-ID: <logo@x>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--rel--
`),
    );
    expect(parsed.from).toEqual({ email: 'juergen@example.com', name: 'Jürgen Müller' });
    expect(parsed.to).toEqual([{ email: 'support+abc123@cloudmanager.example', name: 'Support' }]);
    expect(parsed.cc.map((a) => a.email)).toEqual(['ann@example.com', 'bob@example.com']);
    expect(parsed.subject).toBe('Rückfrage [#482913]');
    expect(parsed.messageId).toBe('abc.123@mail.example.com');
    expect(parsed.inReplyTo).toEqual(['n.482913.x@cloudmanager.example']);
    expect(parsed.references).toEqual(['root@cloudmanager.example', 'n.482913.x@cloudmanager.example']);
    expect(parsed.contentType).toBe('text/html');
    expect(parsed.html).toContain('src="cid:logo@x"');
    expect(parsed.hasRemoteImages).toBe(true);
    expect(parsed.text).toContain('Hallo');
    const image = parsed.attachments.find((a) => a.contentType === 'image/png');
    expect(image).toMatchObject({ disposition: 'inline', contentId: 'logo@x', fileName: 'image-1.png' });
    expect(parsed.attachments.find((a) => a.originalBody)?.fileName).toBe('message.html');
    expect(parsed.classification).toBe('human');
    expect(parsed.broken).toBe(false);
  });

  it('decodes raw 8-bit Latin-1 headers and UTF-7 bodies', async () => {
    const head = new TextEncoder().encode('From: a@example.com\r\nSubject: Gr');
    const tail = new TextEncoder().encode(
      'n\r\nContent-Type: text/plain; charset=utf-7\r\n\r\nGr+APw-n ist sch+APY-n\r\n> old\r\n',
    );
    const raw = new Uint8Array([...head, 0xfc, ...tail]);
    const parsed = await parseMail(raw);
    expect(parsed.subject).toBe('Grün');
    expect(parsed.contentType).toBe('text/plain');
    expect(parsed.html).toBeUndefined();
    expect(parsed.text).toContain('Grün ist schön');
    expect(parsed.quoteStart).toBe(parsed.text.indexOf('> old'));
  });

  it('keeps attachment bytes exactly and names nameless parts', async () => {
    const parsed = await parseMail(
      mail(`From: a@example.com
Subject: files
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain

see attached
--b
Content-Type: text/csv
Content-Disposition: attachment; filename="../../etc/report.csv"

a;b
1;2
--b
Content-Type: application/pdf
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b--
`),
    );
    const [csv, pdf] = parsed.attachments;
    expect(csv?.fileName).toBe('report.csv');
    // Unlabelled (7bit) text: lines as LF; the line break before the boundary is not content.
    expect(new TextDecoder().decode(csv?.content)).toBe('a;b\n1;2');
    expect(pdf?.fileName).toBe('attachment-2.pdf');
    expect(new TextDecoder().decode(pdf?.content)).toBe('%PDF-1.4\n');
  });

  it('never throws on broken MIME: the raw message is attached', async () => {
    const raw = mail(`From: Broken <broken@example.com>
Subject: half a mail
Content-Type: multipart/mixed; boundary="x"
`);
    const parsed = await parseMail(raw);
    expect(parsed.from.email).toBe('broken@example.com');
    expect(parsed.subject).toBe('half a mail');
    expect(parsed.broken).toBe(true);
    expect(parsed.attachments).toEqual([
      { fileName: 'original-message.eml', contentType: 'message/rfc822', disposition: 'attachment', content: raw },
    ]);
  });
});

const bytes = (...parts: (string | Uint8Array)[]) =>
  new Uint8Array(parts.flatMap((p) => [...(typeof p === 'string' ? new TextEncoder().encode(p) : p)]));
const md5 = (data: Uint8Array | undefined) => createHash('md5').update(data ?? new Uint8Array()).digest('hex');

describe('parseMail: exact bytes of 8bit, binary and quoted-printable parts', () => {
  // CR, LF, CRLF, bare CR at a line end and high bytes: everything a line-based reader breaks.
  const binary = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0xff, 0x00, 0x0d, 0x0d, 0x0a, 0x0a, 0x80, 0x0d, 0x0a, 0x41]);

  it('keeps an 8bit / binary attachment byte for byte (MD5)', async () => {
    for (const encoding of ['8bit', 'binary']) {
      const raw = bytes(
        'From: a@example.com\r\nSubject: pdf\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n',
        '--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n',
        `--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n`,
        binary,
        '\r\n--b--\r\n',
      );
      const pdf = (await parseMail(raw)).attachments.find((a) => a.contentType === 'application/pdf');
      expect(md5(pdf?.content)).toBe(md5(binary));
    }
  });

  it('decodes quoted-printable keeping the sender\'s line breaks (CRLF stays CRLF)', async () => {
    expect(new TextDecoder().decode(decodeQuotedPrintable(bytes('a=3Db=\r\nc\r\nd=0A=\r\ne =\n')))).toBe('a=bc\r\nd\ne ');
    const raw = bytes(
      'From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n',
      'Content-Type: application/pdf\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n',
      '%PDF=0A=\r\n0000 f\r\n=FF=00end\r\n--b--\r\n',
    );
    const pdf = (await parseMail(raw)).attachments[0];
    expect([...(pdf?.content ?? [])]).toEqual([...bytes('%PDF\n0000 f\r\n', new Uint8Array([0xff, 0]), 'end')]);
  });
});

describe('parseMail: charsets', () => {
  it('reads Shift_JIS bytes labelled ISO-2022-JP (headers, encoded words, body)', async () => {
    const tool = new Uint8Array([0x83, 0x63, 0x81, 0x5b, 0x83, 0x8b]); // ツール in Shift_JIS
    const word = Buffer.from(tool).toString('base64');
    const raw = bytes(
      `From: =?ISO-2022-JP?B?${word}?= <bar@example.org>\r\nSubject: `,
      tool,
      '\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\n',
      tool,
      '\r\n',
    );
    const parsed = await parseMail(raw);
    expect(parsed.from.name).toBe('ツール');
    expect(parsed.subject).toBe('ツール');
    expect(parsed.text.trim()).toBe('ツール');
  });

  it('still decodes real (7-bit) ISO-2022-JP', async () => {
    const raw = bytes('From: a@example.com\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\n\x1b$B%D!<%k\x1b(B\r\n');
    expect((await parseMail(raw)).text.trim()).toBe('ツール');
  });

  it('reads a stray byte in UTF-8 text as Windows-1252 instead of U+FFFD', async () => {
    const raw = bytes('From: a@example.com\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nK', new Uint8Array([0xf6]), 'ln \u00fcber\r\n');
    expect((await parseMail(raw)).text.trim()).toBe('Köln über');
  });

  it('falls back to UTF-8 when the declared charset does not fit the bytes', async () => {
    const { decodeCharset } = await import('./charsets.js');
    // 0xC4 is undefined in ISO-8859-8 (fatal decoding fails); the bytes are UTF-8.
    expect(decodeCharset(new TextEncoder().encode('\u0101'), 'iso-8859-8')).toBe('\u0101');
    expect(decodeCharset(new Uint8Array([0xe9]), 'iso-8859-1')).toBe('é');
  });

  // Statistical detection: only where the label is missing, unknown or fails strict decoding.
  const chinese = '您好，我们的服务器昨天晚上停止工作了，请尽快联系我们。';
  const russian = 'Здравствуйте! Наш сервер перестал работать вчера вечером, пожалуйста, свяжитесь с нами.';
  const encoded = (text: string, charset: string) => new Uint8Array(iconv.encode(text, charset));

  it('detects the charset of an unlabelled body (GB2312, KOI8-R, windows-1251)', async () => {
    for (const [text, charset] of [[chinese, 'gb2312'], [russian, 'koi8-r'], [russian, 'windows-1251']] as const) {
      const raw = bytes('From: a@example.com\r\nSubject: x\r\n\r\n', encoded(text, charset), '\r\n');
      expect((await parseMail(raw)).text.trim()).toBe(text);
    }
  });

  it('detects the charset under an unknown label or a UTF-8 label the bytes do not fit', async () => {
    const { decodeCharset } = await import('./charsets.js');
    expect(decodeCharset(encoded(russian, 'koi8-r'), 'x-unknown-cyrillic')).toBe(russian);
    expect(decodeCharset(encoded(chinese, 'gb2312'), 'iso-gb2312')).toBe(chinese);
    expect(decodeCharset(encoded(russian, 'windows-1251'), 'utf-8')).toBe(russian);
  });

  it('never overrides a label that decodes the bytes strictly', async () => {
    const { decodeCharset } = await import('./charsets.js');
    const cyrillic = encoded(russian, 'windows-1251');
    expect(decodeCharset(cyrillic, 'iso-8859-1')).toBe(new TextDecoder('windows-1252').decode(cyrillic));
  });

  it('keeps mostly valid UTF-8 with a stray byte as UTF-8 instead of guessing', async () => {
    const { decodeCharset } = await import('./charsets.js');
    const german = bytes('Viele Grüße aus München, schöne Woche! Preis:', new Uint8Array([0xa0]), '20 € für Sie.');
    expect(decodeCharset(german, 'utf-8')).toBe('Viele Grüße aus München, schöne Woche! Preis:\u00a020 € für Sie.');
    const mixed = bytes('äöü 差出人 ', new Uint8Array([0xe4, 0xf6, 0xfc]));
    expect(decodeCharset(mixed, 'iso-gb2312')).toBe('äöü 差出人 äöü');
  });
});

describe('parseMail: body choice', () => {
  it('takes the first HTML part as the body and keeps further HTML parts as attachments', async () => {
    const raw = bytes(
      'From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n',
      '--b\r\nContent-Type: text/html\r\n\r\n<p>first</p>\r\n',
      '--b\r\nContent-Type: text/html\r\n\r\n<p>second</p>\r\n--b--\r\n',
    );
    const parsed = await parseMail(raw);
    expect(parsed.html).toContain('first');
    expect(parsed.html).not.toContain('second');
    const extra = parsed.attachments.find((a) => a.contentType === 'text/html' && !a.originalBody);
    expect(new TextDecoder().decode(extra?.content)).toBe('<p>second</p>');
    expect(parsed.attachments.find((a) => a.originalBody)?.content).toEqual(new TextEncoder().encode('<p>first</p>'));
  });

  it('treats HTML with nothing visible (a lone remote pixel) as an empty plain-text body', async () => {
    const raw = bytes('From: a@example.com\r\nContent-Type: text/html\r\n\r\n<IMG src="http://t.example/p">\r\n');
    const parsed = await parseMail(raw);
    expect(parsed.contentType).toBe('text/plain');
    expect(parsed.html).toBeUndefined();
    expect(parsed.text.trim()).toBe('');
  });

  it('builds HTML with the images in place for text, inline image, text (Apple Mail)', async () => {
    const raw = bytes(
      'From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n',
      '--b\r\nContent-Type: text/plain\r\n\r\nbefore <1>\r\n',
      '--b\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\nContent-ID: <shot@x>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n',
      '--b\r\nContent-Type: text/plain\r\n\r\nafter\r\n--b--\r\n',
    );
    const parsed = await parseMail(raw);
    expect(parsed.contentType).toBe('text/html');
    const html = parsed.html ?? '';
    expect(html.indexOf('before &lt;1&gt;')).toBeGreaterThanOrEqual(0);
    expect(html.indexOf('before')).toBeLessThan(html.indexOf('src="cid:shot@x"'));
    expect(html.indexOf('src="cid:shot@x"')).toBeLessThan(html.indexOf('after'));
    expect(parsed.text).toContain('after');
  });
});

describe('parseMail: a stray <body> tag', () => {
  it('keeps the text and HTML that come before an empty trailing <body>', async () => {
    // Arrange
    const raw = Buffer.from('From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hi B</p><body>\r\n');

    // Act
    const parsed = await parseMail(raw);

    // Assess
    expect(parsed.text.trim()).toBe('Hi B');
    expect(parsed.html).toContain('Hi B');
  });
});
