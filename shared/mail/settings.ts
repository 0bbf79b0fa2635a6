import * as z from 'zod';
import { parseEnv } from '../config.js';
import { MailSettings, type MailSettingsItem } from '../db/entities/mail-settings.js';

const env = parseEnv(
  z.object({
    /** The domain of mailbox and reply-token addresses (`support+<token>@<domain>`). */
    MAIL_DOMAIN: z.string().min(3).default('cloudmanager.example'),
    INBOUND_MAX_BYTES: z.coerce.number().int().positive().default(30 * 1024 * 1024),
  }),
);

export const orgId = 'default';
export const mailDomain = env.MAIL_DOMAIN;

export type MailSettingsView = Omit<MailSettingsItem, 'orgId'>;

/** What applies before an admin saved anything: every mail goes to the first category's group (the pipeline picks it). */
export const defaultMailSettings = (): MailSettingsView => ({
  mailboxes: [],
  unknownSender: 'lead',
  autoMailsPerHour: 5,
  maxMessageBytes: env.INBOUND_MAX_BYTES,
  version: 0,
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString(),
});

/** The organisation's mail settings, or the defaults when none were saved (version 0). */
export async function getMailSettings(): Promise<MailSettingsView> {
  const { data } = await MailSettings.get({ orgId }).go();
  if (!data) return defaultMailSettings();
  const { orgId: _org, ...rest } = data;
  return rest;
}

/** How long a process reuses the settings for mail it receives or sends (admin saves reset it at once in-process). */
export const settingsCacheMs = 3_000;
let cached: { at: number; settings: Promise<MailSettingsView> } | undefined;

/**
 * The settings as the mail pipeline uses them: read at most every 3 s per process, so a burst of
 * mail costs one read. The admin screens read them fresh (getMailSettings) for their version.
 */
export async function currentMailSettings(now = Date.now()): Promise<MailSettingsView> {
  if (!cached || now - cached.at >= settingsCacheMs) {
    const settings = getMailSettings();
    cached = { at: now, settings };
    settings.catch(() => {
      if (cached?.settings === settings) cached = undefined;
    });
  }
  return cached.settings;
}

/** Forgets the cached settings (after a save, and in tests). */
export function resetMailSettingsCache(): void {
  cached = undefined;
}

