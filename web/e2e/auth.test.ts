/**
 * Browser test of sign-up, email verification, TOTP enrolment and sign-in against the REAL local
 * twin (cognito-local, the API built from the route table, SES store, DynamoDB gateway), started here
 * on free ports. The built app (web/dist) is served by a tiny static server whose /config.json points
 * at the twin. The TOTP codes are computed here from the key the page shows, with `otpauth`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { type Browser, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Twin } from '../../infra/local/twin';
import { ar } from '../src/i18n/locales/ar';
import { en } from '../src/i18n/locales/en';
import { actionTimeoutMs, assertRunnable, haveChromium, mustRun, startAppWithTwin, warnSkipped, type AppWithTwin } from './support';

warnSkipped('auth');

const PASSWORD = 'Correct-Horse-42!';
const email = `e2e-${Date.now().toString(36)}@customer.example`;

interface SesEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

describe.skipIf(!haveChromium && !mustRun)('auth against the local twin, in Chromium', () => {
  let browser: Browser | undefined;
  let env: AppWithTwin | undefined;
  let twin: Twin | undefined;
  let appUrl = '';
  let shots = '';
  /** Every API answer >= 400, to say which calls failed when a step breaks. */
  const failedCalls: string[] = [];
  /** The key shown on the 2FA setup page, and the time step of the code used to enrol. */
  let secret = '';
  let enrolStep = -1;
  /** The backup codes shown at enrolment. */
  let backupCodes: string[] = [];
  /** The page signed in with TOTP, reused by the reload test. */
  let signedInPage: Page | undefined;

  beforeAll(async () => {
    assertRunnable();
    env = await startAppWithTwin('auth');
    ({ appUrl, twin, browser, shots } = env);
  }, 180_000);

  afterAll(async () => {
    await signedInPage?.context().close().catch(() => {});
    if (failedCalls.length) console.warn(`[web/e2e/auth] API calls that failed:\n  ${failedCalls.join('\n  ')}`);
    await env?.stop();
  });

  async function newPage(locale = 'en-US'): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale, acceptDownloads: true });
    context.setDefaultTimeout(actionTimeoutMs);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[browser]', error));
    page.on('response', (response: Response) => {
      if (response.url().startsWith(twin!.state.endpoints.api) && response.status() >= 400) {
        void response.text().then(
          (body) => failedCalls.push(`${response.request().method()} ${new URL(response.url()).pathname} → ${response.status()} ${body.slice(0, 200)}`),
          () => failedCalls.push(`${response.request().method()} ${new URL(response.url()).pathname} → ${response.status()}`),
        );
      }
    });
    return page;
  }

  /** The newest email sent to `to` (GET {ses}/store), polled until it arrives. */
  async function newestEmailTo(to: string, since: number): Promise<SesEmail> {
    for (let i = 0; i < 50; i++) {
      const store = (await (await fetch(`${twin!.state.endpoints.ses}/store`)).json()) as { emails: SesEmail[] };
      const mine = store.emails.filter((e) => e.destination.to.some((d) => d.includes(to)) && e.at >= since).sort((a, b) => b.at - a.at);
      if (mine[0]) return mine[0];
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`No email to ${to} in the SES store`);
  }

  const totp = () => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  const step = () => Math.floor(Date.now() / 30_000);

  /** A code of a later time step than any used before (codes are single-use). */
  async function freshCode(): Promise<string> {
    while (step() <= enrolStep) await new Promise((r) => setTimeout(r, 500));
    return totp().generate();
  }

  /** A form field by its whole label (Mantine appends " *" to required ones). */
  const field = (page: Page, label: string) =>
    page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`));

  it('signs up, verifies the email with the code from SES, signs in and enrols TOTP', async () => {
    const page = await newPage();
    const since = Math.floor(Date.now() / 1000) - 1;

    // Sign up.
    await page.goto(`${appUrl}/register`);
    await page.getByRole('heading', { level: 1, name: en.auth.register.title }).waitFor();
    await field(page, en.fields.name).fill('Eve Tester');
    await field(page, en.fields.email).fill(email);
    await field(page, en.fields.password).fill('short');
    await page.getByRole('button', { name: en.auth.register.submit }).click();
    // Client-side validation with the same rules as the API: nothing is sent.
    await page.getByText(en.validation.tooShort.replace('{{min}}', '12')).waitFor();
    await field(page, en.fields.password).fill(PASSWORD);
    await field(page, en.fields.confirmPassword).fill(PASSWORD);
    await page.screenshot({ path: join(shots, '1-register.png'), fullPage: true });
    await page.getByRole('button', { name: en.auth.register.submit }).click();

    // Verify with the code from the SES store.
    await page.waitForURL(/\/verify-email\?email=/);
    const mail = await newestEmailTo(email, since);
    const code = /\b(\d{6})\b/.exec(mail.body.text ?? mail.body.html ?? '')?.[1];
    expect(code, `a 6-digit code in "${mail.subject}"`).toBeTruthy();
    await field(page, en.fields.emailCode).fill(code!);
    await page.getByRole('button', { name: en.auth.verify.submit }).click();

    // Sign in (no 2FA yet): straight into the portal.
    await page.waitForURL(/\/sign-in\?verified=1/);
    await page.getByTestId('sign-in-notice').getByText(en.auth.signIn.verified).waitFor();
    expect(await field(page, en.fields.email).inputValue()).toBe(email);
    await field(page, en.fields.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.auth.signIn.submit, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en.areas.portal.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    // A customer's navigation: portal and own account pages, nothing of the desk or admin.
    const nav = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(nav).toEqual([en.nav.portal, en.nav.portalTickets, en.nav.portalAccount, en.nav.portalContacts, en.nav.portalInvitations, en.nav.portalKyc, en.nav.portalDocuments, en.nav.security, en.nav.activity, en.nav.status]);

    // My security → set up two-step sign-in.
    await page.getByRole('navigation').getByRole('link', { name: en.nav.security }).click();
    await page.getByRole('heading', { level: 1, name: en.security.title }).waitFor();
    await page.getByTestId('mfa-status').getByText(en.security.mfa.off).waitFor();
    await page.getByRole('link', { name: en.security.mfa.enable }).click();
    await page.getByRole('heading', { level: 1, name: en.mfaSetup.title }).waitFor();
    await page.getByRole('img', { name: en.mfaSetup.qrLabel }).waitFor();
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.screenshot({ path: join(shots, '2-mfa-setup.png'), fullPage: true });

    enrolStep = step();
    await field(page, en.fields.totpCode).fill(totp().generate());
    await page.getByRole('button', { name: en.mfaSetup.verify }).click();

    // Ten backup codes, shown once; downloadable as .txt.
    const codes = page.getByTestId('backup-codes').getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en.backupCodes.download }).click()]);
    expect(download.suggestedFilename()).toBe('cloudmanager-backup-codes.txt');
    const text = await readFile((await download.path())!, 'utf8');
    backupCodes = await codes.allTextContents();
    for (const c of backupCodes) expect(text).toContain(c);
    await page.screenshot({ path: join(shots, '3-backup-codes.png'), fullPage: true });
    const done = page.getByRole('button', { name: en.mfaSetup.done });
    expect(await done.isDisabled()).toBe(true);
    await page.getByLabel(en.backupCodes.confirm).check();
    await done.click();
    await page.getByRole('heading', { level: 1, name: en.areas.portal.title }).waitFor();

    await page.goto(`${appUrl}/security`);
    await page.getByTestId('mfa-status').getByText(en.security.mfa.on).waitFor();
    await page.getByTestId('sessions-table').waitFor();
    await page.getByTestId('login-history-table').getByText(en.security.outcomes.success).first().waitFor();
    await page.screenshot({ path: join(shots, '4-security.png'), fullPage: true });

    // Sign out: back to the sign-in page, with a message.
    await page.getByRole('button', { name: en.auth.signOut, exact: true }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByTestId('sign-in-notice').getByText(en.auth.ended.signed_out).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('cloudmanager.session'))).toBeNull();
    await page.context().close();
  }, 120_000);

  it('signs in again with a fresh TOTP code (a reused one is refused)', async () => {
    expect(secret, 'the previous test enrolled TOTP').not.toBe('');
    const page = await newPage();
    await page.goto(`${appUrl}/sign-in?next=%2Fsecurity`);
    await field(page, en.fields.email).fill(email);
    await field(page, en.fields.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.auth.signIn.submit, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en.auth.mfa.title }).waitFor();
    await page.getByRole('button', { name: en.auth.mfa.useBackupCode }).waitFor();

    // The enrolment code again: refused (single use).
    await field(page, en.fields.totpCode).fill(totp().generate({ timestamp: enrolStep * 30_000 }));
    await page.getByRole('button', { name: en.auth.mfa.submit }).click();
    await page.getByTestId('form-error').waitFor();
    await page.screenshot({ path: join(shots, '5-mfa-replay-refused.png'), fullPage: true });

    await field(page, en.fields.totpCode).fill(await freshCode());
    await page.getByRole('button', { name: en.auth.mfa.submit }).click();
    await page.waitForURL(/\/security$/);
    await page.getByTestId('mfa-status').getByText(en.security.mfa.on).waitFor();
    await page.getByRole('heading', { level: 1, name: en.security.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/security');
    expect(await page.getByTestId('signed-in-user').getAttribute('title')).toBe(email);
    expect(['Eve Tester', email]).toContain(await page.getByTestId('signed-in-user').textContent());
    await page.screenshot({ path: join(shots, '6-signed-in-again.png'), fullPage: true });
    signedInPage = page;
  }, 120_000);

  it('keeps the session across a reload (refresh token kept by this tab, exchanged at start-up)', async () => {
    const page = signedInPage;
    expect(page, 'the previous test signed in').toBeDefined();
    await page!.reload();
    await page!.getByRole('heading', { level: 1, name: en.security.title }).waitFor({ timeout: 10_000 });
    await page!.getByTestId('mfa-status').getByText(en.security.mfa.on).waitFor();
    await page!.screenshot({ path: join(shots, '6b-after-reload.png'), fullPage: true });
    await page!.context().close();
  }, 60_000);

  it('an admin (seeded, TOTP) sees the admin area: users, roles matrix with history, access requests, audit', async () => {
    const adminEmail = 'admin@cloudmanager.example';
    const { demoPassword } = await import('../../infra/local/seed');
    const adminSecret = twin!.seeded?.secrets[adminEmail];
    expect(adminSecret, 'the twin seeds the admin with TOTP').toBeTruthy();

    // A person asks for staff access on the public form.
    const guest = await newPage();
    await guest.goto(`${appUrl}/request-access`);
    await field(guest, en.fields.name).fill('Nadia Newhire');
    await field(guest, en.fields.email).fill(`nadia-${Date.now().toString(36)}@staff.example`);
    await field(guest, en.accessRequest.role).selectOption('technician');
    await field(guest, en.accessRequest.note).fill('Starting Monday in the Oran workshop.');
    await guest.getByRole('button', { name: en.accessRequest.submit }).click();
    await guest.getByTestId('form-success').waitFor();
    await guest.context().close();

    const page = await newPage();
    await page.goto(`${appUrl}/sign-in`);
    await field(page, en.fields.email).fill(adminEmail);
    await field(page, en.fields.password).fill(demoPassword);
    await page.getByRole('button', { name: en.auth.signIn.submit, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en.auth.mfa.title }).waitFor();
    await field(page, en.fields.totpCode).fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(adminSecret!) }).generate());
    await page.getByRole('button', { name: en.auth.mfa.submit }).click();
    await page.getByRole('heading', { level: 1, name: en.areas.admin.title }).waitFor();
    const nav = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(nav).toEqual([
      en.nav.desk, en.nav.admin, en.nav.tickets, en.nav.customers, en.nav.kycReview, en.nav.slaDashboard, en.nav.users, en.nav.roles, en.nav.accessRequests, en.nav.audit,
      en.nav.customerGroups, en.nav.kycRequirements, en.nav.ticketCategories, en.nav.supportGroups, en.nav.cannedReplies, en.nav.ticketTags,
      en.nav.mailboxes, en.nav.mailSuppressions, en.nav.mailReview, en.nav.mailTemplates, en.nav.slaAdmin, en.nav.security, en.nav.activity, en.nav.status,
    ]);

    // Users: the customer who signed up above is listed.
    await page.getByRole('navigation').getByRole('link', { name: en.nav.users }).click();
    await page.getByLabel(en.users.search).fill(email.slice(0, 8));
    await page.getByTestId('users-table').getByText(email).waitFor();
    await page.screenshot({ path: join(shots, '8-admin-users.png'), fullPage: true });

    // Roles: give agents "products:manage", save with a note, see the new version in the history.
    await page.getByRole('navigation').getByRole('link', { name: en.nav.roles }).click();
    const cell = page.locator('input[data-role="agent"][data-permission="products:manage"]');
    await cell.waitFor();
    expect(await cell.isChecked()).toBe(false);
    await cell.check();
    await page.getByTestId('matrix-changes').getByText(en.rolesPage.changes.replace('{{count}}', '1')).waitFor();
    await page.getByLabel(new RegExp(`^${en.rolesPage.note}`)).fill('Agents maintain the catalogue (e2e)');
    await page.getByRole('button', { name: en.rolesPage.save }).click();
    await page.getByTestId('role-versions').getByText('Agents maintain the catalogue (e2e)').waitFor();
    expect(await cell.isChecked()).toBe(true);
    await page.screenshot({ path: join(shots, '9-admin-roles.png'), fullPage: true });

    // Access requests: approve Nadia.
    await page.getByRole('navigation').getByRole('link', { name: en.nav.accessRequests }).click();
    await page.getByRole('button', { name: en.accessRequests.approveFor.replace('{{name}}', 'Nadia Newhire') }).click();
    await page.getByRole('dialog').getByRole('button', { name: en.accessRequests.approve }).click();
    await page.getByTestId('form-success').waitFor();
    await page.screenshot({ path: join(shots, '10-admin-access-requests.png'), fullPage: true });

    // Audit: the matrix change is recorded.
    await page.getByRole('navigation').getByRole('link', { name: en.nav.audit }).click();
    await page.getByTestId('audit-table').getByText('updateRoleMatrix').first().waitFor();
    await page.screenshot({ path: join(shots, '11-admin-audit.png'), fullPage: true });

    // Users: reset the demo agent's 2FA (the next test signs in as the agent).
    await page.getByRole('navigation').getByRole('link', { name: en.nav.users }).click();
    await page.getByLabel(en.users.search).fill('agent@');
    const actions = page.getByRole('button', { name: en.users.actionsFor.replace('{{name}}', 'Aya Agent') });
    await actions.click();
    await page.getByRole('menuitem', { name: en.users.resetMfa }).click();
    await page.getByRole('dialog').getByRole('button', { name: en.users.resetMfa }).click();
    await page.getByTestId('form-success').waitFor();

    // The matrix editor in Arabic, right-to-left.
    await page.getByLabel(en.header.language).selectOption('ar');
    await page.getByRole('navigation').getByRole('link', { name: ar.nav.roles }).click();
    await page.getByRole('heading', { level: 1, name: ar.rolesPage.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.screenshot({ path: join(shots, '12-admin-roles-ar.png') });
    await page.context().close();
  }, 120_000);

  it('a staff member without TOTP can reach only the 2FA setup page until enrolled', async () => {
    const { demoPassword } = await import('../../infra/local/seed');
    const page = await newPage();
    await page.goto(`${appUrl}/sign-in`);
    await field(page, en.fields.email).fill('agent@cloudmanager.example');
    await field(page, en.fields.password).fill(demoPassword);
    await page.getByRole('button', { name: en.auth.signIn.submit, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en.mfaSetup.title }).waitFor();
    await page.getByTestId('mfa-required-notice').waitFor();
    const nav = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(nav).toEqual([en.nav.mfaSetup, en.nav.status]);

    // The desk is not reachable yet.
    await page.goto(`${appUrl}/desk`);
    await page.getByRole('heading', { level: 1, name: en.mfaSetup.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/security/2fa/setup');

    // Enrol; then the desk opens.
    const agentSecret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    await field(page, en.fields.totpCode).fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(agentSecret) }).generate());
    await page.getByRole('button', { name: en.mfaSetup.verify }).click();
    await page.getByLabel(en.backupCodes.confirm).check();
    await page.getByRole('button', { name: en.mfaSetup.done }).click();
    await page.getByRole('heading', { level: 1, name: en.areas.desk.title }).waitFor();
    await page.screenshot({ path: join(shots, '13-agent-desk.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('signs in with a backup code when the phone is lost, then asks to enrol again', async () => {
    expect(backupCodes.length, 'the first test showed the backup codes').toBe(10);
    const page = await newPage();
    await page.goto(`${appUrl}/sign-in`);
    await field(page, en.fields.email).fill(email);
    await field(page, en.fields.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.auth.signIn.submit, exact: true }).click();
    await page.getByRole('button', { name: en.auth.mfa.useBackupCode }).click();
    await page.getByRole('heading', { level: 1, name: en.auth.backup.title }).waitFor();
    await field(page, en.fields.backupCode).fill(backupCodes[0]!);
    await page.getByRole('button', { name: en.auth.backup.submit }).click();
    await page.getByRole('heading', { level: 1, name: en.mfaSetup.title }).waitFor();
    await page.getByText(en.mfaSetup.afterBackupCode).waitFor();
    await page.screenshot({ path: join(shots, '14-after-backup-code.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('resets a forgotten password with the emailed code', async () => {
    const { demoPassword } = await import('../../infra/local/seed');
    const who = 'customer2@cloudmanager.example';
    const since = Math.floor(Date.now() / 1000) - 1;
    const page = await newPage();
    await page.goto(`${appUrl}/sign-in`);
    await page.getByRole('link', { name: en.auth.signIn.forgot }).click();
    await field(page, en.fields.email).fill(who);
    await page.getByRole('button', { name: en.auth.forgot.submit }).click();
    await page.waitForURL(/\/reset-password\?email=/);
    await page.getByText(en.auth.forgot.sent).waitFor();
    const mail = await newestEmailTo(who, since);
    const code = /\b(\d{6})\b/.exec(mail.body.text ?? mail.body.html ?? '')?.[1];
    expect(code).toBeTruthy();
    await field(page, en.fields.emailCode).fill(code!);
    const newPassword = `${demoPassword}-new`;
    await field(page, en.fields.newPassword).fill(newPassword);
    await field(page, en.fields.confirmPassword).fill(newPassword);
    await page.getByRole('button', { name: en.auth.reset.submit }).click();
    await page.waitForURL(/\/sign-in\?reset=1/);
    await field(page, en.fields.password).fill(newPassword);
    await page.getByRole('button', { name: en.auth.signIn.submit, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en.areas.portal.title }).waitFor();
    await page.context().close();
  }, 60_000);

  it('lays out the Arabic sign-in page right-to-left', async () => {
    const page = await newPage('ar');
    await page.goto(`${appUrl}/sign-in?lang=ar`);
    await page.getByRole('heading', { level: 1, name: ar.auth.signIn.title }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);

    const width = page.viewportSize()!.width;
    const nav = (await page.getByRole('navigation').boundingBox())!;
    const heading = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
    const emailInput = field(page, ar.fields.email);
    const input = (await emailInput.boundingBox())!;
    const label = (await page.locator('label', { hasText: ar.fields.email }).boundingBox())!;
    // Navbar on the right, content to its left; labels start at the right edge of their field.
    expect(nav.x + nav.width).toBeGreaterThanOrEqual(width - 1);
    expect(heading.x + heading.width).toBeLessThanOrEqual(nav.x);
    expect(Math.abs(label.x + label.width - (input.x + input.width))).toBeLessThan(24);
    // An email address is typed left-to-right even in Arabic.
    expect(await emailInput.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');

    // Errors come in Arabic too.
    await page.getByRole('button', { name: ar.auth.signIn.submit, exact: true }).click();
    await page.getByText(ar.validation.required).first().waitFor();
    await emailInput.fill(email);
    await field(page, ar.fields.password).fill('Wrong-Password-1!');
    await page.getByRole('button', { name: ar.auth.signIn.submit, exact: true }).click();
    await page.getByTestId('form-error').getByText(ar.errors.codes.invalid_credentials).waitFor();
    await page.screenshot({ path: join(shots, '7-sign-in-ar.png'), fullPage: true });
    await page.context().close();
  }, 60_000);
});
