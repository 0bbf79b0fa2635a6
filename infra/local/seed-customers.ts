import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { UserActor } from '../../shared/auth/actor.js';
import { defaultRolePermissions, staffRoles, type Role } from '../../shared/auth/permissions.js';
import type { CreateOwnCustomer } from '../../shared/customers/schemas.js';
import type { KycDocType } from '../../shared/kyc/schemas.js';

/**
 * Demo customers for `npm start` (and the customers browser test), written through the domain
 * services so search keys, registration locks, contacts and counters are what the API would make.
 * Idempotent: every demo customer carries a fixed registration number, looked up before creating.
 *
 * - customer@: "Atlas Services SARL" (corporate, pending, no KYC documents: the demo uploads them)
 *   and "Chloé Customer" (individual, active, approved KYC documents expiring in 5 and 20 days
 *   and one past its date, so `npm run schedule -- kyc-expiry` reminds and expires).
 * - customer2@: "Karim Benali" (individual, pending).
 * - ten customers without contacts across statuses, types and groups.
 */

const day = 86_400_000;
const dateIn = (days: number, now = new Date()) => new Date(now.getTime() + days * day).toISOString().slice(0, 10);

export const demoGroups = [
  { name: 'Standard', description: 'Default prices.', discountBps: 0, taxExempt: false },
  { name: 'Partner', description: 'Resellers and long-term partners: 10 % off.', discountBps: 1000, taxExempt: false },
  { name: 'Public sector', description: 'Administrations and public bodies: tax-exempt.', discountBps: 0, taxExempt: true },
] as const;
type GroupName = (typeof demoGroups)[number]['name'];

const algiers = (line1: string) => ({ kind: 'registered' as const, line1, city: 'Alger', region: 'Alger', postalCode: '16000', country: 'DZ' });

export const atlas: CreateOwnCustomer = {
  type: 'corporate',
  name: 'Atlas Services SARL',
  companyName: 'Atlas Services',
  legalForm: 'SARL',
  registrationNumbers: [
    { type: 'RC', value: '16/00-0123456B21' },
    { type: 'NIF', value: '002116012345678' },
  ],
  addresses: [algiers('12 rue Didouche Mourad')],
  email: 'contact@atlas-services.example',
  phone: '+213 21 63 45 78',
  preferredLanguage: 'fr',
  currency: 'DZD',
};

export const personal: CreateOwnCustomer = {
  type: 'individual',
  name: 'Chloé Customer',
  registrationNumbers: [{ type: 'NIF', value: '198516010099887' }],
  addresses: [algiers('5 boulevard Krim Belkacem')],
  email: 'customer@cloudmanager.example',
  phone: '+213 555 12 34 56',
  preferredLanguage: 'fr',
  currency: 'DZD',
};

export const karim: CreateOwnCustomer = {
  type: 'individual',
  name: 'Karim Benali',
  registrationNumbers: [{ type: 'NIF', value: '199031020045671' }],
  addresses: [{ kind: 'registered', line1: '8 rue Larbi Ben M’hidi', city: 'Oran', postalCode: '31000', country: 'DZ' }],
  email: 'customer2@cloudmanager.example',
  phone: '+213 661 45 89 02',
  preferredLanguage: 'ar',
  currency: 'DZD',
};

type Status = 'pending' | 'active' | 'suspended' | 'inactive';
interface Other {
  profile: CreateOwnCustomer;
  group?: GroupName;
  status: Status;
}

const corporate = (name: string, legalForm: string, rc: string, city: string, extra: Partial<CreateOwnCustomer> = {}): CreateOwnCustomer => ({
  type: 'corporate',
  name,
  companyName: name.replace(/\s+(SARL|SPA|EURL|SNC)$/, ''),
  legalForm,
  registrationNumbers: [{ type: 'RC', value: rc }],
  addresses: [{ kind: 'registered', line1: 'Zone d’activités, lot 14', city, country: 'DZ' }],
  preferredLanguage: 'fr',
  currency: 'DZD',
  ...extra,
});
const individual = (name: string, nif: string, city: string, extra: Partial<CreateOwnCustomer> = {}): CreateOwnCustomer => ({
  type: 'individual',
  name,
  registrationNumbers: [{ type: 'NIF', value: nif }],
  addresses: [{ kind: 'registered', line1: 'Cité des 500 logements, bât. 3', city, country: 'DZ' }],
  preferredLanguage: 'ar',
  currency: 'DZD',
  ...extra,
});

export const others: Other[] = [
  { profile: corporate('Oasis Logistique SARL', 'SARL', '16/00-0456789B19', 'Alger', { email: 'compta@oasis-logistique.example', phone: '+213 21 44 10 20' }), group: 'Partner', status: 'active' },
  { profile: corporate('Nour Pharma SPA', 'SPA', '31/00-0987654B15', 'Oran', { email: 'achats@nour-pharma.example' }), group: 'Standard', status: 'active' },
  { profile: corporate('Commune de Tipaza', 'Collectivité', '42/00-0000042C01', 'Tipaza', { preferredLanguage: 'ar' }), group: 'Public sector', status: 'active' },
  { profile: corporate('Sahara Tech EURL', 'EURL', '30/00-0112233B20', 'Ouargla', { email: 'it@sahara-tech.example' }), group: 'Partner', status: 'suspended' },
  { profile: corporate('Djurdjura Construction SARL', 'SARL', '15/00-0778899B22', 'Tizi Ouzou', { phone: '+213 26 12 34 56' }), group: 'Standard', status: 'pending' },
  { profile: corporate('Atelier Kasbah SNC', 'SNC', '16/00-0334455A18', 'Alger', { currency: 'EUR', preferredLanguage: 'en' }), group: 'Partner', status: 'pending' },
  { profile: individual('Yasmine Haddad', '198816020011223', 'Constantine', { email: 'yasmine.haddad@mail.example', phone: '+213 770 11 22 33' }), group: 'Standard', status: 'active' },
  { profile: individual('Mohamed Cherif', '197509030044556', 'Annaba', { phone: '+213 550 98 76 54' }), status: 'pending' },
  { profile: individual('Lina Bouzid', '199204010077889', 'Béjaïa', { email: 'lina.bouzid@mail.example', preferredLanguage: 'fr' }), group: 'Standard', status: 'inactive' },
  { profile: individual('Omar Saidi', '198112050066554', 'Sétif'), status: 'suspended' },
];

/** The actor a seeded user acts as (what the API would build from their token). */
function actorOf(userId: string, email: string, role: Role): UserActor {
  return {
    kind: 'user',
    userId,
    username: email,
    role,
    groups: [role],
    permissions: new Set(defaultRolePermissions[role]),
    isStaff: staffRoles.includes(role),
    mfaEnrolled: true,
    clientId: 'seed',
    authTime: Math.floor(Date.now() / 1000),
  };
}

/** A small valid PDF, so reviewers can open what they approve. */
export async function demoPdf(title: string, lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const page = pdf.addPage([420, 297]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(title, { x: 30, y: 250, size: 18, font });
  lines.forEach((line, i) => page.drawText(line, { x: 30, y: 215 - i * 18, size: 11, font }));
  page.drawText('CloudManager demo document, not a real one.', { x: 30, y: 30, size: 9, font });
  return pdf.save();
}

export async function actorFor(email: string): Promise<UserActor> {
  const { findUserByEmail } = await import('../../shared/users/service.js');
  const user = await findUserByEmail(email);
  if (!user) throw new Error(`Seed customers: no user ${email} (run the demo user seed first)`);
  return actorOf(user.userId, user.email, user.role as Role);
}

/** The customer holding this profile's first registration number, if already seeded. */
async function findSeeded(profile: CreateOwnCustomer): Promise<string | undefined> {
  const { RegistrationNumberLock } = await import('../../shared/db/entities/registration-number-lock.js');
  const { registrationKey } = await import('../../shared/customers/search-terms.js');
  const first = profile.registrationNumbers?.[0];
  if (!first) throw new Error(`Seed customer ${profile.name} needs a registration number (its seed key)`);
  const { data } = await RegistrationNumberLock.get(registrationKey(first)).go({ consistent: true });
  return data?.customerId;
}

/** Uploads one PDF as `actor` the way the portal does (announce, presigned POST, complete). */
async function uploadKyc(actor: UserActor, customerId: string, docType: KycDocType, fileName: string, bytes: Uint8Array, expiresOn?: string) {
  const { startKycUpload, completeKycUpload } = await import('../../shared/kyc/service.js');
  const started = await startKycUpload(actor, customerId, { docType, fileName, contentType: 'application/pdf', size: bytes.byteLength, ...(expiresOn ? { expiresOn } : {}) });
  const form = new FormData();
  for (const [name, value] of Object.entries(started.upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), fileName);
  const posted = await fetch(started.upload.url, { method: 'POST', body: form });
  if (!posted.ok) throw new Error(`Seed customers: S3 POST of ${fileName} answered ${posted.status}`);
  return completeKycUpload(actor, customerId, started.document.documentId);
}

/** Chloé's personal account: active, with approved documents at every stage of the expiry schedule. */
async function seedPersonalKyc(customerId: string, owner: UserActor, agent: UserActor, admin: UserActor, now: Date) {
  const { approveKycDocument } = await import('../../shared/kyc/service.js');
  const { customerDocuments } = await import('../../shared/kyc/summary.js');
  if ((await customerDocuments(customerId)).length > 0) return;
  const docs: { type: KycDocType; file: string; title: string; expiresOn: string }[] = [
    // Past its date: the next sweep expires it and flags the customer (identity is required).
    { type: 'identity', file: 'passeport-chloe.pdf', title: 'Passeport', expiresOn: dateIn(-3, now) },
    // Within 7 days: the 7-day reminder.
    { type: 'proof_of_address', file: 'facture-sonelgaz.pdf', title: 'Justificatif de domicile', expiresOn: dateIn(5, now) },
    // Within 30 days: the 30-day reminder.
    { type: 'tax_certificate', file: 'attestation-fiscale.pdf', title: 'Attestation fiscale', expiresOn: dateIn(20, now) },
  ];
  for (const d of docs) {
    const pdf = await demoPdf(d.title, [`Titulaire : ${personal.name}`, `Valable jusqu’au ${d.expiresOn}`]);
    const uploaded = await uploadKyc(owner, customerId, d.type, d.file, pdf);
    await approveKycDocument(agent, customerId, uploaded.documentId, { expiresOn: d.expiresOn, version: uploaded.version, internalNote: 'Demo data' });
  }
  // The passport is already past its date, so KYC is incomplete: an admin activates with an override.
  await moveTo(customerId, 'active', admin, 'Demo: identity checked in person at the Algiers office');
}

async function moveTo(customerId: string, status: Status, admin: UserActor, reason: string) {
  const { changeCustomerStatus } = await import('../../shared/customers/lifecycle.js');
  const { readCustomer } = await import('../../shared/customers/service.js');
  const path: Record<Status, Status[]> = { pending: [], active: ['active'], suspended: ['active', 'suspended'], inactive: ['active', 'inactive'] };
  for (const step of path[status]) {
    const current = await readCustomer(customerId);
    if (current.status === step) continue;
    await changeCustomerStatus(customerId, { status: step, reason, version: current.version, ...(step === 'active' ? { overrideKyc: true } : {}) }, admin);
  }
}

export interface SeededCustomers {
  created: number;
  total: number;
  atlasId: string;
  personalId: string;
  karimId: string;
}

/** Seeds the demo customer groups and customers (see the file comment); creates only what is missing. */
export async function seedCustomers(now = new Date()): Promise<SeededCustomers> {
  const { createGroup, listGroups } = await import('../../shared/customers/groups.js');
  const { createCustomer, createOwnCustomer } = await import('../../shared/customers/service.js');
  const [admin, agent, chloe, karimUser] = await Promise.all(
    ['admin@', 'agent@', 'customer@', 'customer2@'].map((local) => actorFor(`${local}cloudmanager.example`)),
  );

  const existingGroups = await listGroups();
  const groups = new Map(existingGroups.map((g) => [g.name, g.groupId]));
  for (const g of demoGroups) if (!groups.has(g.name)) groups.set(g.name, (await createGroup(g)).groupId);

  let created = 0;
  const ensure = async (profile: CreateOwnCustomer, make: () => Promise<{ customerId: string }>) => {
    const found = await findSeeded(profile);
    if (found) return { customerId: found, isNew: false };
    created += 1;
    return { customerId: (await make()).customerId, isNew: true };
  };

  const atlasSeed = await ensure(atlas, () => createOwnCustomer(atlas, chloe!));
  const personalSeed = await ensure(personal, () => createOwnCustomer(personal, chloe!));
  await seedPersonalKyc(personalSeed.customerId, chloe!, agent!, admin!, now);
  const karimSeed = await ensure(karim, () => createOwnCustomer(karim, karimUser!));

  for (const other of others) {
    const groupId = other.group ? groups.get(other.group) : undefined;
    const seeded = await ensure(other.profile, () => createCustomer({ ...other.profile, ...(groupId ? { groupId } : {}) }, admin!));
    if (seeded.isNew) await moveTo(seeded.customerId, other.status, admin!, 'Demo data');
  }
  return { created, total: 3 + others.length, atlasId: atlasSeed.customerId, personalId: personalSeed.customerId, karimId: karimSeed.customerId };
}
