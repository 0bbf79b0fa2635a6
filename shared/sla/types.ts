/**
 * The SLA engine's shapes (issue 7), shared by the business-time arithmetic, the engine that keeps
 * a ticket's due times, the sweeps, the metrics and the admin API. Times are ISO strings (UTC);
 * durations are whole minutes.
 */

/** `HH:MM` (24 h) in the calendar's timezone; `end` is exclusive and may be `24:00`. */
export interface TimeRange {
  start: string;
  end: string;
}

export interface Holiday {
  /** `YYYY-MM-DD`; with `recurring`, only month and day count (every year). */
  date: string;
  name: string;
  recurring: boolean;
}

export interface CalendarShape {
  calendarId: string;
  name: string;
  /** IANA zone, e.g. Africa/Algiers, Asia/Tashkent, Europe/Kyiv. */
  timezone: string;
  /** `always`: 24/7 (hours and holidays ignored). */
  mode: 'business' | 'always';
  /** Index 0 = Monday … 6 = Sunday; several ranges a day, not overlapping, sorted. */
  week: TimeRange[][];
  holidays: Holiday[];
}

export const slaTargets = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTargetName = (typeof slaTargets)[number];

export interface EscalationRules {
  raisePriority: boolean;
  /** Move the ticket to this support group on breach. */
  moveToGroupId?: string;
  assignToLead: boolean;
  notifyManagers: boolean;
}

export interface PolicyShape {
  policyId: string;
  name: string;
  /** Match: priority always; the optional ones narrow it (most specific wins). */
  priority: 'low' | 'medium' | 'high' | 'urgent';
  categoryId?: string;
  customerGroupId?: string;
  customerId?: string;
  calendarId: string;
  /** Business minutes of the calendar; absent = no such target. */
  targets: Partial<Record<SlaTargetName, number>>;
  /** Statuses that stop the clock (default waiting_on_customer, on_hold). */
  pauseStatuses: string[];
  /** Percent of a target after which the assignee is warned (default 80). */
  warningPercent: number;
  escalation: EscalationRules;
  active: boolean;
}

/** One target's clock on one ticket. */
export interface TargetClock {
  /** Business minutes allowed. */
  targetMinutes: number;
  /** When this clock started (ticket creation; for next response: the customer's message). */
  startedAt: string;
  /** Business minutes consumed up to `countedTo` (pauses excluded). */
  consumedMinutes: number;
  countedTo: string;
  /** Business minutes spent paused, for display. */
  pausedMinutes: number;
  state: 'running' | 'paused' | 'met' | 'breached';
  /** While running: when it breaches; when the warning is due. */
  dueAt?: string;
  warnAt?: string;
  warnedAt?: string;
  metAt?: string;
  breachedAt?: string;
  /** Business minutes from start to met (metrics). */
  elapsedMinutes?: number;
}

/** Stored on the ticket (`sla`), recomputed on every change of the ticket. */
export interface TicketSla {
  policyId: string;
  calendarId: string;
  /** Each cycle of the next-response target (one per customer message) gets a new number. */
  nextResponseCycle: number;
  clocks: Partial<Record<SlaTargetName, TargetClock>>;
  /** The earliest pending warn/due time: also the ticket's key in the sparse `due` index. */
  nextCheckAt?: string;
}

/** The partition of the sparse `due` index for SLA checks (`duesk` = `<nextCheckAt>#<ticketId>`). */
export const slaDuePartition = 'sla';
