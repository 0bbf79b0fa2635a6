/** Small, pure helpers shared by the harness and its test. No I/O here. */

export type Verdict = 'ok' | 'over' | 'info';

export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The q-quantile (0..1) by nearest rank. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
  return sorted[rank]!;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length ? sum / values.length : Number.NaN;
}

/** value / reference; NaN when the reference is not a positive finite number. */
export function ratio(value: number, reference: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(reference) || reference <= 0) return Number.NaN;
  return value / reference;
}

/** `ok` when measured ≤ limit, `over` when above it, `info` when there is no limit. NaN is `over`. */
export function verdict(measured: number, limit: number | undefined): Verdict {
  if (limit === undefined) return 'info';
  return measured <= limit ? 'ok' : 'over';
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (millis: number) => `${millis.toFixed(1)} ms`;
export const us = (micros: number) => `${micros.toFixed(1)} µs`;
export const times = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');
