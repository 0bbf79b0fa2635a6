import type { TFunction } from 'i18next';

/** Whole minutes as `35 min`, `2 h 5 min` or `3 d 4 h` in the reader's language. */
export function formatMinutes(t: TFunction, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t('slaDesk.duration.minutes', { m });
  if (m < 1440) return t('slaDesk.duration.hours', { h: Math.floor(m / 60), m: m % 60 });
  return t('slaDesk.duration.days', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}
