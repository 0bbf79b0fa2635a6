/**
 * Allowlist sanitiser for mail HTML (sanitize-html). What survives is plain formatting: no
 * script, style sheet, frame, object, form, SVG or MathML, no `on*` handler, no URL scheme but
 * http(s)/mailto/tel (images: cid and inline png/gif/jpeg/webp data). Remote images are
 * disabled (`data-remote-src`) so opening a mail tells the sender nothing; links open in a new
 * tab without referrer. The web app still renders the result only in a sandboxed iframe.
 */
import sanitizeHtml from 'sanitize-html';

export interface SanitizedHtml {
  html: string;
  hasRemoteImages: boolean;
}

const tags = [
  'a', 'abbr', 'address', 'b', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col',
  'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt',
  'u', 'ul',
];

/** Dropped with everything inside them (not just the tag). */
const dropWithContent = [
  'script', 'style', 'head', 'title', 'xml', 'noscript', 'template', 'textarea', 'option', 'select',
  'iframe', 'frame', 'frameset', 'noframes', 'object', 'embed', 'applet', 'svg', 'math', 'button',
];

/** A CSS value without url(), expression(), escapes or imports. */
const safeCss = [/^(?!.*(?:url|expression|javascript|vbscript|@import|behavior|-moz-binding))[#\w\s(),.%'"!+\-/]*$/i];
const styleProperties = [
  'color', 'background-color', 'font', 'font-family', 'font-size', 'font-style', 'font-weight',
  'text-align', 'text-decoration', 'text-indent', 'line-height', 'white-space', 'vertical-align',
  'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding', 'padding-top',
  'padding-right', 'padding-bottom', 'padding-left', 'border', 'border-top', 'border-right',
  'border-bottom', 'border-left', 'border-color', 'border-style', 'border-width', 'border-collapse',
  'width', 'height', 'max-width', 'list-style-type', 'direction',
];

const inlineImage = /^data:image\/(png|gif|jpeg|webp)[;,]/i;
const remote = /^(https?:)?\/\//i;

export function sanitizeMailHtml(dirty: string): SanitizedHtml {
  let hasRemoteImages = false;
  const html = sanitizeHtml(dirty, {
    allowedTags: tags,
    nonTextTags: dropWithContent,
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      '*': ['style', 'dir', 'lang', 'title', 'align', 'class'],
      a: ['href', 'name', 'rel', 'target'],
      img: ['src', 'alt', 'width', 'height', 'data-remote-src'],
      font: ['color', 'face', 'size'],
      table: ['border', 'cellpadding', 'cellspacing', 'width', 'bgcolor'],
      td: ['colspan', 'rowspan', 'valign', 'width', 'height', 'bgcolor'],
      th: ['colspan', 'rowspan', 'valign', 'width', 'height', 'bgcolor'],
      col: ['span', 'width'],
      colgroup: ['span', 'width'],
      ol: ['start', 'type'],
      blockquote: ['type', 'cite'],
    },
    allowedStyles: { '*': Object.fromEntries(styleProperties.map((p) => [p, safeCss])) },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['cid', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
      }),
      img: (tagName, attribs) => {
        const { src = '', ...rest } = attribs;
        const source = src.trim();
        delete rest['data-remote-src'];
        if (remote.test(source)) {
          hasRemoteImages = true;
          const url = source.startsWith('//') ? `https:${source}` : source;
          return { tagName, attribs: { ...rest, 'data-remote-src': url } };
        }
        if (/^cid:/i.test(source) || inlineImage.test(source)) return { tagName, attribs: { ...rest, src: source } };
        return { tagName, attribs: rest };
      },
    },
  });
  return { html, hasRemoteImages };
}
