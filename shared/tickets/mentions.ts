import { User, type UserItem } from '../db/entities/user.js';

/** At most this many distinct `@` tokens are looked up per note (each is one indexed query). */
export const maxMentions = 10;

const mentionPattern = /(^|[^\w@.+-])@([a-z0-9][a-z0-9._%+-]*(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?)/gi;

/**
 * The `@handle` and `@email` tokens of a note, lower-cased, distinct, in order, at most
 * `maxMentions`. A handle is the part of a staff email before the `@` (`@agent` =
 * agent@cloudmanager.example). An email inside text (`bob@example.com`) is not a mention.
 */
export function mentionTokens(body: string): string[] {
  const tokens: string[] = [];
  for (const m of body.matchAll(mentionPattern)) {
    const token = m[2]!.toLowerCase().replace(/[._%+-]+$/, '');
    if (token && !tokens.includes(token)) tokens.push(token);
    if (tokens.length === maxMentions) break;
  }
  return tokens;
}

const directory = 'users';
const isActiveStaff = (u: UserItem) => u.kind === 'staff' && u.status === 'active';

/**
 * Resolves one token against the user directory's email index (`begins_with`, never a scan): an
 * email must match exactly; a handle must be the local part of exactly one active staff user's
 * email (several with the same handle: ambiguous, not resolved). Customers are never mentioned.
 */
async function resolveToken(token: string): Promise<UserItem | undefined> {
  const prefix = token.includes('@') ? token : `${token}@`;
  const { data } = await User.query.byEmail({ directory }).begins({ emailLower: prefix }).go({ limit: 10 });
  const staff = data.filter((u) => isActiveStaff(u) && (token.includes('@') ? u.emailLower === token : true));
  return staff.length === 1 ? staff[0] : undefined;
}

/** The staff users a note mentions, distinct. */
export async function resolveMentions(body: string): Promise<UserItem[]> {
  const found = await Promise.all(mentionTokens(body).map(resolveToken));
  const users = new Map<string, UserItem>();
  for (const u of found) if (u) users.set(u.userId, u);
  return [...users.values()];
}
