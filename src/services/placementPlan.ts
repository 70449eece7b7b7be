// The placement plan as use cases: the plan task when a placement starts (PLAN-1), recording the plan
// on the child's record when its task is marked done, asking for its revision before each review and
// at least yearly (PLAN-2), the review date set in chat, the introductions and information checklist
// (PLAN-3, PLAN-4), and the case-record prompt when the placement or legal status changes (AFTER-2).
// The rules are in src/domain/placementPlan.ts; tasks go through the tasks collection like every
// follow-up, so the daily task reminders and the digest's overdue list cover them too.
import { addDays, formatDate, ukDate } from '../domain/dates';
import type { Child, Person, PlacementPlanRecord } from '../domain/people';
import { may, refusal } from '../domain/permissions';
import {
  caseRecordTaskTitle,
  checklistCounts,
  importedPlacementIsPlanned,
  isRecentPlacement,
  nextPlanRevision,
  parseChecklistForm,
  placementOrLegalChanges,
  planDueDate,
  planTaskTitle,
  revisionIsDueToAsk,
  revisionTaskTitle,
  reviewDateSchema,
  type ChecklistAnswers,
} from '../domain/placementPlan';
import type { Filter } from '../store/collection';
import type { AuditDoc, ChildDoc, TaskDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { ConflictError, InvalidInputError, NotFoundError } from './errors';
import { enqueueAll, insertAllOnce, whyFact, type OutgoingMessage } from './outbox';
import { authorizeOnTask } from './taskAccess';

/** The child as the domain sees it. (Not people.ts's toChild: the children import calls this module, so importing people.ts would make a cycle.) */
function toChild(doc: ChildDoc): Child {
  const { _id, version, updatedAt, ...child } = doc;
  return child;
}

/** The kinds of task that carry the placement plan. */
const PLAN_TASK = 'placement-plan';
const REVISION_TASK = 'plan-revision';

function newTask(fields: Pick<TaskDoc, '_id' | 'caseRef' | 'team' | 'sourceRef' | 'kind' | 'title' | 'ruleIds' | 'owner' | 'dueDate'>, now: string): TaskDoc {
  return { ...fields, version: 1, state: 'open', createdAt: now, doneAt: null, doneBy: null };
}

function taskCreatedEntry(task: TaskDoc, actor: string): AuditDoc {
  return {
    _id: `${task._id}:created`,
    version: 1,
    at: task.createdAt,
    actor,
    action: 'task.created',
    subject: task.caseRef,
    fromState: null,
    toState: 'open',
    details: { task: task._id, owner: task.owner, dueDate: task.dueDate },
  };
}

/** Creates tasks once (fixed ids), each with its "task.created" entry, and tells each owner once. */
async function createTasksOnce(ctx: ServiceContext, tasks: TaskDoc[], actor: string): Promise<void> {
  if (tasks.length === 0) return;
  await insertAllOnce(
    ctx.records.audit,
    tasks.map((t) => taskCreatedEntry(t, actor)),
  );
  await insertAllOnce(ctx.records.tasks, tasks);
  await enqueueAll(
    ctx,
    tasks.map((t) => ({
      key: `${t._id}:told`,
      recipient: { kind: 'person' as const, personId: t.owner },
      content: { kind: 'notice' as const, title: `New task for ${t.caseRef}`, text: `${t.title}. Due ${formatDate(t.dueDate)}. Say "my tasks" to see it.`, ref: t.caseRef },
      subjectRef: t.caseRef,
    })),
  );
}

// ---- PLAN-1, AFTER-1 and AFTER-2 for an imported placement -------------------------------------------------

/**
 * After a children import changed (or created) a child's record: a placement that has just started
 * (or starts soon) gets its plan task (PLAN-1) and the visit within a week (AFTER-1), unless a move
 * in the bot already gave it them; a change of placement or legal status prompts the case-record
 * update (AFTER-2); a new review date may bring the plan's revision near (PLAN-2). Task ids are
 * fixed per placement and per change, so importing the same file again creates nothing.
 */
export async function followUpImportedChild(ctx: ServiceContext, before: ChildDoc | null, after: Child, actor: string): Promise<void> {
  const owner = after.socialWorker;
  if (!owner) return; // nobody to give it to: the children list names no social worker
  if (after.nextReviewDate && after.nextReviewDate !== before?.nextReviewDate) await askForPlanRevisions(ctx, [after.caseRef]);
  const now = ctx.now().toISOString();
  const today = ukDate(ctx.now());
  const tasks: TaskDoc[] = [];
  const started = before === null || before.placementStart !== after.placementStart;
  const changes = before ? placementOrLegalChanges(before, after) : [];
  const newPlacement = started && isRecentPlacement(after.placementStart, today);
  if (!newPlacement && changes.length === 0) return; // most rows of an import: nothing to look up
  // A placement a move in the bot began has its own tasks; the import then only catches up with it.
  const fromBotMove = await placementFromMoveInBot(ctx, after.caseRef, after.placementStart);
  if (newPlacement && !fromBotMove) {
    const planned = importedPlacementIsPlanned(after.placementStart, today);
    tasks.push(
      newTask(
        {
          _id: `${after.caseRef}:${PLAN_TASK}:${after.placementStart}`,
          caseRef: after.caseRef,
          team: after.team,
          sourceRef: after.caseRef,
          kind: PLAN_TASK,
          title: planTaskTitle(after.placementStart, planned),
          ruleIds: ['PLAN-1'],
          owner,
          dueDate: planDueDate(after.placementStart, planned),
        },
        now,
      ),
    );
    // AFTER-1, as for a move confirmed in the bot.
    tasks.push(
      newTask(
        {
          _id: `${after.caseRef}:sw-visit:${after.placementStart}`,
          caseRef: after.caseRef,
          team: after.team,
          sourceRef: after.caseRef,
          kind: 'sw-visit',
          title: 'Visit the child in the new placement within one week of it starting',
          ruleIds: ['AFTER-1'],
          owner,
          dueDate: addDays(after.placementStart, 7),
        },
        now,
      ),
    );
  }
  // A placement the bot itself recorded already has its "code the move" task (MOVE-7, AFTER-2): a
  // change of its type or provider is the case record catching up. A change of legal status is not.
  const legalChanged = !!before && before.legalStatus !== after.legalStatus;
  if (changes.length > 0 && (!fromBotMove || legalChanged)) {
    tasks.push(
      newTask(
        {
          _id: `${after.caseRef}:case-record:${after.legalStatus}:${after.placementStart}:${after.placementType}:${after.placementProvider}`,
          caseRef: after.caseRef,
          team: after.team,
          sourceRef: after.caseRef,
          kind: 'case-record-update',
          title: caseRecordTaskTitle(changes),
          ruleIds: ['AFTER-2'],
          owner,
          dueDate: addDays(today, 2),
        },
        now,
      ),
    );
  }
  await createTasksOnce(ctx, tasks, actor);
}

/** Did a move in the bot start this placement (confirmed on that date, or approved and waiting to be confirmed)? Its own tasks cover it. */
async function placementFromMoveInBot(ctx: ServiceContext, caseRef: string, start: string): Promise<boolean> {
  const requests = await ctx.records.moveRequests.find({ caseRef, state: { $in: ['approved', 'completed'] } });
  return requests.some((r) => r.state === 'approved' || r.completion?.date === start);
}

// ---- recording the plan: the task's Done -------------------------------------------------------------

/**
 * Marking a plan task done records the plan's date on the child's record (PLAN-1); marking a
 * revision task done records the revision (PLAN-2: a revision of the same plan, counted). The date
 * is the day the task was marked done. Safe to repeat: the record names the task that last changed
 * it, and the audit entry has a fixed id, so a retry after a crash records it once.
 */
export async function recordPlanFromTask(ctx: ServiceContext, task: TaskDoc, by: string): Promise<void> {
  if ((task.kind !== PLAN_TASK && task.kind !== REVISION_TASK) || task.state !== 'done') return;
  const on = ukDate(new Date(task.doneAt ?? ctx.now().toISOString()));
  for (let attempt = 0; attempt < 5; attempt++) {
    const child = await ctx.records.children.get(task.caseRef);
    if (!child) return;
    const current = child.placementPlan ?? null;
    const plan: PlacementPlanRecord =
      current?.lastTaskId === task._id
        ? current
        : task.kind === PLAN_TASK || !current
          ? { taskId: task._id, agreedOn: on, revisedOn: null, revisions: 0, lastTaskId: task._id }
          : { ...current, revisedOn: on, revisions: current.revisions + 1, lastTaskId: task._id };
    if (plan === current || (await ctx.records.children.updateIfVersion(child._id, child.version, { placementPlan: plan, updatedAt: ctx.now().toISOString() }))) {
      await writeAudit(
        ctx,
        {
          actor: by,
          action: task.kind === PLAN_TASK ? 'plan.agreed' : 'plan.revised',
          subject: task.caseRef,
          fromState: current && current !== plan ? 'agreed' : null,
          toState: 'agreed',
          details: { task: task._id, on, revisions: plan.revisions },
        },
        task.doneAt ?? ctx.now().toISOString(),
        `${task._id}:plan-recorded`,
      );
      return;
    }
  }
  throw new ConflictError(`The record of ${task.caseRef} kept changing; the task is done, but look at the plan's date again.`);
}

/**
 * After a restart: plan tasks marked done in the last week whose plan was not recorded on the
 * child's record (the process stopped between the two) are recorded now. Returns how many.
 */
export async function finishRecordingPlans(ctx: ServiceContext): Promise<number> {
  const since = new Date(ctx.now().getTime() - 7 * 86_400_000).toISOString();
  const done = await ctx.records.tasks.find({ kind: { $in: [PLAN_TASK, REVISION_TASK] }, state: 'done', doneAt: { $gte: since } }, { sort: { doneAt: 1 } });
  if (done.length === 0) return 0;
  const recorded = new Set((await ctx.records.audit.find({ _id: { $in: done.map((t) => `${t._id}:plan-recorded`) } })).map((a) => a._id));
  const missing = done.filter((t) => !recorded.has(`${t._id}:plan-recorded`));
  for (const task of missing) await recordPlanFromTask(ctx, task, task.doneBy ?? 'bot');
  return missing.length;
}

// ---- PLAN-2: asking for the revision ------------------------------------------------------------------

/**
 * One pass (the scheduler runs it once a day): every child whose plan revision falls due within the
 * notice period gets one revision task for its social worker, and the IRO is asked to check the plan.
 * The task, its audit entry and both messages have fixed ids per child and due date, so a repeated
 * pass, a restart or a second instance asks once. Returns how many were asked.
 */
export async function askForPlanRevisions(ctx: ServiceContext, caseRefs?: string[]): Promise<number> {
  if (!caseRefs) await finishRecordingPlans(ctx); // so the revision is timed from the plan as it stands
  const today = ukDate(ctx.now());
  const now = ctx.now().toISOString();
  const only: Filter = caseRefs ? { _id: { $in: caseRefs } } : {};
  const children = await ctx.records.children.find({ ...only, socialWorker: { $ne: null } });
  const onlyTasks: Filter = caseRefs ? { caseRef: { $in: caseRefs } } : {};
  const asked = new Set((await ctx.records.tasks.find({ ...onlyTasks, kind: REVISION_TASK, dueDate: { $gte: addDays(today, -800) } })).map((t) => t._id));
  const tasks: TaskDoc[] = [];
  const messages: OutgoingMessage[] = [];
  for (const child of children) {
    const due = nextPlanRevision(child, today);
    if (!due || !revisionIsDueToAsk(due, today)) continue;
    const id = `${child.caseRef}:${REVISION_TASK}:${due.dueDate}`;
    if (asked.has(id)) continue;
    tasks.push(
      newTask(
        {
          _id: id,
          caseRef: child.caseRef,
          team: child.team,
          sourceRef: child.caseRef,
          kind: REVISION_TASK,
          title: revisionTaskTitle(due),
          ruleIds: ['PLAN-2'],
          owner: child.socialWorker!,
          dueDate: due.dueDate,
        },
        now,
      ),
    );
    if (child.iro) {
      messages.push({
        key: `${id}:iro`,
        recipient: { kind: 'person', personId: child.iro },
        content: {
          kind: 'notice',
          title: `${child.caseRef}: please check the placement plan`,
          text: `The social worker has been asked to revise the placement plan by ${formatDate(due.dueDate)}${due.reviewDate ? `, before the looked-after review on ${formatDate(due.reviewDate)}` : ' (a year since it was last agreed or revised)'}. As the IRO, please check the revised plan: it is revised before every review and at least yearly, and the IRO checks its quality.`,
          ref: child.caseRef,
          facts: [whyFact('PLAN-2')],
        },
        subjectRef: child.caseRef,
      });
    }
  }
  await createTasksOnce(ctx, tasks, 'bot');
  await enqueueAll(ctx, messages);
  return tasks.length;
}

// ---- the review date, set in chat --------------------------------------------------------------------

/**
 * Sets the child's next looked-after review date (the social worker or a team manager); audited.
 * When the plan's revision is already within its notice period, it is asked for at once. Returns
 * the child as stored.
 */
export async function setNextReviewDate(ctx: ServiceContext, person: Person, form: unknown): Promise<Child> {
  const parsed = reviewDateSchema(ukDate(ctx.now())).safeParse(form);
  if (!parsed.success) throw new InvalidInputError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'reviewDate'), i.message])));
  const { caseRef, reviewDate } = parsed.data;
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = (await ctx.records.children.get(caseRef)) ?? (await ctx.records.children.get(caseRef.toUpperCase()));
    // An unknown child and one the person may not act for get the same answer: nothing leaks.
    if (!doc || !may(person, 'set the next review date', { child: toChild(doc) })) throw refusal('set the next review date', caseRef);
    const before = doc.nextReviewDate ?? null;
    if (before === reviewDate) return toChild(doc);
    const updated = await ctx.records.children.updateIfVersion(doc._id, doc.version, { nextReviewDate: reviewDate, updatedAt: ctx.now().toISOString() });
    if (!updated) continue;
    await writeAudit(ctx, { actor: person.id, action: 'child.review-date-set', subject: doc.caseRef, fromState: before, toState: reviewDate, details: { via: 'chat' } });
    await askForPlanRevisions(ctx, [doc._id]);
    return toChild(updated);
  }
  throw new ConflictError(`The record of ${caseRef} kept changing; try again.`);
}

// ---- PLAN-3 and PLAN-4: the checklist ----------------------------------------------------------------------

async function planTaskFor(ctx: ServiceContext, person: Person, taskId: string): Promise<TaskDoc> {
  return authorizeOnTask(ctx, person, 'mark a follow-up task done', taskId, PLAN_TASK);
}

/** The plan task and its checklist, for its owner (or a team manager of the child's team). */
export async function placementChecklist(ctx: ServiceContext, person: Person, taskId: string): Promise<TaskDoc> {
  return planTaskFor(ctx, person, taskId);
}

/**
 * Records the checklist answers given on the card: each item done, or not possible with the reason
 * why. Items left unanswered keep what they had. Bad input changes nothing; audited with the items'
 * states (never the reasons, which are free text).
 */
export async function recordChecklist(ctx: ServiceContext, person: Person, taskId: string, data: Record<string, unknown>): Promise<TaskDoc> {
  let task = await planTaskFor(ctx, person, taskId);
  const parsed = parseChecklistForm(data);
  if (!parsed.ok) throw new InvalidInputError(parsed.errors);
  const at = ctx.now().toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    if (task.state !== 'open') throw new ConflictError('The placement plan is already marked done: its checklist is closed.');
    const checklist: ChecklistAnswers = { ...(task.checklist ?? {}) };
    for (const [item, choice] of Object.entries(parsed.choices)) {
      const before = checklist[item];
      if (choice.state === 'open') delete checklist[item];
      // An answer given again as it was keeps who gave it and when.
      else if (!before || before.state !== choice.state || before.reason !== choice.reason) checklist[item] = { state: choice.state, reason: choice.reason, by: person.id, at };
    }
    const updated = await ctx.records.tasks.updateIfVersion(task._id, task.version, { checklist });
    if (updated) {
      await writeAudit(
        ctx,
        {
          actor: person.id,
          action: 'plan.checklist-recorded',
          subject: task.caseRef,
          fromState: 'open',
          toState: 'open',
          details: {
            task: task._id,
            items: Object.entries(parsed.choices)
              .map(([item, c]) => `${item}:${c.state}`)
              .join(' '),
            ...checklistCounts(updated.checklist),
          },
        },
        at,
      );
      return updated;
    }
    const again = await ctx.records.tasks.get(task._id);
    if (!again) throw new NotFoundError('That placement plan task no longer exists.');
    task = again;
  }
  throw new ConflictError('The checklist kept changing; look again.');
}

// ---- the digest ----------------------------------------------------------------------------------------

/** Placement plans (first plans and revisions) past their due date, for the digest: case references only. */
export async function overduePlans(ctx: ServiceContext, teams: string[], date: string): Promise<Array<{ caseRef: string; what: string; dueDate: string }>> {
  const filter: Filter = teams.includes('*') ? {} : { team: { $in: teams } };
  const tasks = await ctx.records.tasks.find({ ...filter, state: 'open', kind: { $in: [PLAN_TASK, REVISION_TASK] }, dueDate: { $lt: date } }, { sort: { dueDate: 1 }, limit: 200 });
  return tasks.map((t) => ({ caseRef: t.caseRef, what: t.kind === PLAN_TASK ? 'placement plan' : 'plan revision', dueDate: t.dueDate }));
}
