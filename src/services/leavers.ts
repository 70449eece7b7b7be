// A worker who leaves: their open follow-up tasks and open move requests pass to a team manager of
// the team concerned (a Head of Service where the team has none), who is told at once. The leaver
// keeps their roster entry for the audit trail but loses every role, so they can do nothing more.
import { OPEN_STATES } from '../domain/moves';
import type { Person } from '../domain/people';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { NotFoundError } from './errors';
import { enqueueAll, type OutgoingMessage } from './outbox';
import { peopleWithRole } from './people';

export interface Handover {
  tasks: number;
  requests: string[];
  /** Who took the work over, by roster id. */
  to: string[];
  /** Work for a team with no manager on the roster: left where it was, and reported. */
  unassigned: string[];
}

async function successorFor(ctx: ServiceContext, team: string, leaverId: string): Promise<Person | null> {
  for (const role of ['team_manager', 'head_of_service'] as const) {
    const found =
      (await peopleWithRole(ctx, role, team)).find((p) => p.id !== leaverId && !p.teams.includes('*')) ?? (await peopleWithRole(ctx, role, team)).find((p) => p.id !== leaverId);
    if (found) return found;
  }
  return null;
}

/** Hands over everything open of `leaverId`; safe to run twice (fixed audit ids and message keys; work already passed on is not found again). */
export async function handOverLeaversWork(ctx: ServiceContext, leaverId: string, actor: string): Promise<Handover> {
  const leaver = await ctx.records.people.get(leaverId.trim().toLowerCase());
  if (!leaver) throw new NotFoundError(`${leaverId} is not on the roster.`);
  const at = ctx.now().toISOString();
  const result: Handover = { tasks: 0, requests: [], to: [], unassigned: [] };
  const passed = new Map<string, { person: Person; tasks: string[]; requests: string[] }>();
  const passTo = (p: Person) => passed.get(p.id) ?? passed.set(p.id, { person: p, tasks: [], requests: [] }).get(p.id)!;

  for (const task of await ctx.records.tasks.find({ owner: leaver._id, state: 'open' }, { limit: 1000 })) {
    const to = await successorFor(ctx, task.team, leaver._id);
    if (!to) {
      result.unassigned.push(task._id);
      continue;
    }
    if (!(await ctx.records.tasks.updateIfVersion(task._id, task.version, { owner: to.id }))) continue;
    await writeAudit(
      ctx,
      { actor, action: 'task.handed-over', subject: task.sourceRef, details: { task: task._id, from: leaver._id, to: to.id } },
      at,
      `${task._id}:handover:${leaver._id}`,
    );
    passTo(to).tasks.push(`${task.title} (${task.caseRef}, ${task.sourceRef})`);
    result.tasks++;
  }
  for (const request of await ctx.records.moveRequests.find({ requestedBy: leaver._id, state: { $in: OPEN_STATES } }, { sort: { requestedAt: 1 }, limit: 1000 })) {
    const to = await successorFor(ctx, request.team, leaver._id);
    if (!to) {
      result.unassigned.push(request.ref);
      continue;
    }
    const moved = await ctx.records.moveRequests.updateIfVersion(request._id, request.version, { requestedBy: to.id, requestedByName: to.name, updatedAt: at });
    if (!moved) continue;
    await writeAudit(
      ctx,
      { actor, action: 'move.handed-over', subject: request.ref, fromState: request.state, toState: request.state, details: { from: leaver._id, to: to.id } },
      at,
      `${request.ref}:handover:${leaver._id}`,
    );
    passTo(to).requests.push(request.ref);
    result.requests.push(request.ref);
  }
  if (leaver.roles.length > 0) {
    await ctx.records.people.updateIfVersion(leaver._id, leaver.version, { roles: [], updatedAt: at });
    await writeAudit(ctx, { actor, action: 'roster.left', subject: leaver._id, details: { roles: leaver.roles.join(';') } }, at);
  }
  const messages: OutgoingMessage[] = [...passed.values()].map(({ person, tasks, requests }) => ({
    key: `handover:${leaver._id}:${person.id}:${at}`,
    recipient: { kind: 'person', personId: person.id },
    content: {
      kind: 'notice',
      title: `${leaver.name} has left: their open work is now yours`,
      text: [
        requests.length > 0 ? `Move requests (you are now the requester; type the reference to open one): ${requests.join(', ')}.` : '',
        tasks.length > 0 ? `Tasks (see "my tasks"): ${tasks.join('; ')}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    },
    subjectRef: null,
  }));
  await enqueueAll(ctx, messages);
  result.to = [...passed.keys()];
  return result;
}
