// The conversation addresses this process stored or found stored (see rememberConversation), kept
// apart from conversations.ts so that the effects of a move can ask "does this person have a chat?"
// without a cycle between the two.
import type { ServiceContext } from './context';

export const rememberedByRecords = new WeakMap<object, Map<string, { key: string; until: number }>>();

/**
 * Whether this process knows `personId` has a chat with the bot (it stored or found their address
 * within the time rememberConversation keeps it), without reading the store. Only a yes is remembered: a no is asked of
 * the store. A chat that has since gone is found out when a message to it is refused (and then
 * followed up, see services/undelivered.ts).
 */
export function knownToHaveChat(ctx: ServiceContext, personId: string): boolean {
  const known = rememberedByRecords.get(ctx.records)?.get(`person:${personId}`);
  return !!known && known.until > ctx.now().getTime();
}

/**
 * Whether the bot can reach `personId` in Teams: they have a chat with the bot, or a team the bot
 * is in has them as a member, so a chat can be started (services/teamReach.ts).
 */
export async function reachableInTeams(ctx: ServiceContext, personId: string): Promise<boolean> {
  if (knownToHaveChat(ctx, personId) || ctx.teamsAppCanBeAdded) return true;
  return (await ctx.records.conversations.count({ _id: { $in: [`person:${personId}`, `member:${personId}`] } })) > 0;
}
