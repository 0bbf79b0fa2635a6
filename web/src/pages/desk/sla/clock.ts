/**
 * The SLA clock the desk shows times against: the browser's clock, shifted when the local twin
 * runs an SLA clock of its own (`npm start -- --sla-clock`, given in /config.json); 0 in AWS.
 */
let offsetMs = 0;

export function setSlaClockOffset(ms: number | undefined): void {
  offsetMs = ms ?? 0;
}

export const slaNowMs = (): number => Date.now() + offsetMs;

/** How a due time reads (in the calendar's zone): with the weekday, "Mon, Mar 9, 2026, 09:55 AM". */
export const dueFormat: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
