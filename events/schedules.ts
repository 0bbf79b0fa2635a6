import * as z from 'zod';
import { scheduleEnvelope } from './schedule-payload.js';

/**
 * The schedule table: read by CDK (EventBridge Scheduler) and by the local scheduler.
 * `expression` uses EventBridge Scheduler syntax: `rate(5 minutes)` or `cron(min hour dom mon dow year)`.
 */
export interface ScheduleDefinition<S extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  expression: `rate(${string})` | `cron(${string})`;
  /** IANA timezone in which a cron expression is read. */
  timezone: string;
  /** Validates the whole invocation payload (envelope + parameters). */
  payload: S;
  /** Fixed parameters sent with every invocation, besides the envelope. */
  parameters: Omit<z.input<S>, keyof z.infer<typeof scheduleEnvelope>>;
  /** The Lambda entry (functions/schedules/<name>.ts) exporting `handler`. */
  target: `functions/schedules/${string}.ts`;
  /** The job sends email (SES from the stage's domain; sets MAIL_FROM). */
  sendMail?: boolean;
}

function schedule<S extends z.ZodObject>(def: ScheduleDefinition<S>): ScheduleDefinition {
  return def as unknown as ScheduleDefinition;
}

export const heartbeatPayload = scheduleEnvelope.extend({ staleAfterMinutes: z.int().positive() });

export const kycExpiryPayload = scheduleEnvelope;

export const slaSweepPayload = scheduleEnvelope;

export const ticketAutomationPayload = scheduleEnvelope;

export const schedules: readonly ScheduleDefinition[] = [
  schedule({
    name: 'heartbeat',
    description: 'Proves the scheduler fires: records the run and a Heartbeat metric (alarmed when missing)',
    expression: 'rate(5 minutes)',
    timezone: 'UTC',
    payload: heartbeatPayload,
    parameters: { staleAfterMinutes: 15 },
    target: 'functions/schedules/heartbeat.ts',
  }),
  schedule({
    name: 'kyc-expiry',
    description: 'KYC documents: reminders 30 and 7 days before expiry, then expiry (customer flagged); reads only due documents',
    expression: 'cron(0 6 * * ? *)',
    // The demo organisation's timezone (infra/local/seed.ts): reminders leave at 06:00 local time.
    timezone: 'Africa/Algiers',
    payload: kycExpiryPayload,
    parameters: {},
    target: 'functions/schedules/kyc-expiry.ts',
    sendMail: true,
  }),
  schedule({
    name: 'sla',
    description: 'SLA: warns assignees, records breaches and escalates per policy; reads only tickets whose next check is due',
    expression: 'rate(1 minute)',
    timezone: 'UTC',
    payload: slaSweepPayload,
    parameters: {},
    target: 'functions/schedules/sla.ts',
    sendMail: true,
  }),
  schedule({
    name: 'ticket-automation',
    description: 'Tickets: auto-close resolved ones, remind customers who were asked something, then resolve (rules in SLA settings); reads only due timers',
    expression: 'rate(15 minutes)',
    timezone: 'UTC',
    payload: ticketAutomationPayload,
    parameters: {},
    target: 'functions/schedules/ticket-automation.ts',
    sendMail: true,
  }),
];

export function scheduleByName(name: string): ScheduleDefinition | undefined {
  return schedules.find((s) => s.name === name);
}
