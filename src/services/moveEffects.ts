// What follows each change of a move request: messages to queue, tasks to create, history to
// record. A state change, its "pending effect" and its audit entry are written in one atomic update;
// the entry is written and the effects carried out here, then both cleared. Every step is idempotent
// (fixed keys), so if the process stops in between, running them again after a restart does each
// thing once.
import { followUpsFor } from '../domain/moves';
import type { Person } from '../domain/people';
import type { MoveRequestDoc, PendingEffect, TaskDoc } from '../store/records';
import type { ServiceContext } from './context';
import { enqueueAll, updatesOfSentCards, type OutgoingMessage } from './outbox';
import { forgetCaseloads, peopleWithRole } from './people';
import { writeAudit, writePendingAudit } from './audit';
import { disruptionMeetingOffer } from './meetingOffers';
import { DuplicateKeyError, type Filter } from '../store/collection';

const personal = (personId: string) => ({ kind: 'person' as const, personId });

/** Approvers with a personal chat with the bot; when there are none, the team's approvals channel. */
export async function approvalRecipients(ctx: ServiceContext, team: string): Promise<{ approvers: Person[]; channel: string | null }> {
  const heads = await peopleWithRole(ctx, 'head_of_service', team);
  const reachable: Person[] = [];
  for (const head of heads) {
    if (await ctx.records.conversations.get(`person:${head.id}`)) reachable.push(head);
  }
  if (reachable.length > 0) return { approvers: reachable, channel: null };
  const settings = await ctx.records.teamSettings.get(team);
  return { approvers: [], channel: settings?.approvalsChannel ?? null };
}

function approvalCardTo(ref: string, recipient: { personId?: string; channel?: string }): OutgoingMessage {
  return recipient.personId
    ? { key: `${ref}:approval:${recipient.personId}`, recipient: personal(recipient.personId), content: { kind: 'move-card', ref, view: 'approver' }, subjectRef: ref }
    : {
        key: `${ref}:approval:channel:${recipient.channel}`,
        recipient: { kind: 'channel', conversationId: recipient.channel! },
        content: { kind: 'move-card', ref, view: 'approver' },
        subjectRef: ref,
      };
}

async function messagesFor(ctx: ServiceContext, effect: PendingEffect, request: MoveRequestDoc): Promise<OutgoingMessage[]> {
  const ref = request.ref;
  const round = request.infoRequests.length;
  switch (effect) {
    case 'requested': {
      const { approvers, channel } = await approvalRecipients(ctx, request.team);
      const cards = approvers.map((a) => approvalCardTo(ref, { personId: a.id }));
      if (channel) cards.push(approvalCardTo(ref, { channel }));
      const where =
        approvers.length > 0
          ? `It has been sent to ${approvers.map((a) => a.name).join(', ')} for a decision.`
          : channel
            ? `No Head of Service for ${request.team} has a chat with the bot yet, so it has been posted to the team's approvals channel.`
            : `No Head of Service for ${request.team} can be reached in Teams yet and no approvals channel is set. It is saved, and will be sent as soon as a Head of Service opens the bot. Please also tell them directly.`;
      return [
        ...cards,
        { key: `${ref}:requested:requester`, recipient: personal(request.requestedBy), content: { kind: 'notice', title: `${ref} submitted`, text: where, ref }, subjectRef: ref },
      ];
    }
    case 'info-requested':
      return [
        ...(await updatesOfSentCards(ctx, ref, request.version)),
        { key: `${ref}:info:${round}:requester`, recipient: personal(request.requestedBy), content: { kind: 'move-card', ref, view: 'info-request' }, subjectRef: ref },
      ];
    case 'info-answered': {
      const asker = request.infoRequests[round - 1]?.askedBy;
      return [
        ...(await updatesOfSentCards(ctx, ref, request.version)),
        ...(asker
          ? [{
              key: `${ref}:answered:${round}:${asker}`,
              recipient: personal(asker),
              content: { kind: 'notice' as const, title: `${ref}: your question was answered`, text: `${request.requestedByName} answered. The request is back with you for a decision.`, ref },
              subjectRef: ref,
            }]
          : []),
      ];
    }
    case 'decided': {
      const decision = request.decision!;
      const messages: OutgoingMessage[] = [
        ...(await updatesOfSentCards(ctx, ref, request.version)),
        {
          key: `${ref}:decision:requester`,
          recipient: personal(request.requestedBy),
          content: {
            kind: 'notice',
            title: `${ref} ${decision.outcome} by ${decision.byName}`,
            text:
              decision.outcome === 'approved'
                ? 'The placements team has been told it may now look for a placement. Your follow-up tasks are in "my tasks". Confirm the move here when it happens.'
                : `Reason: ${decision.comment ?? 'not given'}`,
            ref,
          },
          subjectRef: ref,
        },
      ];
      if (decision.outcome === 'approved') {
        // MOVE-2: the placements team looks for a placement only once the move is authorised.
        for (const officer of await peopleWithRole(ctx, 'placements_team', request.team)) {
          messages.push({
            key: `${ref}:approved:placements:${officer.id}`,
            recipient: personal(officer.id),
            content: {
              kind: 'notice',
              title: `${ref} authorised: you may now look for a placement`,
              text: `${request.urgency === 'urgent' ? 'Urgent move' : 'Planned move'} for case ${request.caseRef}, proposed for ${request.proposedDate}. Approved by ${decision.byName}. Contact ${request.requestedByName} for the placement request and risk assessment.`,
              ref,
            },
            subjectRef: ref,
          });
        }
      }
      return messages;
    }
    case 'completed':
      return [...(await updatesOfSentCards(ctx, ref, request.version)), ...(await disruptionMeetingOffer(ctx, request))];
  }
}

/** Follow-up tasks of an approved move (idempotent: one task per request and kind). */
async function createFollowUps(ctx: ServiceContext, request: MoveRequestDoc): Promise<void> {
  const child = await ctx.records.children.get(request.caseRef);
  const owner = child?.socialWorker ?? request.requestedBy;
  const now = ctx.now().toISOString();
  for (const step of followUpsFor(request, request.proposedDate)) {
    const id = `${request.ref}:${step.kind}`;
    if (await ctx.records.tasks.get(id)) continue;
    const task: TaskDoc = {
      _id: id,
      version: 1,
      caseRef: request.caseRef,
      team: request.team,
      requestRef: request.ref,
      kind: step.kind,
      title: step.title,
      ruleIds: step.ruleIds,
      owner,
      dueDate: step.dueDate,
      state: 'open',
      createdAt: now,
      doneAt: null,
      doneBy: null,
    };
    try {
      // The entry first, with a fixed id: a replay after a stop between the two writes it once and still creates the task.
      await writeAudit(ctx, { actor: 'bot', action: 'task.created', subject: request.ref, toState: 'open', details: { task: id, owner, dueDate: step.dueDate } }, now, `${id}:created`);
      await ctx.records.tasks.insert(task);
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }
}

/** Records the confirmed move in the child's history and re-dates open tasks from the real move date. */
async function recordCompletedMove(ctx: ServiceContext, request: MoveRequestDoc): Promise<void> {
  const completion = request.completion!;
  await ctx.records.placementMoves.put({
    _id: `${request.caseRef}|${completion.date}`,
    version: 1,
    caseRef: request.caseRef,
    date: completion.date,
    placementType: completion.placementType,
    source: 'bot',
    requestRef: request.ref,
  });
  const child = await ctx.records.children.get(request.caseRef);
  if (child && child.placementStart !== completion.date) {
    await ctx.records.children.updateIfVersion(child._id, child.version, {
      placementType: completion.placementType,
      placementStart: completion.date,
      updatedAt: ctx.now().toISOString(),
    });
    forgetCaseloads(ctx);
  }
  const dueByKind = new Map<string, string>(followUpsFor(request, completion.date).map((s) => [s.kind, s.dueDate]));
  for (const task of await ctx.records.tasks.find({ requestRef: request.ref, state: 'open' })) {
    const due = dueByKind.get(task.kind);
    if (due && due !== task.dueDate) await ctx.records.tasks.updateIfVersion(task._id, task.version, { dueDate: due });
  }
}

/** Carries out the request's pending effects and clears them; returns the request as stored after. */
export async function runMoveEffects(ctx: ServiceContext, request: MoveRequestDoc): Promise<MoveRequestDoc> {
  let current = request;
  while (current.pendingEffects.length > 0) {
    // The change's audit entry first, so the trail has it before anything that follows from it.
    await writePendingAudit(ctx, current);
    const effect = current.pendingEffects[0];
    if (effect === 'decided' && current.decision?.outcome === 'approved') await createFollowUps(ctx, current);
    if (effect === 'completed') await recordCompletedMove(ctx, current);
    await enqueueAll(ctx, await messagesFor(ctx, effect, current));
    const cleared = await ctx.records.moveRequests.updateIfVersion(current._id, current.version, { pendingEffects: current.pendingEffects.slice(1), pendingAudit: [] });
    // Someone changed the request meanwhile: re-read; effects already queued and entries already written are not repeated.
    current = cleared ?? (await ctx.records.moveRequests.get(current._id))!;
  }
  return current;
}

/** After a restart: finish the effects of any change whose process stopped half-way. */
export async function resumePendingMoveEffects(ctx: ServiceContext): Promise<number> {
  const unfinished = await ctx.records.moveRequests.find({ 'pendingEffects.0': { $exists: true } });
  for (const request of unfinished) await runMoveEffects(ctx, request);
  return unfinished.length;
}

/** A Head of Service who opens the bot for the first time receives the requests already waiting for their teams. */
export async function sendWaitingApprovalsTo(ctx: ServiceContext, person: Person): Promise<void> {
  if (!person.roles.includes('head_of_service')) return;
  const filter: Filter = person.teams.includes('*') ? { state: 'pending' } : { state: 'pending', team: { $in: person.teams } };
  const waiting = await ctx.records.moveRequests.find(filter, { sort: { requestedAt: 1 }, limit: 50 });
  await enqueueAll(ctx, waiting.map((r) => approvalCardTo(r.ref, { personId: person.id })));
}
