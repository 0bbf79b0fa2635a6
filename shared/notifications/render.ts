import { templateVariables, type TemplateEvent, type TemplateLanguage } from './events.js';
import type { TemplateText } from './defaults.js';

const token = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Data-only substitution in one pass: `{{name}}` becomes the value of a variable the event declares
 * (own string values only, missing ones are empty); any other token stays as written. No
 * expressions, helpers or property paths: `{{constructor}}` or `{{#each x}}` are just text.
 */
export function substitute(text: string, event: TemplateEvent, values: Readonly<Record<string, string>>, encode: (s: string) => string = (s) => s): string {
  const allowed = templateVariables[event];
  return text.replace(token, (whole, name: string) => {
    if (!allowed.includes(name)) return whole;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return encode(typeof value === 'string' ? value : '');
  });
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const labels: Record<TemplateLanguage, { view: string; footer: string }> = {
  en: { view: 'View the ticket', footer: 'You receive this email about a request you made or follow.' },
  fr: { view: 'Voir le ticket', footer: 'Vous recevez cet e-mail au sujet d’une demande que vous avez faite ou que vous suivez.' },
  ar: { view: 'عرض التذكرة', footer: 'تتلقى هذه الرسالة بخصوص طلب قدّمته أو تتابعه.' },
};

/** Paragraphs (blank lines) → `<p>`, single newlines → `<br>`; the text must already be escaped. */
function paragraphs(escaped: string, align: string): string {
  return escaped
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p style="margin:0 0 16px 0;text-align:${align};">${p.replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * Renders a template: subject (one line), text part (body + link) and HTML part (a small
 * table-layout page with inline styles, `dir="rtl"` for Arabic, escaped values, a button link).
 */
export function renderMail(event: TemplateEvent, language: TemplateLanguage, template: TemplateText, values: Readonly<Record<string, string>>, link?: string): RenderedMail {
  const subject = substitute(template.subject, event, values).replace(/[\r\n\t]+/g, ' ').trim();
  const body = substitute(template.body, event, values);
  const l = labels[language];
  const text = link ? `${body}\n\n${l.view}: ${link}\n` : `${body}\n`;
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  const align = dir === 'rtl' ? 'right' : 'left';
  const bodyHtml = paragraphs(substitute(escapeHtml(template.body), event, values, escapeHtml), align);
  const button = link
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 0 0;"><tr><td style="background:#1c7ed6;border-radius:4px;"><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;color:#ffffff;text-decoration:none;font-weight:bold;">${escapeHtml(l.view)}</a></td></tr></table>`
    : '';
  const html = `<!DOCTYPE html>
<html lang="${language}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f3f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f1f3f5;"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" dir="${dir}" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;">
<tr><td dir="${dir}" style="padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#212529;text-align:${align};">
${bodyHtml}
${button}
</td></tr>
<tr><td dir="${dir}" style="padding:12px 24px;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#868e96;text-align:${align};">${escapeHtml(l.footer)}</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
  return { subject, text, html };
}
