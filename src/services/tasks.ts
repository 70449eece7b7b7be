// Follow-up tasks: a person's open tasks, and marking one done.
import type { Person } from '../domain/people';
import type { TaskDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { ConflictError } from './errors';
import { recordPlanFromTask } from './placementPlan';
import { authorizeOnTask } from './taskAccess';

export async function openTasksOf(ctx: ServiceContext, person: Person): Promise<TaskDoc[]> {
  return ctx.records.tasks.find({ owner: person.id, state: 'open' }, { sort: { dueDate: 1 }, limit: 100 });
}

/** The owner marks a task done; so may a team manager of the child's team (e.g. when the owner is away). */
export async function completeTask(ctx: ServiceContext, person: Person, taskId: string): Promise<TaskDoc> {
  const task = await authorizeOnTask(ctx, person, 'mark a follow-up task done', taskId);
  if (task.state === 'done') throw new ConflictError(`"${task.title}" was already marked done.`);
  const at = ctx.now().toISOString();
  const done = await ctx.records.tasks.updateIfVersion(task._id, task.version, { state: 'done', doneAt: at, doneBy: person.id });
  if (!done) throw new ConflictError(`"${task.title}" was changed by someone else; look again.`);
  await writeAudit(ctx, { actor: person.id, action: 'task.done', subject: task.sourceRef, fromState: 'open', toState: 'done', details: { task: task._id } }, at);
  // A placement plan's task records the plan (or its revision) on the child's record (PLAN-1, PLAN-2).
  await recordPlanFromTask(ctx, done, person.id);
  return done;
}
