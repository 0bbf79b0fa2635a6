import * as z from 'zod';
import { parseEnv } from '../config.js';
import { Organisation } from '../db/entities/organisation.js';
import { cachedGetter } from '../db/get.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { OrganisationSettings, UpdateOrganisationSettings } from './schemas.js';
import { isConditionalCheckFailed } from '../db/errors.js';

const env = parseEnv(z.object({ ORG_ID: z.string().min(1).default('main') }));
export const orgId = env.ORG_ID;

function toSettings(item: { name: string; timezone: string; currency: string; locale: string; version: number; updatedAt: string }): OrganisationSettings {
  const { name, timezone, currency, locale, version, updatedAt } = item;
  return { name, timezone, currency, locale, version, updatedAt };
}

const getOrganisation = cachedGetter(Organisation);

/** Reads the organisation's settings. */
export async function getOrganisationSettings(): Promise<OrganisationSettings> {
  const data = await getOrganisation({ orgId });
  if (!data) throw new NotFoundError('Organisation settings are not set up');
  return toSettings(data);
}

/** Creates the settings if absent (seeding); leaves existing settings untouched. */
export async function ensureOrganisationSettings(defaults: Omit<UpdateOrganisationSettings, 'version'>): Promise<OrganisationSettings> {
  try {
    const { data } = await Organisation.create({ orgId, ...defaults, version: 1 }).go();
    return toSettings(data);
  } catch (err) {
    if (isConditionalCheckFailed(err)) return getOrganisationSettings();
    throw err;
  }
}

/** Replaces the settings if the caller saw the latest version (optimistic locking). */
export async function updateOrganisationSettings(input: UpdateOrganisationSettings): Promise<OrganisationSettings> {
  const { version, ...fields } = input;
  try {
    const { data } = await Organisation
      .patch({ orgId })
      .set({ ...fields, version: version + 1 })
      .where(({ version: v }, { eq }) => eq(v, version))
      .go({ response: 'all_new' });
    return toSettings(data);
  } catch (err) {
    if (isConditionalCheckFailed(err)) {
      await getOrganisationSettings();
      throw new ConflictError('version_conflict', 'Settings were changed by someone else; reload and try again', { version });
    }
    throw err;
  }
}
