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
import { isPersonalChat, personOf } from './identity';
import { renderOutboxEntry } from './outboxRenderer';
import { enqueue } from '../services/outbox';

export const NOTHING_SAVED = 'Nothing was saved: the bot cannot reach its database just now. Please try again in a minute.';

/**
 * A press answered only in the presser's own chat: what it would show (or the form it would open)
 * must not appear in the shared conversation it was made in. Thrown by a verb handler, it takes the
 * path of a refusal there: the shared card stays as it was and the presser is told in their own chat.
 */
export class OwnChatOnlyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OwnChatOnlyError';
  }
}

export type CommandHandler = (context: TurnContext, person: Person, match: RegExpMatchArray | null) => Promise<AdaptiveCard | string>;
export type VerbHandler = (context: TurnContext, person: Person, data: Record<string, unknown>) => Promise<AdaptiveCard>;

export interface Turns {
  ctx: ServiceContext;
  notSetUp: string;
  refusalCard(err: unknown): AdaptiveCard;
  reply(context: TurnContext, card: AdaptiveCard): Promise<void>;
  command(handler: CommandHandler, pattern?: RegExp): (context: TurnContext) => Promise<void>;
  /** A string answer is a message to the presser alone: the pressed card stays as it is (see keepSharedCard). */
  verb(handler: VerbHandler): (context: TurnContext, state: TurnState, data: unknown) => Promise<AdaptiveCard | string>;
}

export function createTurns(ctx: ServiceContext, supportContact: string): Turns {
  const notSetUp = `You are not set up to use the Placement Stability Bot yet. Please ask ${supportContact} to add you to the roster.`;

  /** What a refusal or a failed press says; anything else is rethrown, for the error handler. */
  function refusalWords(err: unknown): { title: string; text: string } {
    if (err instanceof NotOnRosterError) return { title: 'Not set up', text: notSetUp };
    if (err instanceof OwnChatOnlyError) return { title: 'In your own chat', text: err.message };
    if (err instanceof NotPermittedError) return { title: 'Not allowed', text: err.message };
    if (err instanceof NotFoundError) return { title: 'Not found', text: err.message };
    if (err instanceof ConflictError) return { title: 'Nothing changed', text: err.message };
    if (err instanceof InvalidInputError) return { title: 'Please check your answers', text: Object.values(err.fields).join(' ') };
    if (err instanceof StoreUnavailableError) return { title: 'Please try again', text: NOTHING_SAVED };
    throw err;
  }

  function refusalCard(err: unknown): AdaptiveCard {
    const { title, text } = refusalWords(err);
    return noticeCard(title, text);
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
      let person: Person | null = null;
      try {
        person = await personOf(ctx, context);
        return await handler(context, person, (data && typeof data === 'object' ? data : {}) as Record<string, unknown>);
      } catch (err) {
        return isPersonalChat(context) ? refusalCard(err) : keepSharedCard(ctx, context, person, err, refusalWords(err));
      }
    },
  };
}

/** The copies the bot posts of a record, which a press in a shared conversation may be made on. */
const RECORD_CARDS = new Set(['move-card', 'alert-card', 'meeting-card']);

/**
 * A press refused (or gone wrong) in a channel, group chat or meeting chat. Whatever the bot answers
 * replaces the pressed card for everyone there, so a refusal card would wipe a card others still
 * need (anyone in an approvals channel could clear its approval cards). So the card is answered as
 * the bot posted it there, rendered for that conversation as the outbox renders it, and the presser
 * is told why in their own chat. A card the bot did not post there (a forged press, or a card that
 * was itself a press's answer) is not rendered: the answer is a message to the presser alone, which
 * leaves the card as it is and shows nothing of the record.
 */
async function keepSharedCard(
  ctx: ServiceContext,
  context: TurnContext,
  person: Person | null,
  err: unknown,
  { title, text }: { title: string; text: string },
): Promise<AdaptiveCard | string> {
  const said = `${title}: ${text}`;
  if (err instanceof StoreUnavailableError) return said;
  try {
    if (person) {
      await enqueue(ctx, {
        key: `refusal:${context.activity.id ?? `${person.id}:${ctx.now().toISOString()}`}`,
        recipient: { kind: 'person', personId: person.id },
        content: { kind: 'notice', title, text: `${text} (You pressed it in a shared conversation; the card there is unchanged.)` },
        subjectRef: null,
      });
    }
    return (await cardPostedAt(ctx, context)) ?? said;
  } catch (failure) {
    if (failure instanceof StoreUnavailableError) return said;
    throw failure;
  }
}

/** The card the bot posted as the pressed message in this conversation, rendered for it now; null when it posted none there. */
async function cardPostedAt(ctx: ServiceContext, context: TurnContext): Promise<AdaptiveCard | null> {
  const messageId = context.activity.replyToId;
  const conversationId = context.activity.conversation?.id?.split(';')[0];
  if (!messageId || !conversationId) return null;
  const posted = (await ctx.records.outbox.find({ activityId: messageId }, { limit: 5 })).find(
    (e) => e.conversationId?.split(';')[0] === conversationId && RECORD_CARDS.has(e.content.kind),
  );
  if (!posted) return null;
  const rendered = await renderOutboxEntry(ctx, posted, { inChannel: true, digestSections: {} });
  if ('gone' in rendered) return null;
  const card = rendered.attachments?.[0]?.content as AdaptiveCard | undefined;
  return card ?? null;
}
