// MOVE-7: a move is never coded wrongly because the right code is missing. From the coding task the
// social worker flags "the right code is not available"; the Performance Team and the team's Head
// of Service and service manager are told at once, with the move's reference.
import type { Person } from '../domain/people';
import type { TaskDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { enqueueAll, whyFact, type OutgoingMessage } from './outbox';
import { peopleWithRole } from './people';
import { authorizeOnTask } from './taskAccess';

/** Flags the coding task's move; returns who was told. Flagging twice tells each person once. */
export async function reportCodeUnavailable(ctx: ServiceContext, person: Person, taskId: string): Promise<{ task: TaskDoc; told: Person[] }> {
  // Only the task of coding a move can be flagged; any other id is refused like a missing one.
  const task = await authorizeOnTask(ctx, person, 'flag that the right code is not available', taskId, 'code-move');
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
