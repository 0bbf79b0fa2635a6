import * as z from 'zod';
import { isCurrency } from '../settings/validators.js';

export const customerTypes = ['individual', 'corporate'] as const;
export const customerStatuses = ['pending', 'active', 'suspended', 'inactive'] as const;
export const registrationNumberTypes = ['NIF', 'NIS', 'RC', 'AI', 'VAT', 'OTHER'] as const;
export const addressKinds = ['registered', 'billing', 'shipping', 'other'] as const;
export const customerLanguages = ['en', 'fr', 'ar'] as const;
export const searchFields = ['name', 'company', 'email', 'phone', 'regno'] as const;

export const customerType = z.enum(customerTypes);
export const customerStatus = z.enum(customerStatuses);
export const searchField = z.enum(searchFields);

const text = (max: number) => z.string().trim().min(1).max(max);

export const registrationNumber = z
  .object({
    type: z.enum(registrationNumberTypes),
    value: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine((v) => /[A-Za-z0-9]/.test(v), { message: 'Must contain a letter or digit' }),
  })
  .strict();

export const address = z
  .object({
    kind: z.enum(addressKinds),
    line1: text(200),
    line2: z.string().trim().max(200).optional(),
    city: text(100),
    region: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().max(20).optional(),
    /** ISO 3166-1 alpha-2, upper case. */
    country: z.string().regex(/^[A-Z]{2}$/, 'Two upper-case letters (ISO 3166-1 alpha-2)'),
  })
  .strict();

/** E.164-ish: optional +, digits with spaces, dots, dashes or brackets; 6 to 15 digits. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 .()-]*$/, 'Digits, optionally starting with +')
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return digits >= 6 && digits <= 15;
  }, 'Between 6 and 15 digits');

export const currencySchema = z.string().refine(isCurrency, 'An ISO 4217 currency code (e.g. DZD, EUR)');
export const groupIdSchema = z.string().min(1).max(64);

const uniqueNumbers = (list: { type: string; value: string }[] | undefined) => {
  if (!list) return true;
  const keys = list.map((n) => `${n.type}#${n.value.toUpperCase().replace(/[^A-Z0-9]/g, '')}`);
  return new Set(keys).size === keys.length;
};

const profile = {
  type: customerType,
  /** The person's full name, or the company's name. */
  name: text(160),
  companyName: z.string().trim().max(160).optional(),
  legalForm: z.string().trim().max(60).optional(),
  registrationNumbers: z.array(registrationNumber).max(10).refine(uniqueNumbers, 'The same number is listed twice').optional(),
  addresses: z.array(address).max(10).optional(),
  email: z.email().max(254).optional().or(z.literal('')),
  phone: phoneSchema.optional().or(z.literal('')),
  preferredLanguage: z.enum(customerLanguages).optional(),
  currency: currencySchema,
};

/** POST /customers (staff). Empty optional strings mean "none". */
export const createCustomer = z
  .object({ ...profile, groupId: groupIdSchema.optional() })
  .strict()
  .meta({ id: 'CreateCustomer' });

/** POST /me/customers: a customer user opens an account for themselves (no group). */
export const createOwnCustomer = z.object(profile).strict().meta({ id: 'CreateOwnCustomer' });

/** PUT /customers/{customerId}: the fields sent change (empty string clears an optional one); `version` as read. */
export const updateCustomer = z
  .object({
    type: customerType.optional(),
    name: text(160).optional(),
    companyName: profile.companyName,
    legalForm: profile.legalForm,
    registrationNumbers: profile.registrationNumbers,
    addresses: profile.addresses,
    email: profile.email,
    phone: profile.phone,
    preferredLanguage: profile.preferredLanguage,
    currency: currencySchema.optional(),
    /** Staff only; `none` = no group. */
    groupId: groupIdSchema.optional(),
    version: z.number().int().min(1),
  })
  .strict()
  .meta({ id: 'UpdateCustomer' });

export const changeCustomerStatus = z
  .object({
    status: customerStatus,
    reason: text(1000),
    /** Admins only: activate although KYC is incomplete (the reason is stored with the override). */
    overrideKyc: z.boolean().optional(),
    version: z.number().int().min(1),
  })
  .strict()
  .meta({ id: 'ChangeCustomerStatus' });

export const customerPath = z.object({ customerId: z.string().min(1).max(64) });

export const customerView = z
  .object({
    customerId: z.string(),
    type: customerType,
    name: z.string(),
    companyName: z.string().optional(),
    legalForm: z.string().optional(),
    registrationNumbers: z.array(z.object({ type: z.string(), value: z.string() })),
    addresses: z.array(
      z.object({
        kind: z.enum(addressKinds),
        line1: z.string(),
        line2: z.string().optional(),
        city: z.string(),
        region: z.string().optional(),
        postalCode: z.string().optional(),
        country: z.string(),
      }),
    ),
    email: z.string().optional(),
    phone: z.string().optional(),
    preferredLanguage: z.string(),
    currency: z.string(),
    groupId: z.string(),
    status: customerStatus,
    statusReason: z.string().optional(),
    statusChangedAt: z.string().optional(),
    statusChangedBy: z.string().optional(),
    kycFlag: z.literal('expired').optional(),
    kycOverride: z.object({ by: z.string(), at: z.string(), reason: z.string() }).optional(),
    createdBy: z.string(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Customer' });

export const kycSummaryView = z
  .object({
    required: z.array(z.string()),
    missing: z.array(z.string()),
    pending: z.array(z.string()),
    rejected: z.array(z.string()),
    expired: z.array(z.string()),
    complete: z.boolean(),
  })
  .meta({ id: 'CustomerKycSummary' });

/** GET /customers/{customerId}: the customer, its KYC summary and whether it may be activated now. */
export const customerDetail = customerView
  .extend({ kyc: kycSummaryView, canActivate: z.boolean() })
  .meta({ id: 'CustomerDetail' });

const dateTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

export const customerSorts = ['createdAt:desc', 'createdAt:asc', 'name:asc'] as const;

export const listCustomersQuery = z
  .object({
    /** A search prefix: name, company, email, phone digits or registration number. */
    q: z.string().trim().min(1).max(100).optional(),
    /** The field `q` searches; guessed from `q` when absent. */
    field: searchField.optional(),
    status: customerStatus.optional(),
    type: customerType.optional(),
    groupId: groupIdSchema.optional(),
    createdFrom: dateTime.optional(),
    createdTo: dateTime.optional(),
    sort: z.enum(customerSorts).default('createdAt:desc'),
    cursor: z.string().min(1).max(4096).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict()
  .refine((q) => !q.createdFrom || !q.createdTo || q.createdFrom <= q.createdTo, { message: '`createdFrom` is after `createdTo`', path: ['createdTo'] })
  .refine((q) => !q.field || q.q, { message: '`field` needs `q`', path: ['field'] });

export const customerPage = z.object({ items: z.array(customerView), cursor: z.string().nullable() }).meta({ id: 'CustomerPage' });

export const customerStats = z
  .object({
    byStatus: z.record(z.string(), z.number()),
    byType: z.record(z.string(), z.number()),
    /** `<status>#<type>` → count. */
    byStatusAndType: z.record(z.string(), z.number()),
    total: z.number(),
  })
  .meta({ id: 'CustomerStats' });

export const customerGroupView = z
  .object({
    groupId: z.string(),
    name: z.string(),
    description: z.string(),
    discountBps: z.number().int(),
    taxExempt: z.boolean(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CustomerGroup' });

const groupFields = {
  name: text(80),
  description: z.string().trim().max(500).default(''),
  /** Basis points: 0..10000 (1250 = 12.5 %). */
  discountBps: z.number().int().min(0).max(10_000),
  taxExempt: z.boolean().default(false),
};

export const createCustomerGroup = z.object(groupFields).strict().meta({ id: 'CreateCustomerGroup' });
export const updateCustomerGroup = z
  .object({ ...groupFields, version: z.number().int().min(1) })
  .strict()
  .meta({ id: 'UpdateCustomerGroup' });
export const customerGroupPath = z.object({ groupId: groupIdSchema });
export const customerGroupList = z.object({ items: z.array(customerGroupView) }).meta({ id: 'CustomerGroupList' });

export const customerActivityQuery = z
  .object({
    cursor: z.string().min(1).max(4096).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export type CreateCustomer = z.output<typeof createCustomer>;
export type CreateOwnCustomer = z.output<typeof createOwnCustomer>;
export type UpdateCustomer = z.output<typeof updateCustomer>;
export type ChangeCustomerStatus = z.output<typeof changeCustomerStatus>;
export type CustomerView = z.output<typeof customerView>;
export type CustomerDetail = z.output<typeof customerDetail>;
export type ListCustomersQuery = z.output<typeof listCustomersQuery>;
export type CustomerStats = z.output<typeof customerStats>;
export type CustomerGroupView = z.output<typeof customerGroupView>;
export type CreateCustomerGroup = z.output<typeof createCustomerGroup>;
export type UpdateCustomerGroup = z.output<typeof updateCustomerGroup>;
export type KycSummaryView = z.output<typeof kycSummaryView>;
export type CustomerStatus = (typeof customerStatuses)[number];
export type SearchField = (typeof searchFields)[number];
