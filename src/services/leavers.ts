// A worker who leaves (psb roster leaver, or the roster import: marked a leaver, or no longer in the
// file): their open follow-up tasks, open move requests, meetings they organise that are still to
// happen and children allocated to them pass to a team manager of the team concerned (a Head of
// Service where the team has none), who is told at once; where they were a child's supervising
// social worker or IRO the link is cleared and that team manager asked to see one allocated; move requests waiting for a decision that
// they were asked to decide go to the team's other approvers (or its approvals channel). The
// leaver keeps their roster entry for the audit trail but loses every role, so they can do nothing more.
import { OPEN_STATES } from '../domain/moves';
import type { Person } from '../domain/people';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { NotFoundError } from './errors';
import { enqueueAll, type OutgoingMessage } from './outbox';
import { approvalCardTo, approvalRecipients } from './moveEffects';
import { forgetCaseloads, forgetRoster, peopleWithRole } from './people';

export interface Handover {
  tasks: number;
  requests: string[];
  /** Meetings still to happen that they organised, by reference. */
  meetings: string[];
  /** Children allocated to them (social worker), by case reference. */
  children: string[];
  /**
   * Children whose carers they supervised or whose reviews they chaired, by case reference: the link
   * is cleared (alerts, meetings and notices must not keep going to someone who has left) and the
   * team manager is asked to see a new supervising social worker or IRO allocated.
   */
  unlinked: string[];
  /** Requests waiting for their decision, sent on to the team's other approvers. */
  approvals: string[];
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
  const result: Handover = { tasks: 0, requests: [], meetings: [], children: [], unlinked: [], approvals: [], to: [], unassigned: [] };
  const passed = new Map<string, { person: Person; tasks: string[]; requests: string[]; meetings: string[]; children: string[]; unlinked: string[] }>();
  const passTo = (p: Person) => passed.get(p.id) ?? passed.set(p.id, { person: p, tasks: [], requests: [], meetings: [], children: [], unlinked: [] }).get(p.id)!;

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
  for (const meeting of await ctx.records.meetings.find({ organiser: leaver._id, state: 'scheduled' }, { sort: { _id: 1 }, limit: 1000 })) {
    const to = await successorFor(ctx, meeting.team, leaver._id);
    if (!to) {
      result.unassigned.push(meeting.ref);
      continue;
    }
    const participantIds = meeting.participantIds.includes(to.id) ? meeting.participantIds : [...meeting.participantIds, to.id];
    if (!(await ctx.records.meetings.updateIfVersion(meeting._id, meeting.version, { organiser: to.id, organiserName: to.name, participantIds, updatedAt: at }))) continue;
    await writeAudit(ctx, { actor, action: 'meeting.handed-over', subject: meeting.ref, details: { from: leaver._id, to: to.id } }, at, `${meeting.ref}:handover:${leaver._id}`);
    passTo(to).meetings.push(`${meeting.ref} (${meeting.caseRef}, ${meeting.date} ${meeting.time})`);
    result.meetings.push(meeting.ref);
  }
  for (const child of await ctx.records.children.find({ socialWorker: leaver._id }, { sort: { _id: 1 }, limit: 5000 })) {
    const to = await successorFor(ctx, child.team, leaver._id);
    if (!to) {
      result.unassigned.push(child.caseRef);
      continue;
    }
    if (!(await ctx.records.children.updateIfVersion(child._id, child.version, { socialWorker: to.id, updatedAt: at }))) continue;
    // The case reference only: the child's name stays in the child record.
    await writeAudit(
      ctx,
      { actor, action: 'child.handed-over', subject: child.caseRef, details: { from: leaver._id, to: to.id, team: child.team } },
      at,
      `${child.caseRef}:handover:${leaver._id}`,
    );
    passTo(to).children.push(child.caseRef);
    result.children.push(child.caseRef);
  }
  // The supervising social worker and the IRO are not the team manager's to take over: the link is
  // cleared and the team manager told, so that one is allocated (the next children import sets it).
  for (const [field, what] of [
    ['supervisingSocialWorker', 'supervising social worker'],
    ['iro', 'IRO'],
  ] as const) {
    for (const child of await ctx.records.children.find({ [field]: leaver._id }, { sort: { _id: 1 }, limit: 5000 })) {
      if (!(await ctx.records.children.updateIfVersion(child._id, child.version, { [field]: null, updatedAt: at }))) continue;
      await writeAudit(
        ctx,
        { actor, action: 'child.link-cleared', subject: child.caseRef, details: { role: field, from: leaver._id, team: child.team } },
        at,
        `${child.caseRef}:${field}-cleared:${leaver._id}`,
      );
      result.unlinked.push(child.caseRef);
      const to = await successorFor(ctx, child.team, leaver._id);
      if (to) passTo(to).unlinked.push(`${child.caseRef} (${what})`);
      else result.unassigned.push(child.caseRef);
    }
  }
  if (result.children.length > 0 || result.unlinked.length > 0) forgetCaseloads(ctx);
  if (leaver.roles.length > 0) {
    await ctx.records.people.updateIfVersion(leaver._id, leaver.version, { roles: [], updatedAt: at });
    forgetRoster(ctx); // they are no longer an approver, a manager or anyone's successor, from now on
    await writeAudit(ctx, { actor, action: 'roster.left', subject: leaver._id, details: { roles: leaver.roles.join(';') } }, at);
  }
  // Requests they were asked to decide: the card goes to whoever can decide now (fixed keys: those
  // who have it already do not get it twice).
  const approvalMessages: OutgoingMessage[] = [];
  const theirCards = await ctx.records.outbox.find({ 'recipient.personId': leaver._id, 'content.kind': 'move-card', 'content.view': 'approver', action: 'send' }, { limit: 1000 });
  const asked = [...new Set(theirCards.map((c) => c.subjectRef).filter((ref): ref is string => !!ref))].sort();
  for (const request of asked.length > 0 ? await ctx.records.moveRequests.find({ _id: { $in: asked }, state: { $in: ['pending', 'info_requested'] } }, { sort: { _id: 1 } }) : []) {
    const { approvers, channel } = await approvalRecipients(ctx, request.team);
    const others = approvers.filter((a) => a.id !== leaver._id);
    if (others.length === 0 && !channel) {
      result.unassigned.push(request.ref);
      continue;
    }
    approvalMessages.push(...others.map((a) => approvalCardTo(request.ref, { personId: a.id })));
    if (others.length === 0 && channel) approvalMessages.push(approvalCardTo(request.ref, { channel }));
    result.approvals.push(request.ref);
  }
  await enqueueAll(ctx, approvalMessages);
  const messages: OutgoingMessage[] = [...passed.values()].map(({ person, tasks, requests, meetings, children, unlinked }) => ({
    key: `handover:${leaver._id}:${person.id}:${at}`,
    recipient: { kind: 'person', personId: person.id },
    content: {
      kind: 'notice',
      title: `${leaver.name} has left: their open work is now yours`,
      text: [
        requests.length > 0 ? `Move requests (you are now the requester; type the reference to open one): ${requests.join(', ')}.` : '',
        tasks.length > 0 ? `Tasks (see "my tasks"): ${tasks.join('; ')}.` : '',
        meetings.length > 0 ? `Meetings you now organise (see "meetings"): ${meetings.join('; ')}.` : '',
        children.length > 0 ? `Children now allocated to you until a new social worker is allocated: ${children.join(', ')}.` : '',
        unlinked.length > 0
          ? `Children who had ${leaver.name} as their supervising social worker or IRO, now with none on record: ${unlinked.join(', ')}. Please see a new one allocated and the children list updated.`
          : '',
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
