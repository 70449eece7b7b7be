// Who may act on a follow-up task, asked of the permission table (src/domain/permissions.ts) by every
// task action: marking it done, the placement checklist, flagging that the right code is missing.
import type { Person } from '../domain/people';
import { authorize, refusal, type Action } from '../domain/permissions';
import type { TaskDoc } from '../store/records';
import type { ServiceContext } from './context';

/** The task actions of the permission table. */
export type TaskAction = Extract<Action, 'mark a follow-up task done' | 'flag that the right code is not available'>;

/**
 * The task, for a person who may do `action` on it; otherwise the table's refusal, the same whether
 * the task exists or not (task ids are built from case references and dates, so they can be guessed:
 * a different answer would confirm a child's placement details).
 */
export async function authorizeOnTask(ctx: ServiceContext, person: Person, action: TaskAction, taskId: string, kind?: TaskDoc['kind']): Promise<TaskDoc> {
  const task = typeof taskId === 'string' && taskId.length <= 120 ? await ctx.records.tasks.get(taskId) : null;
  if (!task || (kind && task.kind !== kind)) throw refusal(action);
  authorize(person, action, { task });
  return task;
}
