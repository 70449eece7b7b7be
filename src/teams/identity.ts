// Who is speaking: the Teams user of the activity, matched to the roster on the server. Nothing a
// card sends is used for identity.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Person } from '../domain/people';
import type { Reader } from './disclosure';
import type { ServiceContext } from '../services/context';
import { identify } from '../services/people';
import { rememberConversation } from '../services/conversations';
import { rememberTeam } from '../services/teamReach';
import { conversationAddressOfActivity, teamIdOfActivity } from './botFrameworkEdge';

export function isChannel(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'channel';
}

/** A person's own chat with the bot. Anything else (channel, group chat, meeting chat, or an activity that does not say) is shared. */
export function isPersonalChat(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}

/** Who reads what the bot answers here, and whether the conversation is shared (see disclosure.ts). */
export function readerOf(context: TurnContext, person: Person | null): Reader {
  return { person, shared: !isPersonalChat(context) };
}

/** The roster entry of the user behind this activity; throws NotOnRosterError when there is none. */
export async function personOf(ctx: ServiceContext, context: TurnContext): Promise<Person> {
  const from = context.activity.from;
  const person = await identify(ctx, from?.aadObjectId, async () => {
    // First contact only: ask Teams for the user's email / UPN.
    const member = await TeamsInfo.getMember(context, from.id);
    return member.email ?? member.userPrincipalName ?? null;
  });
  await rememberWhereTheyAre(ctx, context, person);
  return person;
}

/** Stores where this person (or channel) can be reached, so the bot can message them later. */
export async function rememberWhereTheyAre(ctx: ServiceContext, context: TurnContext, person: Person | null): Promise<void> {
  if (isPersonalChat(context) && person) {
    const address = conversationAddressOfActivity(context.activity, context.activity.conversation.id);
    await rememberConversation(ctx, person, { kind: 'personal', address });
  } else if (isChannel(context)) {
    const channelId = channelIdOf(context);
    if (channelId) await rememberConversation(ctx, null, { kind: 'channel', address: conversationAddressOfActivity(context.activity, channelId) });
    await rememberTeamOf(ctx, context);
  }
}

/**
 * Stores the team of a channel activity, if it has one: the bot can then start a chat with any
 * member of it (services/teamReach.ts). Returns the team's id.
 */
export async function rememberTeamOf(ctx: ServiceContext, context: TurnContext): Promise<string | null> {
  const teamId = teamIdOfTurn(context);
  if (teamId) await rememberTeam(ctx, conversationAddressOfActivity(context.activity, teamId));
  return teamId;
}

/** The Teams team this activity happened in, if any. */
export function teamIdOfTurn(context: TurnContext): string | null {
  return teamIdOfActivity(context.activity);
}

/** The channel's own id (a channel conversation id may carry ";messageid=..." for a thread). */
export function channelIdOf(context: TurnContext): string | null {
  const data = context.activity.channelData as { channel?: { id?: string } } | undefined;
  return data?.channel?.id ?? context.activity.conversation?.id?.split(';')[0] ?? null;
}
