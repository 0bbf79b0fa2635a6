import type { Verdict } from './stats.js';

export interface Row {
  section: string;
  what: string;
  value: string;
  reference: string;
  ratio: string;
  target: string;
  verdict: Verdict;
}

const columns = ['what', 'value', 'reference', 'ratio', 'target', 'verdict'] as const;

/** A plain-text table, one block per section; `over` verdicts are upper-cased so misses stand out. */
export function renderTable(rows: readonly Row[]): string {
  const cell = (r: Row, c: (typeof columns)[number]) => (c === 'verdict' ? (r.verdict === 'over' ? 'OVER' : r.verdict) : r[c]);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (cells: string[]) =>
    cells.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  const out = [line([...columns]), rule];
  let section: string | undefined;
  for (const r of rows) {
    if (r.section !== section) {
      if (section !== undefined) out.push('');
      out.push(`[${r.section}]`);
      section = r.section;
    }
    out.push(line(columns.map((c) => cell(r, c))));
  }
  return out.join('\n');
}
