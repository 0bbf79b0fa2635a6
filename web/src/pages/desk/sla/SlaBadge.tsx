import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../api/tickets';
import { slaNowMs } from './clock';
import { formatMinutes } from './duration';

type Sla = NonNullable<TicketView['sla']>;

/** What a list shows of a ticket's SLA: the most urgent clock, in wall-clock time from `now`. */
export function slaBadgeState(sla: Sla | undefined, now: number): { kind: 'breached' | 'due' | 'warning' | 'paused' | 'met'; minutes: number } | undefined {
  const clocks = Object.values(sla?.clocks ?? {}).filter((c) => !!c);
  if (clocks.length === 0) return undefined;
  const late = clocks
    .filter((c) => c.state !== 'met' && c.state !== 'paused' && (c.breachedAt || (c.dueAt && Date.parse(c.dueAt) <= now)))
    .map((c) => now - Date.parse(c.dueAt ?? c.breachedAt!));
  if (late.length > 0) return { kind: 'breached', minutes: Math.max(...late) / 60_000 };
  const running = clocks.filter((c) => c.state === 'running' && c.dueAt).sort((a, b) => a.dueAt!.localeCompare(b.dueAt!))[0];
  if (running) {
    const warned = !!running.warnedAt || (!!running.warnAt && Date.parse(running.warnAt) <= now);
    return { kind: warned ? 'warning' : 'due', minutes: (Date.parse(running.dueAt!) - now) / 60_000 };
  }
  if (clocks.some((c) => c.state === 'paused')) return { kind: 'paused', minutes: 0 };
  return clocks.every((c) => c.state === 'met') ? { kind: 'met', minutes: 0 } : undefined;
}

const colour = { breached: 'red', warning: 'orange', due: 'blue', paused: 'gray', met: 'green' } as const;

/** "Due in 2 h" / "Breached 35 min" on ticket lists (staff). */
export function SlaBadge({ sla, now = slaNowMs() }: { sla: TicketView['sla']; now?: number }) {
  const { t } = useTranslation();
  const state = slaBadgeState(sla, now);
  if (!state) return <>—</>;
  const time = formatMinutes(t, state.minutes);
  const text =
    state.kind === 'breached'
      ? t('slaDesk.badge.breached', { time })
      : state.kind === 'paused'
        ? t('slaDesk.badge.paused')
        : state.kind === 'met'
          ? t('slaDesk.badge.met')
          : t('slaDesk.badge.dueIn', { time });
  return (
    <Badge size="sm" variant={state.kind === 'breached' ? 'filled' : 'light'} color={colour[state.kind]} data-testid="sla-badge" data-sla={state.kind} aria-label={t('slaDesk.badge.label', { text })} style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}>
      <bdi>{text}</bdi>
    </Badge>
  );
}
