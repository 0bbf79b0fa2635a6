/**
 * Where the quoted history of a reply begins in its plain text: the first line that starts a
 * quote block (`>` lines, "On … wrote:", "-----Original Message-----", an Outlook
 * "From: … Sent: …" header block, German/French/Spanish/Dutch variants). Undefined when the
 * text quotes nothing or the quote is the whole text (nothing new was written above it).
 */

const introLines = [
  /^On\b.{0,300}\bwrote:\s*$/i,
  /^Am\b.{0,300}\bschrieb\b.{0,200}:\s*$/i,
  /^Le\b.{0,300}\ba [ée]crit\s*:\s*$/i,
  /^El\b.{0,300}\bescribi[óo]\s*:\s*$/i,
  /^Op\b.{0,300}\bschreef\b.{0,200}:\s*$/i,
  /^-{2,}\s*(Original Message|Urspr[üu]ngliche Nachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht)\s*-{2,}\s*$/i,
  /^-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Message transf[ée]r[ée])\s*-{2,}\s*$/i,
  /^_{20,}\s*$/,
];

/** "From:" then, within the next lines, "Sent:"/"Date:" (Outlook and friends, several languages). */
const fromLine = /^\*?(From|Von|De|Van)\s*:\*?\s/i;
const sentLine = /^\*?(Sent|Date|Gesendet|Datum|Envoy[ée]|Enviado|Verzonden)\s*:\*?\s/i;

export function findQuoteStart(text: string): number | undefined {
  const lines = text.split('\n');
  let offset = 0;
  let start: number | undefined;
  for (let i = 0; i < lines.length && start === undefined; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '').trim();
    const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`.trim();
    if (/^>/.test(line)) start = offset;
    else if (introLines.some((re) => re.test(line))) start = offset;
    else if (/^(On|Am|Le|El|Op)\b/i.test(line) && introLines.slice(0, 5).some((re) => re.test(joined))) start = offset;
    else if (fromLine.test(line) && lines.slice(i + 1, i + 5).some((l) => sentLine.test(l.trim()))) start = offset;
    if (start === undefined) offset += (lines[i] ?? '').length + 1;
  }
  if (start === undefined) return undefined;
  return text.slice(0, start).trim() ? start : undefined;
}
