// What follows each change of a move request, as declared to the effects runner
// (services/effects/runner.ts): messages to queue, tasks to create, steps such as the child's
// history or closing tasks. The runner writes the change's audit entry first and clears the effect
// when it is done; every task, entry and message has a fixed key, so an effect run twice after a
// crash does each thing once.
import { endingFollowUps, followUpsFor, virtualSchoolConcerned, virtualSchoolReasons } from '../domain/moves';
import type { Person } from '../domain/people';
import { mayApproveOutOfHours } from '../domain/permissions';
import type { MoveRequestDoc, PendingEffect, TaskDoc } from '../store/records';
import type { ServiceContext } from './context';
import { enqueueAll, updatesOfSentCards, whyFact, type OutgoingMessage } from './outbox';
import { forgetCaseloads, peopleWithRole, toPerson } from './people';
import { activeCovers } from './cover';
import { moveFlowOf } from './moveFlowSettings';
import { isWorkingTime } from '../domain/workingTime';
import { writeAudit } from './audit';
import { disruptionMeetingOffer } from './meetingOffers';
import { knownToHaveChat } from './knownChats';
import type { Filter } from '../store/collection';
import { formatDate } from '../domain/dates';
import { placementsTeamText, requestNotice } from './moveNotices';
import { resumeEffects, runEffects, type EffectPlan, type RecordEffects } from './effects/runner';

const personal = (personId: string) => ({ kind: 'person' as const, personId });

/**
 * Approvers the bot can reach in Teams (a chat with the bot, or a team of the bot's they are in): the team's Heads of Service and anyone covering for
 * the team today. When there are none, the team's approvals channel.
 */
export async function approvalRecipients(ctx: ServiceContext, team: string): Promise<{ approvers: Person[]; channel: string | null }> {
  const heads = await peopleWithRole(ctx, 'head_of_service', team);
  // Covers are remembered for 30 s like the roster (cover.ts); their roster entries are read together.
  const coverIds = [...new Set((await activeCovers(ctx, team)).map((c) => c.coverId))].filter((id) => !heads.some((h) => h.id === id));
  const covering = coverIds.length > 0 ? (await ctx.records.people.find({ _id: { $in: coverIds } })).map(toPerson) : [];
  const candidates = [...heads, ...covering];
  // Those this process knows have a chat need no look-up; the others are looked up together.
  const unknown = candidates.filter((p) => !knownToHaveChat(ctx, p.id));
  // A chat, or a team of the bot's that has them (the chat is then started when the card is sent).
  const chats = unknown.length > 0 ? await ctx.records.conversations.find({ _id: { $in: unknown.flatMap((p) => [`person:${p.id}`, `member:${p.id}`]) } }) : [];
  const withChat = new Set(chats.map((c) => c.personId));
  // With Graph able to add the app for anyone, everyone is reachable; a refusal then falls back like any undelivered card.
  const reachable = ctx.teamsAppCanBeAdded ? candidates : candidates.filter((p) => withChat.has(p.id) || knownToHaveChat(ctx, p.id));
  if (reachable.length > 0) return { approvers: reachable, channel: null };
  const settings = await ctx.records.teamSettings.get(team);
  return { approvers: [], channel: settings?.approvalsChannel ?? null };
}

/** An urgent request made outside working hours also goes to the out-of-hours approver and channel (settings). */
async function outOfHoursRecipients(ctx: ServiceContext, request: Pick<MoveRequestDoc, 'urgency' | 'requestedAt'>): Promise<{ approver: Person | null; channel: string | null }> {
  const flow = moveFlowOf(ctx);
  if (request.urgency !== 'urgent' || isWorkingTime(new Date(request.requestedAt), flow.calendar)) return { approver: null, channel: null };
  const doc = flow.outOfHours.approver ? await ctx.records.people.get(flow.outOfHours.approver) : null;
  const approver = doc ? toPerson(doc) : null;
  // a setting naming someone who may not decide moves sends them nothing (see mayApproveOutOfHours)
  return { approver: approver && mayApproveOutOfHours(approver) ? approver : null, channel: flow.outOfHours.channel };
}

export function approvalCardTo(ref: string, recipient: { personId?: string; channel?: string }): OutgoingMessage {
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
      const outOfHours = await outOfHoursRecipients(ctx, request);
      const cards = approvers.map((a) => approvalCardTo(ref, { personId: a.id }));
      if (channel) cards.push(approvalCardTo(ref, { channel }));
      if (outOfHours.approver && !approvers.some((a) => a.id === outOfHours.approver!.id)) cards.push(approvalCardTo(ref, { personId: outOfHours.approver.id }));
      if (outOfHours.channel && outOfHours.channel !== channel) cards.push(approvalCardTo(ref, { channel: outOfHours.channel }));
      const where =
        approvers.length > 0
          ? `It has been sent to ${approvers.map((a) => a.name).join(', ')} for a decision.`
          : channel
            ? `No Head of Service for ${request.team} has a chat with the bot yet, so it has been posted to the team's approvals channel.`
            : `No Head of Service for ${request.team} can be reached in Teams yet and no approvals channel is set. It is saved, and will be sent as soon as a Head of Service opens the bot. Please also tell them directly.`;
      cards.push(...(await virtualSchoolNotices(ctx, request, 'requested')));
      const afterHours = outOfHours.approver
        ? ` Out of hours it has also gone to ${outOfHours.approver.name}.`
        : outOfHours.channel
          ? ' Out of hours it has also gone to the out-of-hours channel.'
          : '';
      return [...requesterCopy(request), ...cards, await requestNotice(ctx, request, request.requestedBy, `${ref}:requested:requester`, 'sent for approval', where + afterHours)];
    }
    case 'info-requested':
      return [
        ...(await updatesOfSentCards(ctx, ref, request.version)),
        // The requester's card carries the question and the box to answer it.
        { key: `${ref}:info:${round}:requester`, recipient: personal(request.requestedBy), content: { kind: 'move-card', ref, view: 'requester' }, subjectRef: ref },
      ];
    case 'info-answered': {
      const asker = request.infoRequests[round - 1]?.askedBy;
      return [
        ...(await updatesOfSentCards(ctx, ref, request.version)),
        ...(asker
          ? [
              {
                key: `${ref}:answered:${round}:${asker}`,
                recipient: personal(asker),
                content: {
                  kind: 'notice' as const,
                  title: `${ref}: your question was answered`,
                  text: `${request.requestedByName} answered. The request is back with you for a decision.`,
                  ref,
                },
                subjectRef: ref,
              },
            ]
          : []),
      ];
    }
    case 'decided': {
      const decision = request.decision!;
      const messages: OutgoingMessage[] = [
        ...(await updatesOfSentCards(ctx, ref, request.version)),
        // One message: the requester's card, headed with the decision, carrying what they may do now (confirm, withdraw).
        { key: `${ref}:decision:requester`, recipient: personal(request.requestedBy), content: { kind: 'move-card', ref, view: 'requester' }, subjectRef: ref },
      ];
      messages.push(...(await virtualSchoolNotices(ctx, request, 'decided')));
      if (decision.outcome === 'approved') {
        // MOVE-2: the placements team looks for a placement only once the move is authorised.
        for (const officer of await peopleWithRole(ctx, 'placements_team', request.team)) {
          messages.push({
            key: `${ref}:approved:placements:${officer.id}`,
            recipient: personal(officer.id),
            content: {
              kind: 'notice',
              title: `${ref} authorised: you may now look for a placement`,
              text: placementsTeamText(request),
              ref,
              facts: [whyFact('MOVE-2', ...(request.followsAllegation ? ['MOVE-6'] : []))],
            },
            subjectRef: ref,
          });
        }
      }
      return messages;
    }
    case 'completed':
      return [...(await updatesOfSentCards(ctx, ref, request.version)), ...(await disruptionMeetingOffer(ctx, request))];
    case 'withdrawn':
      return [...(await updatesOfSentCards(ctx, ref, request.version)), ...(await withdrawalNotices(ctx, request))];
  }
}

/**
 * MOVE-4 and MOVE-10: the Virtual School hears of a request, and then of its decision, when the
 * child's education may be disrupted or its advice has not been given yet.
 */
async function virtualSchoolNotices(ctx: ServiceContext, request: MoveRequestDoc, stage: 'requested' | 'decided'): Promise<OutgoingMessage[]> {
  if (!virtualSchoolConcerned(request)) return [];
  const ref = request.ref;
  const reasons = virtualSchoolReasons(request);
  const why = reasons.map((r) => r.text).join(' and ');
  const facts = [whyFact(...reasons.map((r) => r.ruleId))];
  const messages: OutgoingMessage[] = [];
  for (const officer of await peopleWithRole(ctx, 'virtual_school', request.team)) {
    messages.push(
      stage === 'requested'
        ? await requestNotice(
            ctx,
            request,
            officer.id,
            `${ref}:vs:requested:${officer.id}`,
            'requested: the Virtual School is asked to take part',
            `${request.urgency === 'urgent' ? 'An urgent' : 'A planned'} move proposed for ${formatDate(request.proposedDate)}, requested by ${request.requestedByName}. You are told because ${why}. Please contact ${request.requestedByName}.`,
            facts,
          )
        : await requestNotice(
            ctx,
            request,
            officer.id,
            `${ref}:vs:decided:${officer.id}`,
            `${request.decision!.outcome} by ${request.decision!.byName}`,
            `You were told of this request because ${why}.${request.decision!.outcome === 'approved' ? ` The move is proposed for ${formatDate(request.proposedDate)}.` : ''}`,
            facts,
          ),
    );
  }
  return messages;
}

/** Who is told of a withdrawal: the placements team if it had been told to look, and the requester if someone else withdrew. */
async function withdrawalNotices(ctx: ServiceContext, request: MoveRequestDoc): Promise<OutgoingMessage[]> {
  const ref = request.ref;
  const withdrawal = request.withdrawal!;
  const messages: OutgoingMessage[] = [];
  if (request.decision?.outcome === 'approved') {
    for (const officer of await peopleWithRole(ctx, 'placements_team', request.team)) {
      messages.push({
        key: `${ref}:withdrawn:placements:${officer.id}`,
        recipient: personal(officer.id),
        content: {
          kind: 'notice',
          title: `${ref} withdrawn: stop looking for a placement`,
          text: `The move for case ${request.caseRef} is no longer wanted: ${withdrawal.byName} withdrew it on ${formatDate(withdrawal.at.slice(0, 10))}. Please stop any search for a placement.`,
          ref,
        },
        subjectRef: ref,
      });
    }
  }
  if (withdrawal.by !== request.requestedBy) {
    messages.push(await requestNotice(ctx, request, request.requestedBy, `${ref}:withdrawn:requester`, `withdrawn by ${withdrawal.byName}`, `Reason: ${withdrawal.reason}`));
  }
  return messages;
}

/** A withdrawn request's open follow-up tasks are no longer needed: closed, each with its audit entry. */
async function closeOpenTasks(ctx: ServiceContext, request: MoveRequestDoc): Promise<void> {
  const at = ctx.now().toISOString();
  for (const task of await ctx.records.tasks.find({ sourceRef: request.ref, state: 'open' })) {
    const closed = await ctx.records.tasks.updateIfVersion(task._id, task.version, { state: 'closed', doneAt: at, doneBy: 'bot' });
    if (closed)
      await writeAudit(
        ctx,
        { actor: 'bot', action: 'task.closed', subject: request.ref, fromState: 'open', toState: 'closed', details: { task: task._id, reason: 'request withdrawn' } },
        at,
        `${task._id}:closed`,
      );
  }
}

/** The requester's form became the request's card in their chat: recorded as a copy already sent, so every later change updates it too. */
function requesterCopy(request: MoveRequestDoc): OutgoingMessage[] {
  const shown = request.requesterCopy;
  if (!shown) return [];
  const ref = request.ref;
  return [{ key: `${ref}:card:requester`, recipient: personal(request.requestedBy), content: { kind: 'move-card', ref, view: 'requester' }, subjectRef: ref, shown }];
}

/** Follow-up tasks of an approved move, or of a confirmed one (END-1): one per request and kind (the id is fixed). */
async function followUpTasks(ctx: ServiceContext, request: MoveRequestDoc, steps = followUpsFor(request, request.proposedDate)): Promise<TaskDoc[]> {
  const child = await ctx.records.children.get(request.caseRef);
  const owner = child?.socialWorker ?? request.requestedBy;
  const now = ctx.now().toISOString();
  return steps.map((step) => ({
    _id: `${request.ref}:${step.kind}`,
    version: 1,
    caseRef: request.caseRef,
    team: request.team,
    sourceRef: request.ref,
    kind: step.kind,
    title: step.title,
    carerName: step.carerName ?? null,
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
  for (const task of await ctx.records.tasks.find({ sourceRef: request.ref, state: 'open' })) {
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
    if (effect === 'completed') {
      // The tasks of ending the old placement (END-1), from the real move date.
      plan.tasks = await followUpTasks(ctx, request, endingFollowUps(request.completion!.date, request.completion!.ended ?? null));
      plan.steps = [() => recordCompletedMove(ctx, request)];
    }
    if (effect === 'withdrawn') plan.steps = [() => closeOpenTasks(ctx, request)];
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
  await enqueueAll(
    ctx,
    waiting.map((r) => approvalCardTo(r.ref, { personId: person.id })),
  );
}
