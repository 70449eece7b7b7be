// MOVE-7 over the stored history: lists every coding problem and gives the child's social worker a
// task to correct each one in the case system. Running it again creates nothing new for the same
// problem (one task per problem key); problems on children without a child record, or without an
// allocated social worker, are reported but have no one to go to.
import { addDays, ukDate } from '../domain/dates';
import { codingProblemKey, codingProblems, type CodingProblem } from '../domain/ssda903/codingChecks';
import type { Episode } from '../domain/ssda903/episodes';
import { DuplicateKeyError } from '../store/collection';
import type { ChildDoc, TaskDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { episodeId, storedEpisodes } from './episodes';

/** Wrong codes are corrected at once (MOVE-7); two days, as for coding a confirmed move. */
const DAYS_TO_FIX = 2;

export interface CodingCheckRun {
  problems: CodingProblem[];
  tasks: {
    created: number;
    /** Problems that already had a task (open or done). */
    existing: number;
    /** Problems on children with no child record or no allocated social worker. */
    noSocialWorker: number;
  };
}

/** The task's request reference: `CODING:<caseRef>:<decom>:<check>[:<column>]`. */
export const codingTaskRef = (problem: CodingProblem): string => `CODING:${codingProblemKey(problem)}`;

/**
 * Checks the stored episodes (the returns as imported; moves confirmed in the bot are not episodes
 * of the case system, so they are not checked here). `since` ('YYYY-MM-DD') keeps only problems on
 * episodes still open or ended on or after it, so that an old return does not fill task lists.
 */
export async function checkStoredCoding(ctx: ServiceContext, options: { since?: string; actor?: string } = {}): Promise<CodingCheckRun> {
  const episodes = [...(await storedEpisodes(ctx)).values()].flat();
  const problems = codingProblemsSince(episodes, options.since);

  const children = await childrenByRef(ctx, [...new Set(problems.map((p) => p.child))]);
  const run: CodingCheckRun = { problems, tasks: { created: 0, existing: 0, noSocialWorker: 0 } };
  const now = ctx.now();
  for (const problem of problems) {
    const child = children.get(problem.child);
    if (!child?.socialWorker) {
      run.tasks.noSocialWorker++;
      continue;
    }
    run.tasks[(await createFixTask(ctx, problem, child, now)) ? 'created' : 'existing']++;
  }

  await writeAudit(ctx, {
    actor: options.actor ?? 'bot',
    action: 'coding.checked',
    subject: 'episodes',
    details: {
      problems: problems.length,
      tasksCreated: run.tasks.created,
      tasksExisting: run.tasks.existing,
      noSocialWorker: run.tasks.noSocialWorker,
      since: options.since ?? null,
    },
  });
  return run;
}

/** The coding problems in these episodes; with `since`, only on episodes still open or ended on or after it. */
export function codingProblemsSince(episodes: readonly Episode[], since?: string): CodingProblem[] {
  const problems = codingProblems(episodes);
  if (!since) return problems;
  const byId = new Map(episodes.map((e) => [episodeId(e), e]));
  return problems.filter((p) => {
    const { dec } = byId.get(episodeId(p))!;
    return dec === null || dec >= since;
  });
}

async function childrenByRef(ctx: ServiceContext, caseRefs: string[]): Promise<Map<string, ChildDoc>> {
  if (caseRefs.length === 0) return new Map();
  const docs = await ctx.records.children.find({ caseRef: { $in: caseRefs } });
  return new Map(docs.map((doc) => [doc.caseRef, doc]));
}

/** True when the task was created; false when one already exists for this problem. */
async function createFixTask(ctx: ServiceContext, problem: CodingProblem, child: ChildDoc, now: Date): Promise<boolean> {
  const sourceRef = codingTaskRef(problem);
  const id = `${sourceRef}:fix-coding`;
  if (await ctx.records.tasks.get(id)) return false;
  const task: TaskDoc = {
    _id: id,
    version: 1,
    caseRef: child.caseRef,
    team: child.team,
    sourceRef,
    kind: 'fix-coding',
    title: `Correct the coding in the case system: ${problem.message}`,
    ruleIds: ['MOVE-7'],
    owner: child.socialWorker!,
    dueDate: addDays(ukDate(now), DAYS_TO_FIX),
    state: 'open',
    createdAt: now.toISOString(),
    doneAt: null,
    doneBy: null,
  };
  try {
    await ctx.records.tasks.insert(task);
    return true;
  } catch (err) {
    if (err instanceof DuplicateKeyError) return false; // created by a run in parallel
    throw err;
  }
}
