import { useQuery } from '@tanstack/react-query';
import type * as z from 'zod';
import { myAccount } from '../../../shared/contacts/my-accounts';
import { contactList, contactView, invitationList, invitationView, type inviteContact, type updateContact } from '../../../shared/contacts/schemas';
import type { ApiClient } from './client';
import { useApi } from './context';
import { noContent } from './schemas';

type In<S extends z.ZodType> = z.input<S>;
const id = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** Contacts of an account, invitations to it, and the caller's own invitations: one function per route. */
export function contactsApi(api: ApiClient) {
  const base = (customerId: string) => `/customers/${id(customerId)}`;
  return {
    contacts: (customerId: string, signal?: AbortSignal) => api.get(`${base(customerId)}/contacts`, contactList, opts(signal)),
    updateContact: (customerId: string, userId: string, body: In<typeof updateContact>) =>
      api.patch(`${base(customerId)}/contacts/${id(userId)}`, body, contactView),
    removeContact: (customerId: string, userId: string) => api.delete(`${base(customerId)}/contacts/${id(userId)}`, noContent),
    invitations: (customerId: string, signal?: AbortSignal) => api.get(`${base(customerId)}/invitations`, invitationList, opts(signal)),
    invite: (customerId: string, body: In<typeof inviteContact>) => api.post(`${base(customerId)}/invitations`, body, invitationView),
    revoke: (customerId: string, invitationId: string) => api.delete(`${base(customerId)}/invitations/${id(invitationId)}`, noContent),
    myInvitations: (signal?: AbortSignal) => api.get('/me/invitations', invitationList, opts(signal)),
    accept: (invitationId: string) => api.post(`/me/invitations/${id(invitationId)}/accept`, undefined, myAccount),
    decline: (invitationId: string) => api.post(`/me/invitations/${id(invitationId)}/decline`, undefined, noContent),
  };
}

export const contactKeys = {
  /** Every account's contacts (a lifted mail suppression changes contacts' bounce flags). */
  all: ['contacts'] as const,
  /** Everything about one account's contacts (list and invitations). */
  account: (customerId: string) => ['contacts', customerId] as const,
  contacts: (customerId: string) => ['contacts', customerId, 'list'] as const,
  invitations: (customerId: string) => ['contacts', customerId, 'invitations'] as const,
  mine: ['me', 'invitations'] as const,
};

export function useContacts(customerId: string) {
  const api = useApi();
  return useQuery({ queryKey: contactKeys.contacts(customerId), queryFn: ({ signal }) => contactsApi(api).contacts(customerId, signal) });
}

/** Pending invitations of an account; only for those who manage its contacts. */
export function useInvitations(customerId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: contactKeys.invitations(customerId), queryFn: ({ signal }) => contactsApi(api).invitations(customerId, signal), enabled });
}

export function useMyInvitations() {
  const api = useApi();
  return useQuery({ queryKey: contactKeys.mine, queryFn: ({ signal }) => contactsApi(api).myInvitations(signal) });
}
