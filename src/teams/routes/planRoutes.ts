// The placement plan in chat: the checklist of a plan task (PLAN-3, PLAN-4), opened from the task
// list, and setting a child's next looked-after review date (PLAN-2).
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { addDays, formatDate, ukDate } from '../../domain/dates';
import type { Person } from '../../domain/people';
import { nextPlanRevision, REVISION_NOTICE_DAYS } from '../../domain/placementPlan';
import { ConflictError, InvalidInputError, NotFoundError } from '../../services/errors';
import { placementChecklist, recordChecklist, setNextReviewDate } from '../../services/placementPlan';
import { openTasksOf } from '../../services/tasks';
import type { TaskDoc } from '../../store/records';
import { renderTasksCard } from '../taskRenderer';
import { disclosureFor } from '../disclosure';
import { readerOf } from '../identity';
import { placementChecklistCard, type ChecklistCardOptions } from '../planCards';
import { plainText } from '../plainText';
import { OwnChatOnlyError, type Turns } from '../turns';
import { defineChatCommand, permitted } from '../chatCommand';

/** Card data is untrusted: the task id is taken as a short string; the answers are checked by the service. */
const taskData = z.object({ taskId: z.string().min(1).max(120) }).passthrough();

/** "review CR-1001 2027-03-01" or "next review CR-1001 on 01/03/2027". */
export const SET_REVIEW = /^(?:next\s+)?review\s+(?:date\s+)?(?:for\s+)?([A-Za-z0-9][A-Za-z0-9/_-]{0,40})\s+(?:on\s+)?(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})\s*$/i;

export const SET_REVIEW_COMMAND = defineChatCommand({
  name: 'review <case ref> <date>',
  pattern: SET_REVIEW,
  usableBy: [permitted('set the next review date', ({ children }) => children.map((child) => ({ child })))],
  help: "The date of a child's next looked-after review: the plan's revision is asked for before it",
  example: 'review CR-1001 01/03/2027',
  menu: [],
  handle: async ({ ctx, person, match }) => {
    try {
      const child = await setNextReviewDate(ctx, person, { caseRef: match[1], reviewDate: match[2] });
      const today = ukDate(ctx.now());
      const due = nextPlanRevision(child, today);
      const askOn = due ? addDays(due.dueDate, -REVISION_NOTICE_DAYS) : null;
      const ask = !due
        ? ''
        : askOn! <= today
          ? ` The social worker has been asked to revise the placement plan by ${formatDate(due.dueDate)}, and the IRO to check it.`
          : ` On ${formatDate(askOn!)} the social worker will be asked to revise the placement plan by ${formatDate(due.dueDate)}, and the IRO to check it.`;
      return `The next looked-after review for ${child.caseRef} is ${formatDate(child.nextReviewDate!)}.${ask}`;
    } catch (err) {
      if (err instanceof InvalidInputError) return `Nothing changed. ${Object.values(err.fields).join(' ')}`;
      throw err;
    }
  },
});

export function registerPlanRoutes(app: Application<TurnState>, { ctx, verb }: Turns): void {
  const checklistCard = async (context: TurnContext, person: Person, task: TaskDoc, extra: Omit<ChecklistCardOptions, 'task' | 'show'> = {}) => {
    const child = await ctx.records.children.get(task.caseRef);
    return placementChecklistCard({ task, show: disclosureFor(readerOf(context, person), child), ...extra });
  };
  // In a shared conversation the pressed card may be someone else's task list: it stays as it was
  // (the presser is told in their own chat), rather than being replaced by the presser's tasks.
  const outOfDate = async (context: TurnContext, person: Person) => {
    if (readerOf(context, person).shared) throw new NotFoundError('That button is out of date. Say "my tasks" for your tasks now.');
    return renderTasksCard(ctx, readerOf(context, person), await openTasksOf(ctx, person), { text: 'That button is out of date; here are your tasks now.', color: 'Attention' });
  };

  app.adaptiveCards.actionExecute(
    'plan.checklist',
    verb(async (context, person, data) => {
      const parsed = taskData.safeParse(data);
      if (!parsed.success) return outOfDate(context, person);
      return checklistCard(context, person, await placementChecklist(ctx, person, parsed.data.taskId));
    }),
  );

  app.adaptiveCards.actionExecute(
    'plan.checklist.save',
    verb(async (context, person, data) => {
      const parsed = taskData.safeParse(data);
      if (!parsed.success) return outOfDate(context, person);
      // The reasons are free text: recorded only from the person's own chat.
      if (readerOf(context, person).shared) throw new OwnChatOnlyError('Record the checklist in your own chat with the bot: its reasons are not shown here. Nothing changed.');
      try {
        const task = await recordChecklist(ctx, person, parsed.data.taskId, data);
        return checklistCard(context, person, task, { notice: { text: 'The checklist is saved.', color: 'Good' } });
      } catch (err) {
        if (err instanceof InvalidInputError || err instanceof ConflictError) {
          const task = await placementChecklist(ctx, person, parsed.data.taskId);
          const notice = err instanceof ConflictError ? plainText(err.message) : 'Nothing was saved: see the messages in red.';
          return checklistCard(context, person, task, {
            values: data,
            errors: err instanceof InvalidInputError ? err.fields : {},
            notice: { text: notice, color: 'Attention' },
          });
        }
        if (err instanceof NotFoundError) return outOfDate(context, person);
        throw err;
      }
    }),
  );
}
