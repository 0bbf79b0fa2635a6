import * as z from 'zod';
import { isCurrency, isLocale, isTimeZone } from './validators.js';

export const timezoneSchema = z.string().refine(isTimeZone, 'Unknown IANA time zone');
export const currencySchema = z.string().refine(isCurrency, 'Unknown ISO 4217 currency code');
export const localeSchema = z.string().refine(isLocale, 'Not a canonical BCP 47 locale');

export const organisationSettings = z
  .object({
    name: z.string().trim().min(1).max(120),
    timezone: timezoneSchema,
    currency: currencySchema,
    locale: localeSchema,
    version: z.int().positive(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'OrganisationSettings' });

export const updateOrganisationSettings = z
  .object({
    name: z.string().trim().min(1).max(120),
    timezone: timezoneSchema,
    currency: currencySchema,
    locale: localeSchema,
    /** The version the client read; the update fails with `version_conflict` if it moved on. */
    version: z.int().positive(),
  })
  .strict()
  .meta({ id: 'UpdateOrganisationSettings' });

export type OrganisationSettings = z.infer<typeof organisationSettings>;
export type UpdateOrganisationSettings = z.infer<typeof updateOrganisationSettings>;
