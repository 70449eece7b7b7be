// Greeting, help, the approvals channel, and remembering where people are.
import type { Application, TurnState } from '@microsoft/teams-ai';
import { may } from '../../domain/permissions';
import { setApprovalsChannel } from '../../services/conversations';
import { NotOnRosterError } from '../../services/errors';
import { StoreUnavailableError } from '../../store/collection';
import { helpCard } from '../cards';
import { channelIdOf, isChannel, personOf, rememberTeamOf, rememberWhereTheyAre, teamIdOfTurn } from '../identity';
import { forgetTeam, teamMembersChanged } from '../../services/teamReach';
import type { Turns } from '../turns';

export const APPROVALS_HERE = /^approvals here\s+(.{1,100})$/i;
export const HELP = /^(help|hi|hello|hey|start|\?)$/i;

export function registerGeneralRoutes(app: Application<TurnState>, { ctx, command, reply, notSetUp }: Turns): void {
  app.message(
    APPROVALS_HERE,
    command(async (context, person, match) => {
      if (!isChannel(context)) return 'Say this in the channel that should receive approval cards, with an @mention of the bot.';
      const team = match![1].trim();
      await setApprovalsChannel(ctx, person, team, channelIdOf(context)!);
      return `This channel will now receive approval cards for ${team} when no Head of Service can be reached in chat. Cards here show case references only.`;
    }, APPROVALS_HERE),
  );
  app.message(
    HELP,
    command(async (_c, person) => helpCard(person, may(person, 'see the move tracker', {}))),
  );

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
      if (!isChannel(context)) await reply(context, helpCard(person, may(person, 'see the move tracker', {})));
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
