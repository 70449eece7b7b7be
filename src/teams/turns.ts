// The two shapes every handler takes: a chat command (answers in chat) and a card verb (its card
// replaces the pressed one). Both run as the roster person behind the activity, and turn the
// services' refusals into a clear message; anything unexpected goes to the error handler.
import type { TurnState } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Person } from '../domain/people';
import type { ServiceContext } from '../services/context';
import { ConflictError, InvalidInputError, NotFoundError, NotOnRosterError, NotPermittedError } from '../services/errors';
import { StoreUnavailableError } from '../store/collection';
import { noticeCard, type AdaptiveCard } from './cards';
import { personOf } from './identity';

export const NOTHING_SAVED = 'Nothing was saved: the bot cannot reach its database just now. Please try again in a minute.';

export type CommandHandler = (context: TurnContext, person: Person, match: RegExpMatchArray | null) => Promise<AdaptiveCard | string>;
export type VerbHandler = (context: TurnContext, person: Person, data: Record<string, unknown>) => Promise<AdaptiveCard>;

export interface Turns {
  ctx: ServiceContext;
  notSetUp: string;
  refusalCard(err: unknown): AdaptiveCard;
  reply(context: TurnContext, card: AdaptiveCard): Promise<void>;
  command(handler: CommandHandler, pattern?: RegExp): (context: TurnContext) => Promise<void>;
  verb(handler: VerbHandler): (context: TurnContext, state: TurnState, data: unknown) => Promise<AdaptiveCard>;
}

export function createTurns(ctx: ServiceContext, supportContact: string): Turns {
  const notSetUp = `You are not set up to use the Placement Stability Bot yet. Please ask ${supportContact} to add you to the roster.`;

  function refusalCard(err: unknown): AdaptiveCard {
    if (err instanceof NotOnRosterError) return noticeCard('Not set up', notSetUp);
    if (err instanceof NotPermittedError) return noticeCard('Not allowed', err.message);
    if (err instanceof NotFoundError) return noticeCard('Not found', err.message);
    if (err instanceof ConflictError) return noticeCard('Nothing changed', err.message);
    if (err instanceof InvalidInputError) return noticeCard('Please check your answers', Object.values(err.fields).join(' '));
    if (err instanceof StoreUnavailableError) return noticeCard('Please try again', NOTHING_SAVED);
    throw err;
  }

  async function reply(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  return {
    ctx,
    notSetUp,
    refusalCard,
    reply,
    command: (handler, pattern) => async (context) => {
      let result: AdaptiveCard | string;
      try {
        const person = await personOf(ctx, context);
        result = await handler(context, person, pattern ? (context.activity.text ?? '').trim().match(pattern) : null);
      } catch (err) {
        result = refusalCard(err);
      }
      if (typeof result === 'string') await context.sendActivity(result);
      else await reply(context, result);
    },
    verb: (handler) => async (context, _state, data) => {
      try {
        const person = await personOf(ctx, context);
        return await handler(context, person, (data && typeof data === 'object' ? data : {}) as Record<string, unknown>);
      } catch (err) {
        return refusalCard(err);
      }
    },
  };
}
