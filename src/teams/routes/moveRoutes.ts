// Placement moves in chat: the request form, the decision, more information, confirmation,
// withdrawal, "my requests" and opening a request by its reference, the tracker (MOVE-8), cover,
// and follow-up tasks.
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import type { Person } from '../../domain/people';
import { ConflictError, InvalidInputError, NotFoundError, NotPermittedError } from '../../services/errors';
import {
  answerInfoRequest,
  confirmMove,
  decideMove,
  getMoveRequest,
  moveTracker,
  moveViewFor,
  myMoveRequests,
  openMoveRequest,
  requestMove,
  withdrawMove,
} from '../../services/moves';
import { coversFor, setCover } from '../../services/cover';
import { may, refusal } from '../../domain/permissions';
import { childrenFor, peopleWithRole, toChild } from '../../services/people';
import { completeTask, openTasksOf } from '../../services/tasks';
import { reportCodeUnavailable } from '../../services/codeUnavailable';
import { StoreUnavailableError } from '../../store/collection';
import { coverFormCard, moveRequestFormCard, moveTrackerCard, myRequestsCard, noticeCard, taskTitle } from '../cards';
import { renderTasksCard, taskDisclosures } from '../taskRenderer';
import { isPersonalChat, readerOf } from '../identity';
import { plainText } from '../plainText';
import { renderMoveCard, type MoveCardView } from '../moveCardRenderer';
import { disclosureFor, type Reader } from '../disclosure';
import { NOTHING_SAVED, type Turns } from '../turns';
import { defineChatCommand, permitted } from '../chatCommand';
import type { ServiceContext } from '../../services/context';

/** Card data is untrusted: only a short reference string is taken from it. */
const refData = z.object({ ref: z.string().min(1).max(40) }).passthrough();
const taskData = z.object({ taskId: z.string().min(1).max(80) }).passthrough();

export const REQUEST_MOVE = /^(request (a )?(placement )?move|move request|new move)\b/i;
export const MY_TASKS = /^(my )?tasks\b/i;
export const MOVES = /^(moves|move tracker|tracker)\b/i;
export const MY_REQUESTS = /^(my )?(move )?requests\b/i;
export const A_REFERENCE = /^\s*(PM-\d{4}-\d{4})\s*$/i;
export const COVER = /^cover\b/i;

const SET_COVER_IN_OWN_CHAT = 'Set cover in your own chat with the bot.';
const IN_CHAT_ONLY = 'Move requests are opened in your own chat with the bot, not here.';

async function moveForm(ctx: ServiceContext, context: TurnContext, person: Person, values?: unknown, errors?: Record<string, string>, summary?: string) {
  const children = await childrenFor(ctx, person);
  if (children.length === 0) {
    return noticeCard(
      'No children to request a move for',
      'You are not the allocated social worker of any child on the bot, and you do not manage a team. Ask your team manager if this is wrong.',
    );
  }
  return moveRequestFormCard({ children, shared: readerOf(context, person).shared, now: ctx.now(), values, errors, summary });
}

/** The person's open tasks, as the conversation allows, with a notice above them. */
const myTasks = async (ctx: ServiceContext, context: TurnContext, person: Person, notice?: { text: string; color: 'Good' | 'Attention' }) =>
  renderTasksCard(ctx, readerOf(context, person), await openTasksOf(ctx, person), notice);
const OUT_OF_DATE = { text: 'That button is out of date; here are your tasks now.', color: 'Attention' } as const;

/** The reader's open requests; the child is named only where the Disclosure allows it (never in a shared conversation). */
async function myRequests(ctx: ServiceContext, reader: Reader & { person: Person }) {
  const requests = await myMoveRequests(ctx, reader.person);
  const rows = [];
  for (const request of requests) {
    const next =
      request.state === 'info_requested' ? 'Waiting for your answer.' : request.state === 'approved' ? 'Confirm the move when it has happened.' : 'Waiting for a decision.';
    const childDoc = await ctx.records.children.get(request.caseRef);
    rows.push({ request, childLabel: disclosureFor(reader, childDoc ? toChild(childDoc) : null).childNamed(request.caseRef), next });
  }
  return myRequestsCard(rows, ctx.now());
}

// Social workers are not refused the tracker: they get their own requests, where they can act on them
// (case references only when asked in a shared conversation).
const tracker = async (ctx: ServiceContext, context: TurnContext, person: Person) =>
  may(person, 'see the move tracker', {}) ? moveTrackerCard(await moveTracker(ctx, person), ctx.now()) : myRequests(ctx, { ...readerOf(context, person), person });

async function openRequest(ctx: ServiceContext, context: TurnContext, person: Person, ref: string) {
  const { request, view } = await openMoveRequest(ctx, person, ref);
  return renderMoveCard(ctx, request, view, readerOf(context, person));
}

// Cover for an absent Head of Service: a form in chat (the command line has "psb cover set").
async function coverForm(
  ctx: ServiceContext,
  person: Person,
  values?: Record<string, unknown>,
  errors?: Record<string, string>,
  notice?: { text: string; style: 'good' | 'attention' },
) {
  const known = person.teams.includes('*') ? [...new Set((await ctx.records.children.find({}, { limit: 5000 })).map((c) => c.team))].sort() : person.teams;
  // The form lists managers' names and emails and the covers in force: only for someone who may set cover.
  const teams = known.filter((team) => may(person, 'set cover', { team }));
  if (teams.length === 0) throw refusal('set cover');
  const managers = new Map<string, { id: string; name: string }>();
  const heads = new Map<string, { id: string; name: string }>();
  for (const team of teams) {
    // Only those who may cover (the permission table's 'cover for a Head of Service'), never oneself.
    for (const role of ['head_of_service', 'service_manager'] as const) {
      for (const p of await peopleWithRole(ctx, role, team)) {
        if (p.id !== person.id) managers.set(p.id, { id: p.id, name: p.name });
        if (role === 'head_of_service') heads.set(p.id, { id: p.id, name: p.name });
      }
    }
  }
  const current = await coversFor(ctx, person);
  return coverFormCard({ teams, people: [...managers.values()], heads: [...heads.values()], current, now: ctx.now(), values, errors, notice });
}

export const MOVE_COMMANDS = [
  defineChatCommand({
    name: 'request a move',
    pattern: REQUEST_MOVE,
    usableBy: [permitted('request a move', ({ children }) => children.map((child) => ({ child })))],
    help: 'Ask a Head of Service to approve a placement move',
    example: 'request a move',
    menu: ['personal'],
    button: { verb: 'move.form', title: 'Request a move' },
    handle: ({ ctx, context, person }) => moveForm(ctx, context, person),
  }),
  defineChatCommand({
    name: 'my tasks',
    pattern: MY_TASKS,
    // Anyone may be given a follow-up task.
    usableBy: 'everyone',
    help: 'Your open follow-up tasks, with a button to mark each done',
    example: 'my tasks',
    menu: ['personal'],
    button: { verb: 'tasks.show', title: 'My tasks' },
    handle: ({ ctx, context, person }) => myTasks(ctx, context, person),
  }),
  defineChatCommand({
    name: 'my requests',
    pattern: MY_REQUESTS,
    usableBy: [permitted('request a move', ({ children }) => children.map((child) => ({ child })))],
    help: "Your open move requests (a team manager: the team's), to answer, confirm or withdraw",
    example: 'my requests',
    menu: ['personal'],
    handle: async ({ ctx, context, person }) => (isPersonalChat(context) ? myRequests(ctx, { ...readerOf(context, person), person }) : IN_CHAT_ONLY),
  }),
];

// MOVE-8: offered to those who see the tracker (anyone else who types it gets their own requests).
export const MOVE_TRACKER_COMMAND = defineChatCommand({
  name: 'moves',
  pattern: MOVES,
  usableBy: [permitted('see the move tracker', () => [{}])],
  help: 'The move tracker: requests by state and age, case references only',
  example: 'moves',
  menu: ['personal'],
  button: { verb: 'moves.show', title: 'Move tracker' },
  handle: ({ ctx, context, person }) => tracker(ctx, context, person),
});

export const OPEN_REQUEST_COMMAND = defineChatCommand({
  name: '<reference>',
  pattern: A_REFERENCE,
  usableBy: [permitted('see a move request', ({ children }) => children.map((child) => ({ request: { ref: 'PM-OWN-WORK', team: child.team, requestedBy: '' }, child })))],
  help: 'Open a move request by its reference',
  // Not a reference the bot would give soon, so that no one mistakes the help card for a request's.
  example: 'PM-2019-0042',
  menu: [],
  handle: async ({ ctx, context, person, match }) => (isPersonalChat(context) ? openRequest(ctx, context, person, match[1].toUpperCase()) : IN_CHAT_ONLY),
});

export const COVER_COMMAND = defineChatCommand({
  name: 'cover',
  pattern: COVER,
  usableBy: [permitted('set cover', ({ teams }) => teams.map((team) => ({ team })))],
  help: 'Set who decides move requests for a team while a Head of Service is away',
  example: 'cover',
  menu: ['personal'],
  handle: async ({ ctx, context, person }) => (isPersonalChat(context) ? coverForm(ctx, person) : SET_COVER_IN_OWN_CHAT),
});

export function registerMoveRoutes(app: Application<TurnState>, { ctx, verb }: Turns): void {
  app.adaptiveCards.actionExecute(
    'move.form',
    verb(async (context, person) => moveForm(ctx, context, person)),
  );
  app.adaptiveCards.actionExecute(
    'tasks.show',
    verb(async (context, person) => myTasks(ctx, context, person)),
  );
  app.adaptiveCards.actionExecute(
    'moves.show',
    verb(async (context, person) => tracker(ctx, context, person)),
  );
  app.adaptiveCards.actionExecute(
    'move.open',
    verb(async (context, person, data) => {
      const parsed = refData.safeParse(data);
      if (!parsed.success) return noticeCard('Nothing to open', 'This card is out of date or damaged. Say "my requests" for your requests now.');
      return openRequest(ctx, context, person, parsed.data.ref);
    }),
  );

  app.adaptiveCards.actionExecute(
    'move.submit',
    verb(async (context, person, data) => {
      try {
        // The form becomes the request's card; in a personal chat that copy is kept current too.
        const formId = context.activity.replyToId;
        const shownIn = isPersonalChat(context) && formId ? { conversationId: context.activity.conversation.id, activityId: formId } : null;
        const request = await requestMove(ctx, person, data, shownIn, formId);
        const reader = readerOf(context, person);
        return renderMoveCard(ctx, request, 'requester', reader, {
          notice: {
            text: `Sent for approval as ${request.ref}. You will be told ${reader.shared ? 'in your own chat with the bot' : 'here'} when it is decided.`,
            style: 'good',
          },
        });
      } catch (err) {
        if (err instanceof InvalidInputError) return moveForm(ctx, context, person, data, err.fields);
        if (err instanceof ConflictError) return moveForm(ctx, context, person, data, {}, `Nothing was sent. ${err.message}`);
        if (err instanceof StoreUnavailableError) return moveForm(ctx, context, person, data, {}, NOTHING_SAVED);
        throw err;
      }
    }),
  );

  /**
   * A move verb: parse the reference, run the change, show the request to the reader with the
   * outcome. The service refuses first, before anything of the request is read for the reader: a
   * refusal is a plain notice (turns.refusalCard) that shows nothing of the request. Otherwise the
   * card shows the actions the reader may take now (a shared conversation's copy stays the one pressed).
   */
  function moveVerb(pressedOn: MoveCardView, change: (person: Person, ref: string, data: Record<string, unknown>) => Promise<unknown>, done: string) {
    return verb(async (context, person, data) => {
      const parsed = refData.safeParse(data);
      if (!parsed.success) return noticeCard('Nothing changed', 'This card is out of date or damaged. Ask for the request again with "my requests" or its reference.');
      const ref = parsed.data.ref;
      const reader = readerOf(context, person);
      const viewOf = async (request: Awaited<ReturnType<typeof getMoveRequest>>) => (reader.shared ? pressedOn : ((await moveViewFor(ctx, person, request)) ?? 'observer'));
      try {
        await change(person, ref, data);
        const after = await getMoveRequest(ctx, ref);
        return renderMoveCard(ctx, after, await viewOf(after), reader, { notice: { text: done, style: 'good' } });
      } catch (err) {
        // A refusal (NotPermittedError) is rethrown: it shows nothing of the request. Bad input and
        // conflicts come after the service's permission check, so the request may be shown.
        if (!(err instanceof InvalidInputError || err instanceof ConflictError)) throw err;
        const request = await getMoveRequest(ctx, ref);
        const view = await viewOf(request);
        if (err instanceof InvalidInputError) {
          return renderMoveCard(ctx, request, view, reader, { notice: { text: 'Nothing changed: please check your answer.', style: 'attention' }, fieldErrors: err.fields });
        }
        if (err instanceof ConflictError) return renderMoveCard(ctx, request, view, reader, { notice: { text: err.message, style: 'warning' } });
        throw err;
      }
    });
  }

  app.adaptiveCards.actionExecute(
    'move.decide',
    moveVerb('approver', (person, ref, data) => decideMove(ctx, person, ref, data), 'Your decision is recorded and the social worker has been told.'),
  );
  app.adaptiveCards.actionExecute(
    'move.answer',
    moveVerb('requester', (person, ref, data) => answerInfoRequest(ctx, person, ref, data), 'Your answer has been sent back to the approver.'),
  );
  app.adaptiveCards.actionExecute(
    'move.confirm',
    moveVerb('requester', (person, ref, data) => confirmMove(ctx, person, ref, data), "The move is recorded in the child's history."),
  );
  app.adaptiveCards.actionExecute(
    'move.withdraw',
    moveVerb('requester', (person, ref, data) => withdrawMove(ctx, person, ref, data), 'The request is withdrawn. Everyone who had its card sees that.'),
  );

  app.adaptiveCards.actionExecute(
    'cover.set',
    verb(async (context, person, data) => {
      // The form's answer lists the team's managers and the covers in force: not for a shared conversation.
      if (!isPersonalChat(context)) return noticeCard('In your own chat', SET_COVER_IN_OWN_CHAT);
      try {
        const cover = await setCover(ctx, person, data);
        return coverForm(
          ctx,
          person,
          {},
          {},
          { text: `Cover set: ${cover.coverName} decides for ${cover.team} from ${cover.from} to ${cover.to}. They have been sent the requests waiting now.`, style: 'good' },
        );
      } catch (err) {
        if (err instanceof InvalidInputError) return coverForm(ctx, person, data, err.fields, { text: 'Nothing was set: see the messages in red.', style: 'attention' });
        // A refusal goes on to turns: in a shared conversation it leaves the card there as it was.
        throw err;
      }
    }),
  );

  app.adaptiveCards.actionExecute(
    'task.code-unavailable',
    verb(async (context, person, data) => {
      const parsed = taskData.safeParse(data);
      if (!parsed.success) return myTasks(ctx, context, person, OUT_OF_DATE);
      try {
        const { task, told } = await reportCodeUnavailable(ctx, person, parsed.data.taskId);
        const who = told.length > 0 ? told.map((p) => p.name).join(', ') : 'nobody (no Performance Team, Head of Service or service manager is on the roster for the team)';
        return myTasks(ctx, context, person, { text: `Flagged for ${task.sourceRef}: ${who} told that the right code is not available.`, color: 'Good' });
      } catch (err) {
        // In a shared conversation the card pressed may be someone else's list: a refusal goes on to
        // turns, which leaves it as it was and tells the presser in their own chat.
        if (err instanceof NotPermittedError && readerOf(context, person).shared) throw err;
        if (err instanceof NotPermittedError || err instanceof NotFoundError || err instanceof InvalidInputError) {
          return myTasks(ctx, context, person, { text: err instanceof InvalidInputError ? Object.values(err.fields).join(' ') : err.message, color: 'Attention' });
        }
        throw err;
      }
    }),
  );

  app.adaptiveCards.actionExecute(
    'task.done',
    verb(async (context, person, data) => {
      const reader = readerOf(context, person);
      const parsed = taskData.safeParse(data);
      if (!parsed.success) return myTasks(ctx, context, person, OUT_OF_DATE);
      try {
        const task = await completeTask(ctx, person, parsed.data.taskId);
        const [{ show }] = await taskDisclosures(ctx, reader, [task]);
        return myTasks(ctx, context, person, { text: `Marked done: ${taskTitle(task, show)} (${task.caseRef}).`, color: 'Good' });
      } catch (err) {
        // As above: someone else's list in a shared conversation stays as it was.
        if (err instanceof NotPermittedError && reader.shared) throw err;
        if (err instanceof NotPermittedError || err instanceof NotFoundError || err instanceof ConflictError) {
          // A conflict names the task by its title, in full: not in a shared conversation.
          const text = reader.shared && err instanceof ConflictError ? 'That task was already marked done, or changed meanwhile: here are your tasks now.' : plainText(err.message);
          return myTasks(ctx, context, person, { text, color: 'Attention' });
        }
        throw err;
      }
    }),
  );
}
