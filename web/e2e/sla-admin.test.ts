/**
 * Browser test of the SLA admin page against the REAL local twin with the demo data (the "Office
 * hours" calendar and one policy per priority): the admin changes Monday's hours and adds a
 * holiday, creates a narrower policy (listed first: match order), and a second policy with a match
 * already taken is refused with a clear message.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/i18n/locales/en';
import { assertRunnable, field, haveChromium, mustRun, newPage, signIn, startAppWithTwin, warnSkipped, type AppWithTwin } from './support';

warnSkipped('sla-admin');

const ADMIN = 'admin@cloudmanager.example';

describe.skipIf(!haveChromium && !mustRun)('SLA admin page (issue 7) against the local twin, in Chromium', () => {
  let env: AppWithTwin | undefined;
  const failedCalls: string[] = [];

  beforeAll(async () => {
    assertRunnable();
    env = await startAppWithTwin('sla-admin', { demoData: true });
  }, 240_000);

  afterAll(async () => {
    if (failedCalls.length) console.warn(`[web/e2e/sla-admin] API answers >= 400 (the duplicate policy is expected):\n  ${failedCalls.join('\n  ')}`);
    await env?.stop();
  });

  it('admin edits hours and holidays, adds a policy in match order, and a duplicate match is refused', async () => {
    const page = await signIn(env!, await newPage(env!, failedCalls, { width: 1366 }), ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: en.nav.slaAdmin, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en.sla.title }).waitFor();

    // Calendar: Monday opens at 08:00, and a yearly holiday.
    const calendars = page.getByTestId('sla-calendars-table');
    await calendars.getByText('Office hours').waitFor();
    await page.getByRole('button', { name: `${en.sla.edit}: Office hours`, exact: true }).click();
    const editor = page.getByRole('dialog');
    const monday = en.sla.calendars.days.mon;
    await editor.getByLabel(`${monday} ${en.sla.calendars.from} 1`, { exact: true }).fill('08:00');
    await editor.getByRole('button', { name: en.sla.calendars.addHoliday, exact: true }).click();
    await editor.getByLabel(`${en.sla.calendars.holidayDate} 1`, { exact: true }).fill('2026-11-01');
    await editor.getByLabel(`${en.sla.calendars.holidayName} 1`, { exact: true }).fill('Revolution Day');
    await editor.getByRole('checkbox', { name: en.sla.calendars.recurring }).check();
    await editor.getByRole('button', { name: en.sla.save, exact: true }).click();
    await page.getByText(en.sla.saved).waitFor();
    await calendars.getByText('Revolution Day').waitFor();
    await expect.poll(() => calendars.getByText('08:00–18:00').count()).toBe(1);
    await page.screenshot({ path: join(env!.shots, 'calendars.png'), fullPage: true });

    // Policies: the seeded four, then a narrower one for High + General, listed first.
    await page.getByRole('tab', { name: en.sla.tabs.policies }).click();
    const policies = page.getByTestId('sla-policies-table');
    await policies.getByText('Urgent', { exact: true }).first().waitFor();
    const choose = async (scope: ReturnType<typeof page.getByRole>, label: string, option: string) => {
      await field(scope, label).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    await page.getByRole('button', { name: en.sla.policies.create, exact: true }).click();
    let dialog = page.getByRole('dialog');
    await field(dialog, en.sla.policies.name).fill('High – General');
    await choose(dialog, en.sla.policies.priority, en.sla.policies.priorities.high);
    await choose(dialog, en.sla.policies.category, 'General');
    await dialog.getByRole('button', { name: en.sla.save, exact: true }).click();
    await page.getByText(en.sla.saved).waitFor();
    await policies.getByText('High – General').waitFor();
    const names = await policies.locator('tbody tr td:nth-child(2) bdi').allTextContents();
    expect(names).toEqual(['High – General', 'Urgent', 'High', 'Medium', 'Low']);

    // A second policy for every urgent ticket: the match is taken.
    await page.getByRole('button', { name: en.sla.policies.create, exact: true }).click();
    dialog = page.getByRole('dialog');
    await field(dialog, en.sla.policies.name).fill('Urgent again');
    await choose(dialog, en.sla.policies.priority, en.sla.policies.priorities.urgent);
    await dialog.getByRole('button', { name: en.sla.save, exact: true }).click();
    await dialog.getByTestId('form-error').getByText(en.sla.errors.policy_conflict).waitFor();
    await page.screenshot({ path: join(env!.shots, 'policy-conflict.png'), fullPage: true });
    expect(failedCalls.filter((c) => !c.startsWith('POST /sla/policies → 409'))).toEqual([]);
  });
});
