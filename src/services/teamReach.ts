// Reaching people who never opened the bot. A bot installed in a Teams team may start a one-to-one
// chat with any member of that team, so the bot reads the member list of every team it is in,
// matches the members to the roster, and keeps for each roster person found a "member" address:
// the team's service URL, tenant and bot id, with the person's Teams user id. The delivery loop
// starts the chat from it when it first has something for them (src/teams/delivery.ts).
//
// A member is matched by their Entra object id, or else by their email (UPN); an entry already
// linked to one Teams user is never matched to another by email, as in identify (services/people.ts),
// and guests, anonymous members and members of another tenant are never matched.
import { normaliseEmail, type Person } from '../domain/people';
import type { ConversationAddress, ConversationDoc, LegacyConversationDoc } from '../store/records';
import type { ServiceContext } from './context';
import { rememberedByRecords } from './knownChats';
import { sendWaitingApprovalsTo } from './moveEffects';
import { releaseHeldMessages } from './outbox';
import { toPerson } from './people';

/** One member of a team, as the Teams connector lists them. */
export interface TeamMember {
  /** The Teams user id ("29:..."). */
  teamsUserId: string;
  aadObjectId: string | null;
  /** The email, or else the user principal name. */
  email: string | null;
  /** 'user', 'guest' or 'anonymous', as Teams says; a guest or anonymous member is never matched. */
  userRole?: string | null;
  /** The member's own tenant, when Teams says: one other than the team's is never matched. */
  tenantId?: string | null;
}

/** How often a team's member list is read again by the delivery loop, to find people added since. */
export const TEAM_MEMBERS_FRESH_FOR_MS = 24 * 60 * 60 * 1000;
/** Before a person is held as unreachable, the teams are read again if their lists are older than this. */
export const TEAM_MEMBERS_REREAD_ON_DEMAND_AFTER_MS = 10 * 60 * 1000;

/**
 * The roster person of each team member, where there is one: by Entra object id, or else by email
 * when the roster entry is not linked to a different Teams user. Each person at most once.
 */
export function matchMembersToRoster(members: TeamMember[], people: Person[], teamTenantId: string | null = null): Array<{ person: Person; member: TeamMember }> {
  const byObjectId = new Map(people.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId!.toLowerCase(), p]));
  const byEmail = new Map(people.map((p) => [normaliseEmail(p.email), p]));
  const matched = new Map<string, { person: Person; member: TeamMember }>();
  for (const member of members) {
    if (!member.teamsUserId) continue;
    // A guest (or anyone from another tenant) can carry a roster person's email: never them.
    if (member.userRole && member.userRole.toLowerCase() !== 'user') continue;
    if (member.tenantId && teamTenantId && member.tenantId.toLowerCase() !== teamTenantId.toLowerCase()) continue;
    const objectId = member.aadObjectId?.toLowerCase() ?? null;
    let person = objectId ? byObjectId.get(objectId) : undefined;
    if (!person && member.email) {
      const byMail = byEmail.get(normaliseEmail(member.email));
      // Linked to another Teams user (a guest or another tenant can carry the same address): not them.
      if (byMail && (!byMail.aadObjectId || byMail.aadObjectId.toLowerCase() === objectId)) person = byMail;
    }
    if (person && !matched.has(person.id)) matched.set(person.id, { person, member });
  }
  return [...matched.values()];
}

/** Teams this process was told to read at once (a new team, members added), per set of records. */
const teamsToReadByRecords = new WeakMap<object, boolean>();

/** Whether a team was learnt or changed in this process since the delivery loop last asked; resets the flag. */
export function takeTeamsToRead(ctx: ServiceContext): boolean {
  const flagged = teamsToReadByRecords.get(ctx.records) === true;
  teamsToReadByRecords.delete(ctx.records);
  return flagged;
}

function askForTeamRead(ctx: ServiceContext): void {
  teamsToReadByRecords.set(ctx.records, true);
  ctx.onOutboxChanged(); // wakes the delivery loop, which reads the team
}

/** The same memory rememberConversation keeps: a team seen on every channel message costs no store read. */
const REMEMBERED_FOR_MS = 10 * 60 * 1000;

/**
 * Stores a team the bot is in (from its installation, a member added, or any message in one of its
 * channels). A team new to the bot has its member list read by the delivery loop.
 */
export async function rememberTeam(ctx: ServiceContext, address: ConversationAddress): Promise<void> {
  const id = `team:${address.conversationId}`;
  const key = JSON.stringify([address.serviceUrl, address.tenantId, address.botId]);
  let remembered = rememberedByRecords.get(ctx.records);
  if (!remembered) rememberedByRecords.set(ctx.records, (remembered = new Map()));
  const now = ctx.now().getTime();
  const known = remembered.get(id);
  if (known && known.key === key && known.until > now) return;
  const existing = (await ctx.records.conversations.get(id)) as ConversationDoc | null;
  const same = existing && JSON.stringify([existing.serviceUrl, existing.tenantId, existing.botId]) === key;
  if (!same) {
    await ctx.records.conversations.put({
      _id: id,
      version: (existing?.version ?? 0) + 1,
      kind: 'team',
      personId: null,
      ...address,
      conversationType: 'channel',
      userAadId: null,
      membersReadAt: null,
      updatedAt: ctx.now().toISOString(),
    });
    askForTeamRead(ctx);
  }
  remembered.set(id, { key, until: now + REMEMBERED_FOR_MS });
}

/** People joined a team the bot is in: its member list is read again. */
export async function teamMembersChanged(ctx: ServiceContext, teamId: string): Promise<void> {
  const team = await ctx.records.conversations.get(`team:${teamId}`);
  if (!team || team.kind !== 'team') return;
  await markTeam(ctx, team, null);
  askForTeamRead(ctx);
}

/** Sets when a team's member list was read (null: to be read); a team changed meanwhile is left as it is. */
async function markTeam(ctx: ServiceContext, team: ConversationDoc | LegacyConversationDoc, membersReadAt: string | null): Promise<void> {
  const changes: Partial<ConversationDoc> = { membersReadAt, updatedAt: ctx.now().toISOString() };
  await ctx.records.conversations.updateIfVersion(team._id, team.version, changes as Partial<Omit<ConversationDoc | LegacyConversationDoc, '_id' | 'version'>>);
}

/** The bot was removed from a team: it is forgotten, with the member addresses found through it. */
export async function forgetTeam(ctx: ServiceContext, teamId: string): Promise<void> {
  await ctx.records.conversations.deleteMany({ kind: 'member', conversationId: teamId });
  await ctx.records.conversations.delete(`team:${teamId}`);
  rememberedByRecords.get(ctx.records)?.delete(`team:${teamId}`);
}

/** The teams whose member list is older than `olderThanMs` (or never read). */
export async function teamsToRead(ctx: ServiceContext, olderThanMs: number): Promise<ConversationDoc[]> {
  const before = new Date(ctx.now().getTime() - olderThanMs).toISOString();
  const teams = (await ctx.records.conversations.find({ kind: 'team' }, { sort: { _id: 1 }, limit: 500 })) as ConversationDoc[];
  return teams.filter((t) => !t.membersReadAt || t.membersReadAt < before);
}

/**
 * Keeps what a team's member list says about roster people: a member address for each one matched
 * (updated when it changed), and for those with no chat with the bot yet, their held messages and
 * waiting approval cards queued again. Marks the team read. Returns how many were matched.
 */
export async function learnTeamMembers(ctx: ServiceContext, team: ConversationDoc, members: TeamMember[]): Promise<{ matched: number; newlyReachable: string[] }> {
  const objectIds = [...new Set(members.map((m) => m.aadObjectId?.toLowerCase()).filter((x): x is string => !!x))];
  const emails = [...new Set(members.map((m) => (m.email ? normaliseEmail(m.email) : '')).filter(Boolean))];
  const people = [
    ...(objectIds.length > 0 ? await ctx.records.people.find({ aadObjectId: { $in: objectIds } }) : []),
    ...(emails.length > 0 ? await ctx.records.people.find({ _id: { $in: emails } }) : []),
  ]
    .filter((p) => p.roles.length > 0) // a leaver keeps their entry but has nothing to receive
    .map(toPerson);
  const matches = matchMembersToRoster(members, people, team.tenantId);
  const at = ctx.now().toISOString();
  const newlyReachable: string[] = [];
  for (const { person, member } of matches) {
    const id = `member:${person.id}`;
    const existing = (await ctx.records.conversations.get(id)) as ConversationDoc | null;
    const doc: ConversationDoc = {
      _id: id,
      version: (existing?.version ?? 0) + 1,
      kind: 'member',
      personId: person.id,
      conversationId: team.conversationId,
      serviceUrl: team.serviceUrl,
      tenantId: team.tenantId,
      botId: team.botId,
      conversationType: 'channel',
      userAadId: member.aadObjectId?.toLowerCase() ?? null,
      teamsUserId: member.teamsUserId,
      updatedAt: at,
    };
    const changed = !existing || (['conversationId', 'serviceUrl', 'tenantId', 'botId', 'userAadId', 'teamsUserId'] as const).some((k) => existing[k] !== doc[k]);
    if (changed) await ctx.records.conversations.put(doc);
    if (!existing && !(await ctx.records.conversations.get(`person:${person.id}`))) {
      newlyReachable.push(person.id);
      await releaseHeldMessages(ctx, person.id);
      await sendWaitingApprovalsTo(ctx, person);
    }
  }
  // People no longer in this team are not reached through it (a chat they opened is kept).
  const matchedIds = new Set(matches.map((m) => m.person.id));
  for (const doc of await ctx.records.conversations.find({ kind: 'member', conversationId: team.conversationId })) {
    if (!matchedIds.has((doc as ConversationDoc).personId ?? '')) await ctx.records.conversations.delete(doc._id);
  }
  await markTeam(ctx, team, at);
  if (matches.length > 0 || members.length > 0) ctx.log.info({ team: team.conversationId, members: members.length, matched: matches.length }, 'read the member list of a team');
  return { matched: matches.length, newlyReachable };
}

/** A team's member list could not be read: not tried again until it is due (see the delivery loop). */
export async function teamMembersUnreadable(ctx: ServiceContext, team: ConversationDoc): Promise<void> {
  await markTeam(ctx, team, ctx.now().toISOString());
}

/** The member address through which a chat with `personId` can be started, if a team of the bot's has them. */
export async function memberAddressOf(ctx: ServiceContext, personId: string): Promise<(ConversationAddress & { teamsUserId: string }) | null> {
  const doc = await ctx.records.conversations.get(`member:${personId}`);
  if (!doc || doc.kind !== 'member' || !('teamsUserId' in doc) || !doc.teamsUserId) return null;
  const { conversationId, serviceUrl, tenantId, botId, conversationType, userAadId, teamsUserId } = doc;
  return { conversationId, serviceUrl, tenantId, botId, conversationType, userAadId, teamsUserId };
}
