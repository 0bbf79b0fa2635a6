/**
 * The SLA clock the desk shows times against: the browser's clock, shifted when the local twin
 * runs an SLA clock of its own (`npm start -- --sla-clock`, given in /config.json); 0 in AWS.
 */
let offsetMs = 0;

export function setSlaClockOffset(ms: number | undefined): void {
  offsetMs = ms ?? 0;
}

export const slaNowMs = (): number => Date.now() + offsetMs;
