// MOVE-7: a move is never coded wrongly because the right code is missing. From the coding task the
// social worker flags "the right code is not available"; the Performance Team and the team's Head
// of Service and service manager are told at once, with the move's reference.
import { coversTeam, hasRole, type Person } from '../domain/people';
import type { TaskDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { InvalidInputError, NotFoundError, NotPermittedError } from './errors';
import { enqueueAll, whyFact, type OutgoingMessage } from './outbox';
import { peopleWithRole } from './people';

/** Flags the coding task's move; returns who was told. Flagging twice tells each person once. */
export async function reportCodeUnavailable(ctx: ServiceContext, person: Person, taskId: string): Promise<{ task: TaskDoc; told: Person[] }> {
  const task = typeof taskId === 'string' && taskId.length <= 80 ? await ctx.records.tasks.get(taskId) : null;
  if (!task) throw new NotFoundError('That task no longer exists.');
  if (!(task.owner === person.id || (hasRole(person, 'team_manager') && coversTeam(person, task.team)))) {
    throw new NotPermittedError('Only the owner of the task or their team manager can flag its coding.');
  }
  if (task.kind !== 'code-move') throw new InvalidInputError({ taskId: 'Only the task of coding a move can be flagged this way.' });
  const told = new Map<string, Person>();
  for (const role of ['performance_team', 'head_of_service', 'service_manager'] as const) {
    for (const p of await peopleWithRole(ctx, role, task.team)) told.set(p.id, p);
  }
  const at = ctx.now().toISOString();
  await writeAudit(
    ctx,
    { actor: person.id, action: 'move.code-unavailable', subject: task.sourceRef, details: { task: task._id, told: [...told.keys()].join(' ') } },
    at,
    `${task._id}:code-unavailable`,
  );
  const messages: OutgoingMessage[] = [...told.values()].map((p) => ({
    key: `${task._id}:code-unavailable:${p.id}`,
    recipient: { kind: 'person', personId: p.id },
    content: {
      kind: 'notice',
      title: `${task.sourceRef}: the right code is not available`,
      text: `${person.name} cannot code the move of case ${task.caseRef} (${task.sourceRef}) correctly: the right code is not available in the case management system. It has not been coded with a wrong one. Please arrange the right code with the Performance Team.`,
      ref: task.sourceRef,
      facts: [whyFact('MOVE-7')],
    },
    subjectRef: task.sourceRef,
  }));
  await enqueueAll(ctx, messages);
  return { task, told: [...told.values()] };
}
