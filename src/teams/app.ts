// The teams-ai Application: chat commands and card verbs. Each handler parses what came in, calls
// a service, and renders the result; permission and validation live in the services.
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type Storage, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { canSeeMoveTracker, type Person } from '../domain/people';
import type { ServiceContext } from '../services/context';
import { setApprovalsChannel } from '../services/conversations';
import { ConflictError, InvalidInputError, NotFoundError, NotOnRosterError, NotPermittedError } from '../services/errors';
import { answerInfoRequest, confirmMove, decideMove, getMoveRequest, moveTracker, requestMove } from '../services/moves';
import { childrenFor } from '../services/people';
import { completeTask, openTasksOf } from '../services/tasks';
import { StoreUnavailableError } from '../store/collection';
import { helpCard, moveRequestFormCard, moveTrackerCard, noticeCard, tasksCard, type AdaptiveCard } from './cards';
import { channelIdOf, isChannel, personOf, rememberWhereTheyAre } from './identity';
import { renderMoveCard } from './moveCardRenderer';

export interface BotOptions {
  adapter: TeamsAdapter;
  botAppId: string;
  storage: Storage;
  services: ServiceContext;
  supportContact: string;
}

const NOTHING_SAVED = 'Nothing was saved: the bot cannot reach its database just now. Please try again in a minute.';

/** Card data is untrusted: only a short reference string is taken from it. */
const refData = z.object({ ref: z.string().min(1).max(40) }).passthrough();
const taskData = z.object({ taskId: z.string().min(1).max(80) }).passthrough();

export function createBot(options: BotOptions): Application<TurnState> {
  const { services: ctx } = options;
  const app = new Application<TurnState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    storage: options.storage,
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  const notSetUp = `You are not set up to use the Placement Stability Bot yet. Please ask ${options.supportContact} to add you to the roster.`;

  /** Turns a refusal into a message card; anything unexpected is rethrown to the error handler. */
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

  /** Runs a chat command as the roster person behind it, answering refusals in chat. */
  function command(handler: (context: TurnContext, person: Person, match: RegExpMatchArray | null) => Promise<AdaptiveCard | string>, pattern?: RegExp) {
    return async (context: TurnContext) => {
      let result: AdaptiveCard | string;
      try {
        const person = await personOf(ctx, context);
        result = await handler(context, person, pattern ? (context.activity.text ?? '').trim().match(pattern) : null);
      } catch (err) {
        result = refusalCard(err);
      }
      if (typeof result === 'string') await context.sendActivity(result);
      else await reply(context, result);
    };
  }

  /** Runs a card verb as the roster person behind it; the returned card replaces the pressed one. */
  function verb(handler: (context: TurnContext, person: Person, data: Record<string, unknown>) => Promise<AdaptiveCard>) {
    return async (context: TurnContext, _state: TurnState, data: unknown) => {
      try {
        const person = await personOf(ctx, context);
        return await handler(context, person, (data && typeof data === 'object' ? data : {}) as Record<string, unknown>);
      } catch (err) {
        return refusalCard(err);
      }
    };
  }

  const moveForm = async (person: Person, values?: unknown, errors?: Record<string, string>, summary?: string) => {
    const children = await childrenFor(ctx, person);
    if (children.length === 0) return noticeCard('No children to request a move for', 'You are not the allocated social worker of any child on the bot, and you do not manage a team. Ask your team manager if this is wrong.');
    return moveRequestFormCard({ children, now: ctx.now(), values, errors, summary });
  };

  // ---- chat commands -----------------------------------------------------------------------------

  const REQUEST_MOVE = /^(request (a )?(placement )?move|move request|new move)\b/i;
  const MY_TASKS = /^(my )?tasks\b/i;
  const MOVES = /^(moves|move tracker|tracker)\b/i;
  const APPROVALS_HERE = /^approvals here\s+(.{1,100})$/i;
  const HELP = /^(help|hi|hello|hey|start|\?)\b/i;

  app.message(REQUEST_MOVE, command(async (_c, person) => moveForm(person)));
  app.message(MY_TASKS, command(async (_c, person) => tasksCard(await openTasksOf(ctx, person), ctx.now())));
  app.message(MOVES, command(async (_c, person) => moveTrackerCard(await moveTracker(ctx, person), ctx.now())));
  app.message(
    APPROVALS_HERE,
    command(async (context, person, match) => {
      if (!isChannel(context)) return 'Say this in the channel that should receive approval cards, with an @mention of the bot.';
      const team = match![1].trim();
      await setApprovalsChannel(ctx, person, team, channelIdOf(context)!);
      return `This channel will now receive approval cards for ${team} when no Head of Service can be reached in chat. Cards here show case references only.`;
    }, APPROVALS_HERE),
  );
  app.message(HELP, command(async (_c, person) => helpCard(person, canSeeMoveTracker(person))));

  app.conversationUpdate('membersAdded', async (context) => {
    const botJoined = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
    if (!botJoined) return;
    try {
      const person = await personOf(ctx, context);
      if (!isChannel(context)) await reply(context, helpCard(person, canSeeMoveTracker(person)));
    } catch (err) {
      if (err instanceof NotOnRosterError) await context.sendActivity(notSetUp);
      else if (err instanceof StoreUnavailableError) ctx.log.warn({ err: err.message }, 'could not record a new conversation');
      else throw err;
    }
  });

  // Anything else: until guidance answers land, say what the bot understands.
  app.activity('message', command(async (_c, person) => helpCard(person, canSeeMoveTracker(person))));

  // ---- card verbs ---------------------------------------------------------------------------------

  app.adaptiveCards.actionExecute('move.form', verb(async (_c, person) => moveForm(person)));
  app.adaptiveCards.actionExecute('tasks.show', verb(async (_c, person) => tasksCard(await openTasksOf(ctx, person), ctx.now())));
  app.adaptiveCards.actionExecute('moves.show', verb(async (_c, person) => moveTrackerCard(await moveTracker(ctx, person), ctx.now())));

  app.adaptiveCards.actionExecute(
    'move.submit',
    verb(async (_c, person, data) => {
      try {
        const request = await requestMove(ctx, person, data);
        return renderMoveCard(ctx, request, 'requester', { person, inChannel: false }, {
          notice: { text: `Sent for approval as ${request.ref}. You will be told here when it is decided.`, style: 'good' },
        });
      } catch (err) {
        if (err instanceof InvalidInputError) return moveForm(person, data, err.fields);
        if (err instanceof ConflictError) return moveForm(person, data, {}, `Nothing was sent. ${err.message}`);
        if (err instanceof StoreUnavailableError) return moveForm(person, data, {}, NOTHING_SAVED);
        throw err;
      }
    }),
  );

  /** A move verb: parse the reference, run the change, show the request to the reader with the outcome. */
  function moveVerb(view: 'approver' | 'requester' | 'info-request', change: (person: Person, ref: string, data: Record<string, unknown>) => Promise<unknown>, done: string) {
    return verb(async (context, person, data) => {
      const parsed = refData.safeParse(data);
      if (!parsed.success) return noticeCard('Nothing changed', 'This card is out of date or damaged. Ask for the request again with "moves" or "my tasks".');
      const ref = parsed.data.ref;
      const reader = { person, inChannel: isChannel(context) };
      try {
        await change(person, ref, data);
        return renderMoveCard(ctx, await getMoveRequest(ctx, ref), view, reader, { notice: { text: done, style: 'good' } });
      } catch (err) {
        const request = await getMoveRequest(ctx, ref);
        if (err instanceof InvalidInputError) return renderMoveCard(ctx, request, view, reader, { notice: { text: 'Nothing changed: please check your answer.', style: 'attention' }, fieldErrors: err.fields });
        if (err instanceof NotPermittedError) return renderMoveCard(ctx, request, 'observer', { ...reader, person: null }, { notice: { text: err.message, style: 'attention' } });
        if (err instanceof ConflictError) return renderMoveCard(ctx, request, view, reader, { notice: { text: err.message, style: 'warning' } });
        throw err;
      }
    });
  }

  app.adaptiveCards.actionExecute('move.decide', moveVerb('approver', (person, ref, data) => decideMove(ctx, person, ref, data), 'Your decision is recorded and the social worker has been told.'));
  app.adaptiveCards.actionExecute('move.answer', moveVerb('info-request', (person, ref, data) => answerInfoRequest(ctx, person, ref, data), 'Your answer has been sent back to the approver.'));
  app.adaptiveCards.actionExecute('move.confirm', moveVerb('requester', (person, ref, data) => confirmMove(ctx, person, ref, data), 'The move is recorded in the child\'s history.'));

  app.adaptiveCards.actionExecute(
    'task.done',
    verb(async (_c, person, data) => {
      const parsed = taskData.safeParse(data);
      if (!parsed.success) return tasksCard(await openTasksOf(ctx, person), ctx.now(), { text: 'That button is out of date; here are your tasks now.', color: 'Attention' });
      try {
        const task = await completeTask(ctx, person, parsed.data.taskId);
        return tasksCard(await openTasksOf(ctx, person), ctx.now(), { text: `Marked done: ${task.title} (${task.caseRef}).`, color: 'Good' });
      } catch (err) {
        if (err instanceof NotPermittedError || err instanceof NotFoundError || err instanceof ConflictError) {
          return tasksCard(await openTasksOf(ctx, person), ctx.now(), { text: err.message, color: 'Attention' });
        }
        throw err;
      }
    }),
  );

  app.error(async (context, err) => {
    ctx.log.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err), activityType: context.activity.type }, 'turn failed');
    if (context.activity.type === 'message') {
      await context.sendActivity(err instanceof StoreUnavailableError ? NOTHING_SAVED : 'Sorry, something went wrong and nothing was changed. Please try again.').catch(() => undefined);
    }
  });

  // Remember every conversation the bot is added to, even before anyone speaks.
  app.activity('installationUpdate', async (context) => {
    await rememberWhereTheyAre(ctx, context, null).catch(() => undefined);
  });

  return app;
}
