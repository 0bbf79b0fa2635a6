import type { CustomerItem } from '../db/entities/customer.js';
import type { CustomerView } from './schemas.js';

const present = <T>(key: string, value: T | undefined) => (value === undefined || value === '' ? {} : { [key]: value });

/** Drops undefined members, so stored maps and API answers carry only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function toCustomerView(item: CustomerItem): CustomerView {
  return {
    customerId: item.customerId,
    type: item.type,
    name: item.name,
    ...present('companyName', item.companyName),
    ...present('legalForm', item.legalForm),
    registrationNumbers: (item.registrationNumbers ?? []).map((n) => ({ type: n.type, value: n.value })),
    addresses: (item.addresses ?? []).map((a) => compact({ ...a })),
    ...present('email', item.email),
    ...present('phone', item.phone),
    preferredLanguage: item.preferredLanguage,
    currency: item.currency,
    groupId: item.groupId,
    status: item.status,
    ...present('statusReason', item.statusReason),
    ...present('statusChangedAt', item.statusChangedAt),
    ...present('statusChangedBy', item.statusChangedBy),
    ...present('kycFlag', item.kycFlag),
    ...present('kycOverride', item.kycOverride),
    createdBy: item.createdBy,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  } as CustomerView;
}
