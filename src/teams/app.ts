// The teams-ai Application. Routes live in routes/, one module per area; the chat commands are one
// table (routes/chatCommands.ts). Each handler parses what came in, calls a service and renders the
// result. Permission and validation live in the services.
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { INVOKE_RESPONSE_KEY } from 'botbuilder';
import type { ServiceContext } from '../services/context';
import { StoreUnavailableError } from '../store/collection';
import { noticeCard } from './cards';
import { registerAlertRoutes } from './routes/alertRoutes';
import { helpFor, registerChatCommands } from './routes/chatCommands';
import { registerGeneralRoutes } from './routes/generalRoutes';
import { registerGuidanceRoutes, type GuidanceDeps } from './routes/guidanceRoutes';
import { registerMeetingRoutes } from './routes/meetingRoutes';
import { registerMoveRoutes } from './routes/moveRoutes';
import { registerPlanRoutes } from './routes/planRoutes';
import { createTurns, NOTHING_SAVED } from './turns';

export interface BotOptions {
  adapter: TeamsAdapter;
  botAppId: string;
  services: ServiceContext;
  supportContact: string;
  guidance: GuidanceDeps;
}

export function createBot(options: BotOptions): Application<TurnState> {
  const ctx = options.services;
  const app = new Application<TurnState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    // No storage: the bot keeps nothing in teams-ai's turn state (every record lives in the
    // services' collections), so loading and saving it would cost a store round trip per turn and
    // could fail a turn before its handler runs when the database is down.
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  const turns = createTurns(ctx, options.supportContact);

  // Chat commands from the table, in its order (the guidance catch-all last); then the card buttons.
  registerChatCommands(app, turns, { guidance: options.guidance });
  registerGeneralRoutes(app, turns, (person) => helpFor(person, { firstContact: true }));
  registerMoveRoutes(app, turns);
  registerPlanRoutes(app, turns);
  registerAlertRoutes(app, turns);
  registerMeetingRoutes(app, turns);
  registerGuidanceRoutes(app, turns, options.guidance);
  // A button from an old or forged card whose verb no route knows: say so rather than fail.
  app.adaptiveCards.actionExecute(
    /.*/,
    turns.verb(async () => noticeCard('Nothing changed', 'This button is not recognised; the card may be out of date. Say "help" to see what I can do.')),
  );

  app.error(async (context, err) => {
    ctx.log.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err), activityType: context.activity.type }, 'turn failed');
    const message = err instanceof StoreUnavailableError ? NOTHING_SAVED : 'Sorry, something went wrong and nothing was changed. Please try again.';
    if (context.activity.type === 'message') await context.sendActivity(message).catch(() => undefined);
    // A pressed button still gets a card back, so the person sees what happened.
    if (context.activity.type === 'invoke' && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
      await context
        .sendActivity({
          type: 'invokeResponse',
          value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: noticeCard('Nothing changed', message) } },
        })
        .catch(() => undefined);
    }
  });

  return app;
}
