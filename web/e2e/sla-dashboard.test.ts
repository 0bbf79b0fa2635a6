/**
 * Browser test of the SLA dashboard and the overdue queue against the REAL local twin with the
 * demo data: a ticket whose first response and resolution were met and a recorded breach go
 * through the change feed into the SLA metrics; the manager opens the dashboard from the
 * navigation (KPI cards filled, the three charts drawn as SVG), then the desk's Overdue tab.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/i18n/locales/en';
import { assertRunnable, haveChromium, mustRun, newPage, signIn, startAppWithTwin, warnSkipped, type AppWithTwin } from './support';

warnSkipped('sla-dashboard');

const MANAGER = 'manager@cloudmanager.example';

describe.skipIf(!haveChromium && !mustRun)('SLA dashboard and overdue queue (issue 7) against the local twin, in Chromium', () => {
  let env: AppWithTwin | undefined;
  const failedCalls: string[] = [];

  beforeAll(async () => {
    assertRunnable();
    env = await startAppWithTwin('sla-dashboard', { demoData: true });
    // Metric sources written as the engine and the sweep write them, on today's UTC day (the dashboard's default range ends today).
    const day = new Date().toISOString().slice(0, 10);
    const at = (hhmm: string) => `${day}T${hhmm}:00.000Z`;
    const { Ticket } = await import('../../shared/db/entities/ticket');
    const { SlaBreach } = await import('../../shared/db/entities/sla-breach');
    const clock = { startedAt: at('00:00'), consumedMinutes: 0, countedTo: at('00:00'), pausedMinutes: 0 };
    const sla = (clocks: Record<string, unknown>) => ({ policyId: 'p1', calendarId: 'c1', nextResponseCycle: 0, clocks });
    await Ticket.create({
      ticketId: 'sla-e2e-1', number: '900001', subject: 'Printer offline', description: 'Since Monday.', customerId: 'sla-e2e', requesterEmail: 'a@example.com',
      channel: 'web', categoryId: 'k1', groupId: 'g1', assigneeKey: 'unassigned#g1', createdBy: 'u0', sla: sla({}),
    }).go();
    await Ticket.patch({ ticketId: 'sla-e2e-1' }).set({
      sla: sla({
        firstResponse: { ...clock, targetMinutes: 60, state: 'met', metAt: at('00:20'), elapsedMinutes: 20 },
        resolution: { ...clock, targetMinutes: 60, state: 'met', metAt: at('02:00'), elapsedMinutes: 120 },
      }),
    }).go();
    await SlaBreach.create({
      ticketId: 'sla-e2e-1', target: 'resolution', cycle: 0, policyId: 'p1', dueAt: at('01:00'), breachedAt: at('01:01'), lateMinutes: 1,
      priority: 'high', groupId: 'g1', categoryId: 'k1', day,
    }).go();
    await env.twin.gateway.feed.drain();
  }, 240_000);

  afterAll(async () => {
    if (failedCalls.length) console.warn(`[web/e2e/sla-dashboard] API answers >= 400:\n  ${failedCalls.join('\n  ')}`);
    await env?.stop();
  });

  it('shows KPIs and draws the charts, then the overdue queue', async () => {
    const page = await signIn(env!, await newPage(env!, failedCalls, { width: 1440 }), MANAGER);
    await page.getByRole('navigation').getByRole('link', { name: en.nav.slaDashboard, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en.slaDesk.dashboard.title }).waitFor();

    await page.getByTestId('kpi-frt-avg').getByText('20 min').waitFor();
    expect(await page.getByTestId('kpi-attainment').textContent()).toContain('50 %');
    expect(await page.getByTestId('kpi-breaches').textContent()).toContain('1');
    for (const chart of ['chart-attainment', 'chart-breaches-group', 'chart-histogram']) {
      await page.getByTestId(chart).locator('svg.recharts-surface').first().waitFor();
      expect(await page.getByTestId(chart).locator('svg').count()).toBeGreaterThan(0);
    }
    // One bar for the one group with a breach.
    expect(await page.getByTestId('chart-breaches-group').locator('.recharts-bar-rectangle').count()).toBe(1);
    await page.screenshot({ path: join(env!.shots, '01-sla-dashboard.png'), fullPage: true });

    await page.getByRole('navigation').getByRole('link', { name: en.nav.tickets, exact: true }).click();
    await page.getByRole('tab', { name: en.slaDesk.queue.overdue }).click();
    await page.getByText(en.slaDesk.queue.overdueLead).waitFor();
    expect(new URL(page.url()).searchParams.get('queue')).toBe('overdue');
    await page.getByTestId('ticket-queue').waitFor();
    expect(failedCalls.filter((c) => c.startsWith('GET /tickets'))).toEqual([]);
    await page.screenshot({ path: join(env!.shots, '02-overdue-queue.png'), fullPage: true });
  });
});
