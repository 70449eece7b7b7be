// Nobody decides: chasing a move request that waits too long for a decision. Each urgency has a
// target in working time (settings; by default an urgent request gets a reminder after 2 working
// hours and is escalated after 4, a planned one after 2 and 5 working days). A reminder goes again
// to the team's Heads of Service (and anyone covering); escalation goes to the team's service
// managers and approvals channel, and the requester is told. The scheduler runs this every tick.
//
// Once only, across restarts and instances: every message and audit entry has a fixed key per
// request and waiting round, so a second instance or a repeated tick stores nothing new; the
// request is then marked (a version-checked update) so later ticks skip it without writing.
import { formatInstant } from '../domain/dates';
import type { MoveRequest } from '../domain/moves';
import { addWorkingMinutes } from '../domain/workingTime';
import type { MoveRequestDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { activeCovers } from './cover';
import { moveFlowOf, type MoveFlowSettings } from './moveFlowSettings';
import { requestNotice } from './moveNotices';
import { enqueueAll, type OutgoingMessage } from './outbox';
import { peopleWithRole } from './people';

/** The current wait for a decision: round 0 from the request, round n from the answer to the n-th question. */
export function waitingRound(request: Pick<MoveRequest, 'requestedAt' | 'infoRequests'>): { round: number; since: string } {
  const last = request.infoRequests[request.infoRequests.length - 1];
  return { round: request.infoRequests.length, since: last?.answeredAt ?? request.requestedAt };
}

/** When this round's reminder and escalation are due. */
export function chaseDueTimes(request: Pick<MoveRequest, 'requestedAt' | 'infoRequests' | 'urgency'>, flow: MoveFlowSettings): { remindAt: Date; escalateAt: Date } {
  const target = flow.chase[request.urgency];
  const since = new Date(waitingRound(request).since);
  return { remindAt: addWorkingMinutes(since, target.remindAfterMinutes, flow.calendar), escalateAt: addWorkingMinutes(since, target.escalateAfterMinutes, flow.calendar) };
}

/** Is the request waiting for a decision past its escalation target at `now`? (The digest lists these.) */
export function isPastTarget(request: MoveRequestDoc, flow: MoveFlowSettings, now: Date): boolean {
  return request.state === 'pending' && chaseDueTimes(request, flow).escalateAt <= now;
}

/** One pass over the requests waiting for a decision: returns how many were reminded and escalated. */
export async function chaseUndecidedMoves(ctx: ServiceContext): Promise<{ reminded: number; escalated: number }> {
  const flow = moveFlowOf(ctx);
  const now = ctx.now();
  const counts = { reminded: 0, escalated: 0 };
  for (const request of await ctx.records.moveRequests.find({ state: 'pending' }, { sort: { requestedAt: 1 }, limit: 1000 })) {
    const { round } = waitingRound(request);
    const { remindAt, escalateAt } = chaseDueTimes(request, flow);
    const chase = request.chase ?? { reminded: [], escalated: [] };
    if (now >= escalateAt && !chase.escalated.includes(round)) {
      await escalate(ctx, request, round, flow);
      await mark(ctx, request, round, true);
      counts.escalated++;
    } else if (now >= remindAt && now < escalateAt && !chase.reminded.includes(round)) {
      await remind(ctx, request, round);
      await mark(ctx, request, round, false);
      counts.reminded++;
    }
  }
  return counts;
}

const approvalCard = (ref: string, key: string, recipient: OutgoingMessage['recipient']): OutgoingMessage => ({
  key,
  recipient,
  content: { kind: 'move-card', ref, view: 'approver' },
  subjectRef: ref,
});

/** The approval card again, to every Head of Service of the team and anyone covering for it today. */
async function remind(ctx: ServiceContext, request: MoveRequestDoc, round: number): Promise<void> {
  const ref = request.ref;
  const deciders = new Set((await peopleWithRole(ctx, 'head_of_service', request.team)).map((p) => p.id));
  for (const cover of await activeCovers(ctx, request.team)) deciders.add(cover.coverId);
  const at = ctx.now().toISOString();
  await writeAudit(
    ctx,
    { actor: 'bot', action: 'move.reminder-sent', subject: ref, fromState: 'pending', toState: 'pending', details: { round, to: [...deciders].join(' ') } },
    at,
    `${ref}:reminder:${round}`,
  );
  await enqueueAll(
    ctx,
    [...deciders].map((id) => approvalCard(ref, `${ref}:reminder:${round}:${id}`, { kind: 'person', personId: id })),
  );
}

/** To the team's service managers and approvals channel; the requester is told. */
async function escalate(ctx: ServiceContext, request: MoveRequestDoc, round: number, flow: MoveFlowSettings): Promise<void> {
  const ref = request.ref;
  const target = flow.chase[request.urgency];
  const since = formatInstant(waitingRound(request).since);
  const managers = await peopleWithRole(ctx, 'service_manager', request.team);
  const channel = (await ctx.records.teamSettings.get(request.team))?.approvalsChannel ?? null;
  const at = ctx.now().toISOString();
  await writeAudit(
    ctx,
    {
      actor: 'bot',
      action: 'move.escalated',
      subject: ref,
      fromState: 'pending',
      toState: 'pending',
      details: { round, to: [...managers.map((m) => m.id), ...(channel ? [channel] : [])].join(' ') || null },
    },
    at,
    `${ref}:escalation:${round}`,
  );
  const messages: OutgoingMessage[] = [];
  const why = `${request.urgency === 'urgent' ? 'An urgent' : 'A planned'} request should be decided within ${target.escalateLabel}; this one has waited since ${since}.`;
  for (const manager of managers) {
    messages.push(
      await requestNotice(
        ctx,
        request,
        manager.id,
        `${ref}:escalation:${round}:${manager.id}`,
        'is waiting past its target for a decision',
        `${why} Please make sure a Head of Service decides it (type ${ref} to see it).`,
      ),
    );
  }
  if (channel) messages.push(approvalCard(ref, `${ref}:escalation:${round}:channel`, { kind: 'channel', conversationId: channel }));
  const where = [
    ...(managers.length > 0 ? [`the service manager${managers.length === 1 ? '' : 's'} (${managers.map((m) => m.name).join(', ')})`] : []),
    ...(channel ? ["the team's approvals channel"] : []),
  ];
  messages.push(
    await requestNotice(
      ctx,
      request,
      request.requestedBy,
      `${ref}:escalated:${round}:requester`,
      'has been escalated',
      where.length > 0
        ? `${why} It has been escalated to ${where.join(' and ')}.`
        : `${why} No service manager for ${request.team} is on the roster and no approvals channel is set: please raise it with your manager directly.`,
    ),
  );
  await enqueueAll(ctx, messages);
}

/** Marks the round reminded (and escalated), re-reading when someone changed the request meanwhile. */
async function mark(ctx: ServiceContext, request: MoveRequestDoc, round: number, escalated: boolean): Promise<void> {
  let current: MoveRequestDoc | null = request;
  for (let attempt = 0; current && attempt < 5; attempt++) {
    const chase = current.chase ?? { reminded: [], escalated: [] };
    const next = {
      reminded: chase.reminded.includes(round) ? chase.reminded : [...chase.reminded, round],
      escalated: !escalated || chase.escalated.includes(round) ? chase.escalated : [...chase.escalated, round],
    };
    if (await ctx.records.moveRequests.updateIfVersion(current._id, current.version, { chase: next })) return;
    current = await ctx.records.moveRequests.get(request._id);
  }
}
