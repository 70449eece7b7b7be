// A task's title is a structured fact, listed anywhere (a channel's digest, "my tasks" in a group
// chat); the carer it is about and what a meeting typed for it are kept beside it (TaskDoc.carerName,
// TaskDoc.typed) and shown through the Disclosure. Tasks stored before the two were kept apart had
// them in the title: the start-up migration here rebuilds those titles with the domain's own wording.
import { formatDate } from '../domain/dates';
import { OUTCOME_TASK_TITLES } from '../domain/meetings';
import { endingFollowUps } from '../domain/moves';
import type { TaskDoc } from '../store/records';
import type { ServiceContext } from './context';

/** The kinds whose old titles could carry a carer's name or what a meeting typed. */
const KINDS_WITH_PRIVATE_DETAIL = ['end-placement-officer', 'end-tell-those-told', 'tell-placements-service', 'serve-notice', 'commissioning-panel', 'stability-panel', 'action'];

/** Stored before the title and its private detail were kept apart, and not rewritten yet. */
const unmigrated = (task: Pick<TaskDoc, 'kind' | 'carerName'>) => task.carerName === undefined && KINDS_WITH_PRIVATE_DETAIL.includes(task.kind);

/**
 * The title to list in a shared place. Every stored task is rewritten at start-up; one written since
 * by an older process still running beside this one (a rolling upgrade) is listed by its source only.
 */
export function titleForSharedPlaces(task: Pick<TaskDoc, 'kind' | 'carerName' | 'title' | 'sourceRef'>): string {
  return unmigrated(task) ? `A follow-up task from ${task.sourceRef}` : task.title;
}

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/** The old title's parts, as the old wording put them (the wording before is known exactly). */
function rebuilt(task: TaskDoc): Pick<TaskDoc, 'title' | 'carerName' | 'typed'> {
  const old = task.title;
  const end = ISO_DATE.exec(old)?.[0] ?? task.dueDate;
  const after = (prefix: string) => (old.startsWith(prefix) ? old.slice(prefix.length).trim() || null : null);
  switch (task.kind) {
    case 'end-placement-officer':
    case 'end-tell-those-told': {
      const carerName = /the placement with (.+?) (?:ended on|began that)/.exec(old)?.[1] ?? null;
      const title = endingFollowUps(task.dueDate, null).find((s) => s.kind === task.kind)!.title;
      // The move date is the task's due date unless it was re-dated: keep the old title's date then.
      const stated = /ended on (.+?), so/.exec(old)?.[1];
      return { title: stated ? title.replace(formatDate(task.dueDate), stated) : title, carerName, typed: null };
    }
    case 'tell-placements-service': {
      const carerName = /the placement with (.+?) will end on/.exec(old)?.[1] ?? null;
      return { title: OUTCOME_TASK_TITLES.tellPlacementsService(old.startsWith('Tell the Placements Service'), end), carerName, typed: null };
    }
    case 'serve-notice':
      return { title: OUTCOME_TASK_TITLES.serveNotice(end), carerName: /^Serve notice on (.+?) for the planned end/.exec(old)?.[1] ?? null, typed: null };
    case 'commissioning-panel':
      return { title: OUTCOME_TASK_TITLES.commissioningPanel, carerName: null, typed: after(`${OUTCOME_TASK_TITLES.commissioningPanel}:`) };
    case 'stability-panel':
      return { title: OUTCOME_TASK_TITLES.stabilityPanel, carerName: null, typed: after(`${OUTCOME_TASK_TITLES.stabilityPanel}:`) };
    default:
      // An action: its title was the chair's words.
      return { title: OUTCOME_TASK_TITLES.action(task.sourceRef), carerName: null, typed: old };
  }
}

/** Rewrites the titles of tasks stored with a carer's name or a meeting's words in them; returns how many. Run at start-up. */
export async function migrateTaskTitles(ctx: ServiceContext): Promise<number> {
  let count = 0;
  for (;;) {
    const batch = await ctx.records.tasks.find({ kind: { $in: KINDS_WITH_PRIVATE_DETAIL }, carerName: { $exists: false } }, { limit: 500 });
    if (batch.length === 0) return count;
    // A task changed meanwhile by another process is read again in the next batch.
    for (const task of batch) if (await ctx.records.tasks.updateIfVersion(task._id, task.version, rebuilt(task))) count++;
  }
}
