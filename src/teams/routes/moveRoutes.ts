// Placement moves in chat: the request form, the decision, more information, confirmation, the
// tracker (MOVE-8) and follow-up tasks.
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import type { Person } from '../../domain/people';
import { ConflictError, InvalidInputError, NotFoundError, NotPermittedError } from '../../services/errors';
import { answerInfoRequest, confirmMove, decideMove, moveTracker, openMoveRequest, requestMove } from '../../services/moves';
import { childrenFor } from '../../services/people';
import { completeTask, openTasksOf } from '../../services/tasks';
import { StoreUnavailableError } from '../../store/collection';
import { moveRequestFormCard, moveTrackerCard, noticeCard, tasksCard } from '../cards';
import { readerOf } from '../identity';
import { plainText } from '../plainText';
import { renderMoveCard, type MoveCardView } from '../moveCardRenderer';
import { NOTHING_SAVED, type Turns } from '../turns';

/** Card data is untrusted: only a short reference string is taken from it. */
const refData = z.object({ ref: z.string().min(1).max(40) }).passthrough();
const taskData = z.object({ taskId: z.string().min(1).max(80) }).passthrough();

export const REQUEST_MOVE = /^(request (a )?(placement )?move|move request|new move)\b/i;
export const MY_TASKS = /^(my )?tasks\b/i;
export const MOVES = /^(moves|move tracker|tracker)\b/i;

export function registerMoveRoutes(app: Application<TurnState>, { ctx, command, verb }: Turns): void {
  const moveForm = async (context: TurnContext, person: Person, values?: unknown, errors?: Record<string, string>, summary?: string) => {
    const children = await childrenFor(ctx, person);
    if (children.length === 0) {
      return noticeCard('No children to request a move for', 'You are not the allocated social worker of any child on the bot, and you do not manage a team. Ask your team manager if this is wrong.');
    }
    return moveRequestFormCard({ children, shared: readerOf(context, person).shared, now: ctx.now(), values, errors, summary });
  };
  const myTasks = async (context: TurnContext, person: Person) => tasksCard(await openTasksOf(ctx, person), ctx.now(), undefined, readerOf(context, person).shared);
  const tracker = async (person: Person) => moveTrackerCard(await moveTracker(ctx, person), ctx.now());

  app.message(REQUEST_MOVE, command(async (context, person) => moveForm(context, person)));
  app.message(MY_TASKS, command(async (context, person) => myTasks(context, person)));
  app.message(MOVES, command(async (_c, person) => tracker(person)));
  app.adaptiveCards.actionExecute('move.form', verb(async (context, person) => moveForm(context, person)));
  app.adaptiveCards.actionExecute('tasks.show', verb(async (context, person) => myTasks(context, person)));
  app.adaptiveCards.actionExecute('moves.show', verb(async (_c, person) => tracker(person)));

  app.adaptiveCards.actionExecute(
    'move.submit',
    verb(async (context, person, data) => {
      try {
        const request = await requestMove(ctx, person, data);
        return renderMoveCard(ctx, request, 'requester', readerOf(context, person), {
          notice: { text: `Sent for approval as ${request.ref}. You will be told in your own chat with the bot when it is decided.`, style: 'good' },
        });
      } catch (err) {
        if (err instanceof InvalidInputError) return moveForm(context, person, data, err.fields);
        if (err instanceof ConflictError) return moveForm(context, person, data, {}, `Nothing was sent. ${err.message}`);
        if (err instanceof StoreUnavailableError) return moveForm(context, person, data, {}, NOTHING_SAVED);
        throw err;
      }
    }),
  );

  /**
   * A move verb: parse the reference, run the change, show the request to the reader with the
   * outcome. The service refuses first, before anything of the request is read for the reader: a
   * refusal is a plain notice (turns.refusalCard) that shows nothing of the request.
   */
  function moveVerb(view: MoveCardView, change: (person: Person, ref: string, data: Record<string, unknown>) => Promise<unknown>, done: string) {
    return verb(async (context, person, data) => {
      const parsed = refData.safeParse(data);
      if (!parsed.success) return noticeCard('Nothing changed', 'This card is out of date or damaged. Ask for the request again with "moves" or "my tasks".');
      const ref = parsed.data.ref;
      const reader = readerOf(context, person);
      try {
        await change(person, ref, data);
        return renderMoveCard(ctx, await openMoveRequest(ctx, person, ref), view, reader, { notice: { text: done, style: 'good' } });
      } catch (err) {
        if (err instanceof InvalidInputError) {
          return renderMoveCard(ctx, await openMoveRequest(ctx, person, ref), view, reader, { notice: { text: 'Nothing changed: please check your answer.', style: 'attention' }, fieldErrors: err.fields });
        }
        if (err instanceof ConflictError) return renderMoveCard(ctx, await openMoveRequest(ctx, person, ref), view, reader, { notice: { text: err.message, style: 'warning' } });
        throw err;
      }
    });
  }

  app.adaptiveCards.actionExecute('move.decide', moveVerb('approver', (person, ref, data) => decideMove(ctx, person, ref, data), 'Your decision is recorded and the social worker has been told.'));
  app.adaptiveCards.actionExecute('move.answer', moveVerb('info-request', (person, ref, data) => answerInfoRequest(ctx, person, ref, data), 'Your answer has been sent back to the approver.'));
  app.adaptiveCards.actionExecute('move.confirm', moveVerb('requester', (person, ref, data) => confirmMove(ctx, person, ref, data), "The move is recorded in the child's history."));

  app.adaptiveCards.actionExecute(
    'task.done',
    verb(async (context, person, data) => {
      const shared = readerOf(context, person).shared;
      const parsed = taskData.safeParse(data);
      if (!parsed.success) return tasksCard(await openTasksOf(ctx, person), ctx.now(), { text: 'That button is out of date; here are your tasks now.', color: 'Attention' }, shared);
      try {
        const task = await completeTask(ctx, person, parsed.data.taskId);
        const what = shared && task.kind === 'action' ? `an action agreed at ${task.requestRef}` : plainText(task.title);
        return tasksCard(await openTasksOf(ctx, person), ctx.now(), { text: `Marked done: ${what} (${task.caseRef}).`, color: 'Good' }, shared);
      } catch (err) {
        if (err instanceof NotPermittedError || err instanceof NotFoundError || err instanceof ConflictError) {
          // A conflict names the task by its title: not in a shared conversation.
          const text = shared && err instanceof ConflictError ? 'That task was already marked done, or changed meanwhile: here are your tasks now.' : plainText(err.message);
          return tasksCard(await openTasksOf(ctx, person), ctx.now(), { text, color: 'Attention' }, shared);
        }
        throw err;
      }
    }),
  );
}
