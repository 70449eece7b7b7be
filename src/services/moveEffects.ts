// What follows each change of a move request, as declared to the effects runner
// (services/effects/runner.ts): messages to queue, tasks to create, the child's history to update.
// The runner writes the change's audit entry first and clears the effect when it is done; every
// task, entry and message has a fixed key, so an effect run twice after a crash does each thing once.
import { followUpsFor } from '../domain/moves';
import type { Person } from '../domain/people';
import type { MoveRequestDoc, PendingEffect, TaskDoc } from '../store/records';
import type { ServiceContext } from './context';
import { enqueueAll, updatesOfSentCards, type OutgoingMessage } from './outbox';
import { forgetCaseloads, peopleWithRole } from './people';
import { disruptionMeetingOffer } from './meetingOffers';
import { knownToHaveChat } from './knownChats';
import type { Filter } from '../store/collection';
import { resumeEffects, runEffects, type EffectPlan, type RecordEffects } from './effects/runner';

const personal = (personId: string) => ({ kind: 'person' as const, personId });

/** Approvers with a personal chat with the bot; when there are none, the team's approvals channel. */
export async function approvalRecipients(ctx: ServiceContext, team: string): Promise<{ approvers: Person[]; channel: string | null }> {
  const heads = await peopleWithRole(ctx, 'head_of_service', team);
  // Those this process knows have a chat need no look-up; the others are looked up together.
  const unknown = heads.filter((head) => !knownToHaveChat(ctx, head.id));
  const chats = unknown.length > 0 ? await ctx.records.conversations.find({ _id: { $in: unknown.map((h) => `person:${h.id}`) } }) : [];
  const withChat = new Set(chats.map((c) => c.personId));
  const reachable = heads.filter((head) => withChat.has(head.id) || knownToHaveChat(ctx, head.id));
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

/** The follow-up tasks of an approved move (one per request and kind: the id is fixed). */
async function followUpTasks(ctx: ServiceContext, request: MoveRequestDoc): Promise<TaskDoc[]> {
  const child = await ctx.records.children.get(request.caseRef);
  const owner = child?.socialWorker ?? request.requestedBy;
  const now = ctx.now().toISOString();
  return followUpsFor(request, request.proposedDate).map((step) => ({
    _id: `${request.ref}:${step.kind}`,
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
  }));
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

/** What each effect of a move request does, for the effects runner. */
export const moveEffects: RecordEffects<MoveRequestDoc, PendingEffect> = {
  kind: 'move request',
  collection: (records) => records.moveRequests,
  async plan(ctx, effect, request): Promise<EffectPlan> {
    const plan: EffectPlan = { messages: await messagesFor(ctx, effect, request) };
    if (effect === 'decided' && request.decision?.outcome === 'approved') plan.tasks = await followUpTasks(ctx, request);
    if (effect === 'completed') plan.steps = [() => recordCompletedMove(ctx, request)];
    return plan;
  },
};

/** Carries out the request's pending effects and clears them; returns the request as stored after. */
export const runMoveEffects = (ctx: ServiceContext, request: MoveRequestDoc): Promise<MoveRequestDoc> => runEffects(ctx, moveEffects, request);

/** After a restart: finish the effects of any change whose process stopped half-way. */
export const resumePendingMoveEffects = (ctx: ServiceContext): Promise<number> => resumeEffects(ctx, moveEffects);

/** A Head of Service who opens the bot for the first time receives the requests already waiting for their teams. */
export async function sendWaitingApprovalsTo(ctx: ServiceContext, person: Person): Promise<void> {
  if (!person.roles.includes('head_of_service')) return;
  const filter: Filter = person.teams.includes('*') ? { state: 'pending' } : { state: 'pending', team: { $in: person.teams } };
  const waiting = await ctx.records.moveRequests.find(filter, { sort: { requestedAt: 1 }, limit: 50 });
  await enqueueAll(ctx, waiting.map((r) => approvalCardTo(r.ref, { personId: person.id })));
}
