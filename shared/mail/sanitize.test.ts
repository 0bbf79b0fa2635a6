import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from './sanitize.js';

const hostile = `
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<style>body { background: url(https://evil.example/track.png) }</style>
<p onclick="steal()">Hello <script>alert(1)</script><b>world</b></p>
<img src="x" onerror="alert(2)">
<a href="javascript:alert(3)">js link</a>
<a href="JaVaScRiPt&colon;alert(4)">encoded js link</a>
<a href="vbscript:msgbox(5)">vb link</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==">data link</a>
<svg><script>alert(7)</script><circle onload="alert(8)"/></svg>
<math><mi xlink:href="javascript:alert(9)">x</mi></math>
<form action="https://evil.example/"><input name="password"><button>Send</button></form>
<div style="width: expression(alert(10)); color: red">styled</div>
<iframe src="https://evil.example/"></iframe>
<object data="evil.swf"></object><embed src="evil.swf">
<img src="data:text/html,<script>alert(11)</script>">
`;

describe('sanitizeMailHtml', () => {
  it('removes scripts, handlers, dangerous URLs, forms, frames, svg, meta, base and css expressions', () => {
    const { html } = sanitizeMailHtml(hostile);
    for (const bad of [
      /<script/i, /alert\(/i, /\bon\w+\s*=/i, /javascript:/i, /vbscript:/i, /data:text/i, /<svg/i, /<math/i,
      /<form/i, /<input/i, /<button/i, /<style/i, /expression/i, /<iframe/i, /<object/i, /<embed/i,
      /<meta/i, /<base/i, /evil\.example/i,
    ]) {
      expect(html).not.toMatch(bad);
    }
    expect(html).toContain('<b>world</b>');
    expect(html).toContain('color:red');
  });

  it('disables remote images and keeps cid and inline image data', () => {
    const result = sanitizeMailHtml(
      '<img src="https://tracker.example/p.gif" alt="logo"><img src="//cdn.example/a.png">' +
        '<img src="cid:image001.png@01D4"><img src="data:image/png;base64,iVBORw0KGgo=">',
    );
    expect(result.hasRemoteImages).toBe(true);
    expect(result.html).not.toMatch(/\ssrc="(https?:)?\/\//);
    expect(result.html).toContain('data-remote-src="https://tracker.example/p.gif"');
    expect(result.html).toContain('data-remote-src="https://cdn.example/a.png"');
    expect(result.html).toContain('src="cid:image001.png@01D4"');
    expect(result.html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });

  it('makes links open in a new tab without referrer', () => {
    const { html, hasRemoteImages } = sanitizeMailHtml('<a href="https://example.com/x" target="_self">x</a>');
    expect(hasRemoteImages).toBe(false);
    expect(html).toBe('<a href="https://example.com/x" target="_blank" rel="noopener noreferrer nofollow">x</a>');
  });
});
