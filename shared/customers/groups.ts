import { randomUUID } from 'node:crypto';
import { CustomerGroup, type CustomerGroupItem } from '../db/entities/customer-group.js';
import { Customer } from '../db/entities/customer.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { CreateCustomerGroup, CustomerGroupView, UpdateCustomerGroup } from './schemas.js';

const directory = 'customerGroups';

export function toGroupView(item: CustomerGroupItem): CustomerGroupView {
  return {
    groupId: item.groupId,
    name: item.name,
    description: item.description,
    discountBps: item.discountBps,
    taxExempt: item.taxExempt,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** Every group, by name. */
export async function listGroups(): Promise<CustomerGroupView[]> {
  const { data } = await CustomerGroup.query.byDirectory({ directory }).go({ pages: 'all' });
  return data.map(toGroupView).sort((a, b) => a.name.localeCompare(b.name));
}

/** Names are unique ignoring case (checked against the short group list). */
async function assertNameFree(name: string, except?: string) {
  const lower = name.toLowerCase();
  const taken = (await listGroups()).some((g) => g.name.toLowerCase() === lower && g.groupId !== except);
  if (taken) throw new ConflictError('group_name_taken', `A customer group named ${name} already exists`, { name });
}

export async function createGroup(input: CreateCustomerGroup): Promise<CustomerGroupView> {
  await assertNameFree(input.name);
  const { data } = await CustomerGroup.create({ groupId: randomUUID(), ...input }).go();
  return toGroupView(data);
}

export async function updateGroup(groupId: string, input: UpdateCustomerGroup): Promise<CustomerGroupView> {
  const { data: current } = await CustomerGroup.get({ groupId }).go();
  if (!current) throw new NotFoundError('No such customer group');
  const { version, ...fields } = input;
  if (version !== current.version) throw new ConflictError('version_conflict', 'The group was changed by someone else; reload and try again');
  await assertNameFree(fields.name, groupId);
  try {
    await CustomerGroup.patch({ groupId })
      .set({ ...fields, version: version + 1 })
      .where(({ version: v }, { eq }) => eq(v, version))
      .go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new ConflictError('version_conflict', 'The group was changed by someone else; reload and try again');
    throw err;
  }
  return toGroupView({ ...current, ...fields, version: version + 1, updatedAt: new Date().toISOString() });
}

/** Deletes a group no customer references (byGroup index, one item read). */
export async function deleteGroup(groupId: string): Promise<void> {
  const { data: current } = await CustomerGroup.get({ groupId }).go();
  if (!current) throw new NotFoundError('No such customer group');
  const { data: members } = await Customer.query.byGroup({ groupId }).go({ limit: 1, attributes: ['customerId'] });
  if (members.length > 0) throw new ConflictError('group_in_use', 'Customers still belong to this group', { groupId });
  await CustomerGroup.delete({ groupId }).go();
}
