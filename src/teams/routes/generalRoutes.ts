// The approvals channel, the greeting, and remembering where people are and which teams the bot is
// in. Help and the greeting's list are generated from the command table (chatCommands.ts).
import type { Application, TurnState } from '@microsoft/teams-ai';
import { setApprovalsChannel } from '../../services/conversations';
import type { Person } from '../../domain/people';
import { NotOnRosterError } from '../../services/errors';
import { forgetTeam, teamMembersChanged } from '../../services/teamReach';
import { StoreUnavailableError } from '../../store/collection';
import type { AdaptiveCard } from '../cards';
import { defineChatCommand, permitted } from '../chatCommand';
import { channelIdOf, isChannel, personOf, rememberTeamOf, rememberWhereTheyAre, teamIdOfTurn } from '../identity';
import type { Turns } from '../turns';

export const APPROVALS_HERE = /^approvals here\s+(.{1,100})$/i;

export const APPROVALS_HERE_COMMAND = defineChatCommand({
  name: 'approvals here <team>',
  pattern: APPROVALS_HERE,
  usableBy: [permitted('choose the approvals channel', ({ teams }) => teams.map((team) => ({ teams: [team] })))],
  help: 'In a channel: approval cards come here when no Head of Service can be reached in chat',
  example: 'approvals here North',
  menu: ['team'],
  handle: async ({ ctx, context, person, match }) => {
    if (!isChannel(context)) return 'Say this in the channel that should receive approval cards, with an @mention of the bot.';
    const team = match[1].trim();
    await setApprovalsChannel(ctx, person, team, channelIdOf(context)!);
    return `This channel will now receive approval cards for ${team} when no Head of Service can be reached in chat. Cards here show case references only.`;
  },
});

/** `greeting`: the card a person gets when they first open the bot (the help card for their role, from the command table). */
export function registerGeneralRoutes(app: Application<TurnState>, { ctx, reply, notSetUp }: Turns, greeting: (person: Person) => AdaptiveCard): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botJoined = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
    // A team the bot is in (or was just added to): its member list is read, so that the bot can
    // start a chat with members who never opened it; people added later are found the same way.
    const teamId = await rememberTeamOf(ctx, context).catch((err) => {
      ctx.log.warn({ err: String(err) }, 'could not record a team');
      return null;
    });
    if (!botJoined) {
      if (teamId) await teamMembersChanged(ctx, teamId).catch((err) => ctx.log.warn({ err: String(err) }, 'could not record new members of a team'));
      return;
    }
    try {
      const person = await personOf(ctx, context);
      if (!isChannel(context)) await reply(context, greeting(person));
    } catch (err) {
      if (err instanceof NotOnRosterError) await context.sendActivity(notSetUp);
      else if (err instanceof StoreUnavailableError) ctx.log.warn({ err: err.message }, 'could not record a new conversation');
      else throw err;
    }
  });

  // Removed from a team: the bot forgets it; members leaving it: its member list is read again.
  app.conversationUpdate('membersRemoved', async (context) => {
    const teamId = teamIdOfTurn(context);
    if (!teamId) return;
    const botLeft = context.activity.membersRemoved?.some((m) => m.id === context.activity.recipient.id);
    await (botLeft ? forgetTeam(ctx, teamId) : teamMembersChanged(ctx, teamId)).catch((err) => ctx.log.warn({ err: String(err) }, 'could not record members leaving a team'));
  });

  // Remember every conversation the bot is added to, even before anyone speaks.
  app.activity('installationUpdate', async (context) => {
    await rememberWhereTheyAre(ctx, context, null).catch(() => undefined);
  });
}
