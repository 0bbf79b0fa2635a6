import { randomUUID } from 'node:crypto';
import type { UserActor } from '../auth/actor.js';
import { Customer, type CustomerItem } from '../db/entities/customer.js';
import { CustomerGroup } from '../db/entities/customer-group.js';
import { User } from '../db/entities/user.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { kycSummary } from '../kyc/summary.js';
import { customerAccess, holds } from './access.js';
import type { CreateCustomer, CreateOwnCustomer, CustomerDetail, CustomerView, UpdateCustomer } from './schemas.js';
import { registrationKey, searchTermsOf, type SearchTerm } from './search-terms.js';
import { canTransition } from './status.js';
import { getStore } from './store.js';
import { compact, toCustomerView } from './views.js';

type Profile = Omit<CreateCustomer, 'groupId'>;
type RegNo = { type: string; value: string };

export class DuplicateRegistrationNumberError extends AppError {
  constructor(number: RegNo) {
    super(409, 'duplicate_registration_number', `Registration number ${number.type} ${number.value} belongs to another customer`, {
      type: number.type,
      value: number.value,
    });
  }
}

const versionConflict = () => new ConflictError('version_conflict', 'The customer was changed by someone else; reload and try again');
const unknownGroup = () => new ValidationError([{ path: 'body.groupId', message: 'No such customer group', code: 'unknown_group' }]);

/** Optional profile strings: an empty string means "none". */
const optionalText = ['companyName', 'legalForm', 'email', 'phone'] as const;

function storedProfile(input: Partial<Profile>) {
  return compact({
    ...input,
    ...(input.addresses ? { addresses: input.addresses.map((a) => compact({ ...a })) } : {}),
  });
}

const lockId = (n: RegNo) => {
  const k = registrationKey(n);
  return `${k.type}#${k.value}`;
};
const termId = (t: SearchTerm) => `${t.field}#${t.term}`;

async function assertGroup(groupId: string | undefined) {
  if (!groupId || groupId === 'none') return;
  const { data } = await CustomerGroup.get({ groupId }).go();
  if (!data) throw unknownGroup();
}

type Cancelled = { canceled: boolean; data: { rejected?: boolean; code?: string }[] };

/** Maps a cancelled customer transaction to the domain error: which op refused decides. */
function cancellation(result: Cancelled, ops: { kind: 'customer' | 'lock' | 'group' | 'other'; number?: RegNo }[]): AppError | Error {
  const index = result.data.findIndex((d) => d.rejected || d.code === 'ConditionalCheckFailed');
  const op = ops[index];
  if (op?.kind === 'lock' && op.number) return new DuplicateRegistrationNumberError(op.number);
  if (op?.kind === 'group') return unknownGroup();
  if (op?.kind === 'customer') return versionConflict();
  return new Error(`Customer transaction cancelled: ${result.data.map((d) => d.code).join(', ')}`);
}

interface NewAccount {
  profile: Profile;
  groupId: string;
  actor: UserActor;
  /** Self-service: the caller becomes the account's owner contact. */
  owner?: { userId: string; name: string; email: string };
}

/** Writes a new customer with its search keys, registration locks (and owner contact) in one transaction. */
async function insertCustomer({ profile, groupId, actor, owner }: NewAccount): Promise<CustomerItem> {
  const customerId = randomUUID();
  const stored = storedProfile(profile);
  const numbers = profile.registrationNumbers ?? [];
  const terms = searchTermsOf(profile);
  const ops: { kind: 'customer' | 'lock' | 'group' | 'other'; number?: RegNo }[] = [
    { kind: 'other' },
    ...numbers.map((number) => ({ kind: 'lock' as const, number })),
    ...terms.map(() => ({ kind: 'other' as const })),
    ...(groupId !== 'none' ? [{ kind: 'group' as const }] : []),
    ...(owner ? [{ kind: 'other' as const }] : []),
  ];
  const item = {
    ...stored,
    type: profile.type,
    name: profile.name,
    currency: profile.currency,
    customerId,
    groupId,
    status: 'pending' as const,
    preferredLanguage: profile.preferredLanguage ?? 'en',
    registrationNumbers: numbers,
    addresses: stored.addresses ?? [],
    createdBy: actor.userId,
  };
  const result = await getStore()
    .transaction.write(({ customer, registrationNumberLock, customerSearchKey, customerGroup, customerContact }) => [
      customer.create(item).commit(),
      ...numbers.map((n) => registrationNumberLock.create({ ...registrationKey(n), customerId }).commit()),
      ...terms.map((t) => customerSearchKey.put({ ...t, customerId }).commit()),
      ...(groupId !== 'none' ? [customerGroup.check({ groupId }).where(({ groupId: g }, { exists }) => exists(g)).commit()] : []),
      ...(owner
        ? [
            customerContact
              .create({ customerId, ...owner, role: 'owner', canSeeTickets: true, canSeeInvoices: true, canManageContacts: true, addedBy: actor.userId })
              .commit(),
          ]
        : []),
    ])
    .go();
  if (result.canceled) throw cancellation(result, ops);
  const { data } = await Customer.get({ customerId }).go({ consistent: true });
  if (!data) throw new Error('Customer not readable after create');
  return data;
}

/** Staff open a customer account (status pending). */
export async function createCustomer(input: CreateCustomer, actor: UserActor): Promise<CustomerView> {
  const { groupId = 'none', ...profile } = input;
  await assertGroup(groupId);
  return toCustomerView(await insertCustomer({ profile, groupId, actor }));
}

/** A customer user opens an account for themselves and becomes its owner contact, in one transaction. */
export async function createOwnCustomer(input: CreateOwnCustomer, actor: UserActor): Promise<CustomerView> {
  if (actor.isStaff) throw new ForbiddenError('Staff open customer accounts from the desk');
  const { data: user } = await User.get({ userId: actor.userId }).go();
  if (!user) throw new NotFoundError('No such user');
  const profile = { ...input, email: input.email || user.email };
  const owner = { userId: user.userId, name: user.name, email: user.email };
  return toCustomerView(await insertCustomer({ profile, groupId: 'none', actor, owner }));
}

async function readCustomer(customerId: string): Promise<CustomerItem> {
  const { data } = await Customer.get({ customerId }).go({ consistent: true });
  if (!data) throw new NotFoundError('No such customer');
  return data;
}

/**
 * Changes a customer's profile: staff with customers:update, or a contact of the account who is
 * its owner or may manage contacts (never its group). Search keys and registration locks that
 * changed are rewritten in the same transaction, conditioned on the version read.
 */
export async function updateCustomer(customerId: string, input: UpdateCustomer, actor: UserActor): Promise<CustomerView> {
  const access = await customerAccess(actor, customerId);
  if (access.kind === 'contact' && !holds(access.contact, 'canManageContacts')) {
    throw new ForbiddenError('Only the account owner or a contact managing the account may edit it');
  }
  const current = await readCustomer(customerId);
  const { version, groupId, ...changes } = input;
  if (access.kind === 'contact' && groupId !== undefined && groupId !== current.groupId) {
    throw new ForbiddenError('Customers cannot change their group');
  }
  if (version !== current.version) throw versionConflict();
  const nextGroup = groupId ?? current.groupId;
  if (nextGroup !== current.groupId) await assertGroup(nextGroup);

  const next = { ...current, ...changes, groupId: nextGroup };
  const cleared = optionalText.filter((k) => next[k] === '' || next[k] === undefined).filter((k) => current[k] !== undefined);
  const set = storedProfile(changes);
  for (const k of optionalText) delete (set as Record<string, unknown>)[k];
  for (const k of optionalText) if (next[k]) (set as Record<string, unknown>)[k] = next[k];

  const before = new Map((current.registrationNumbers ?? []).map((n) => [lockId(n), n]));
  const after = new Map((next.registrationNumbers ?? []).map((n) => [lockId(n), n]));
  const addedNumbers = [...after].filter(([k]) => !before.has(k)).map(([, n]) => n);
  const removedNumbers = [...before].filter(([k]) => !after.has(k)).map(([, n]) => n);
  const oldTerms = new Map(searchTermsOf(current).map((t) => [termId(t), t]));
  const newTerms = new Map(searchTermsOf({ ...next, companyName: next.companyName || undefined, email: next.email || undefined, phone: next.phone || undefined }).map((t) => [termId(t), t]));
  const addedTerms = [...newTerms].filter(([k]) => !oldTerms.has(k)).map(([, t]) => t);
  const removedTerms = [...oldTerms].filter(([k]) => !newTerms.has(k)).map(([, t]) => t);
  const checkGroup = nextGroup !== current.groupId && nextGroup !== 'none';

  const ops: { kind: 'customer' | 'lock' | 'group' | 'other'; number?: RegNo }[] = [
    { kind: 'customer' },
    ...addedNumbers.map((number) => ({ kind: 'lock' as const, number })),
    ...removedNumbers.map(() => ({ kind: 'other' as const })),
    ...addedTerms.map(() => ({ kind: 'other' as const })),
    ...removedTerms.map(() => ({ kind: 'other' as const })),
    ...(checkGroup ? [{ kind: 'group' as const }] : []),
  ];
  const result = await getStore()
    .transaction.write(({ customer, registrationNumberLock, customerSearchKey, customerGroup }) => {
      const patch = customer.patch({ customerId }).set({ ...set, groupId: nextGroup, version: version + 1 });
      const withRemovals = cleared.length > 0 ? patch.remove(cleared) : patch;
      return [
        withRemovals.where(({ version: v }, { eq }) => eq(v, version)).commit(),
        ...addedNumbers.map((n) => registrationNumberLock.create({ ...registrationKey(n), customerId }).commit()),
        ...removedNumbers.map((n) => registrationNumberLock.delete(registrationKey(n)).commit()),
        ...addedTerms.map((t) => customerSearchKey.put({ ...t, customerId }).commit()),
        ...removedTerms.map((t) => customerSearchKey.delete({ ...t, customerId }).commit()),
        ...(checkGroup ? [customerGroup.check({ groupId: nextGroup }).where(({ groupId: g }, { exists }) => exists(g)).commit()] : []),
      ];
    })
    .go();
  if (result.canceled) throw cancellation(result, ops);
  return toCustomerView(await readCustomer(customerId));
}

/** One customer as its reader may see it, with its KYC summary and whether it may be activated now. */
export async function getCustomerDetail(customerId: string, actor: UserActor): Promise<CustomerDetail> {
  await customerAccess(actor, customerId);
  const current = await readCustomer(customerId);
  const kyc = await kycSummary(customerId, current.type);
  return { ...toCustomerView(current), kyc, canActivate: kyc.complete && canTransition(current.status, 'active') };
}

export { readCustomer };
