// What follows a meeting being convened, rescheduled, cancelled or its outcome recorded, as declared to the effects runner
// (services/effects/runner.ts), which writes the change's audit entry first and clears the effect
// when done. Tasks and audit entries have fixed ids and messages fixed keys, so running the effects
// again after a restart does nothing twice.
import { ukDate } from '../domain/dates';
import { followUpsForOutcome, isExternalProvider, MEETINGS, OUTCOME_DECISIONS } from '../domain/meetings';
import type { MeetingDoc, MeetingEffect, TaskDoc } from '../store/records';
import { closeOpenAlert, changeAlert } from './alerts';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { resumeEffects, runEffects, type EffectPlan, type RecordEffects } from './effects/runner';
import { teamsInvitationMessages } from './invitations';
import { whyFact, type OutgoingMessage } from './outbox';
import { reachableInTeams } from './knownChats';
import { peopleWithRole, toChild } from './people';

const personal = (personId: string) => ({ kind: 'person' as const, personId });

/** A chat with the bot, or a team of the bot's that has them (services/teamReach.ts). */
const hasChat = reachableInTeams;

// ---- convened ------------------------------------------------------------------------------------

/** The alerts the meeting is about now list it (shown on their cards). */
async function linkAlerts(ctx: ServiceContext, meeting: MeetingDoc): Promise<void> {
  for (const ref of meeting.alertRefs) {
    const alert = await ctx.records.fragilityAlerts.get(ref);
    if (!alert || alert.meetingRefs.includes(meeting.ref)) continue;
    await changeAlert(ctx, ref, (current) => ({ fields: { meetingRefs: [...new Set([...current.meetingRefs, meeting.ref])] }, effect: null }));
  }
}

/** A review booked at an earlier meeting of the same kind is done once the review meeting is convened (FRAG-4, FRAG-5). */
async function completeBookedReview(ctx: ServiceContext, meeting: MeetingDoc): Promise<void> {
  for (const task of await ctx.records.tasks.find({ caseRef: meeting.caseRef, kind: 'review-meeting', state: 'open' })) {
    const earlier = await ctx.records.meetings.get(task.sourceRef);
    if (!earlier || earlier.type !== meeting.type || earlier.ref === meeting.ref) continue;
    await ctx.records.tasks.updateIfVersion(task._id, task.version, { state: 'done', doneAt: meeting.createdAt, doneBy: meeting.organiser, doneVia: meeting.ref });
  }
  // Found by what marked them done, so that a replay after a stop between the two writes still
  // writes each entry (once: the id is fixed).
  for (const task of await ctx.records.tasks.find({ caseRef: meeting.caseRef, kind: 'review-meeting', doneVia: meeting.ref })) {
    await writeAudit(
      ctx,
      { actor: meeting.organiser, action: 'task.done', subject: task.sourceRef, fromState: 'open', toState: 'done', details: { task: task._id, bookedAs: meeting.ref } },
      meeting.createdAt,
      `${task._id}:done`,
    );
  }
}

async function invitationsFor(ctx: ServiceContext, meeting: MeetingDoc): Promise<OutgoingMessage[]> {
  if (meeting.invitation.via === 'graph') {
    // The Graph call itself runs from the outbox, retried like any message; its card tells the organiser how it went.
    return [{ key: `${meeting.ref}:graph-invite`, recipient: personal(meeting.organiser), content: { kind: 'meeting-invite', ref: meeting.ref }, subjectRef: meeting.ref }];
  }
  return teamsInvitationMessages(ctx, meeting);
}

// ---- outcome ------------------------------------------------------------------------------------

/** One task per follow-up of the outcome (FRAG-4 to FRAG-8, END-1), owned by a person: a role's first roster holder, else the social worker. */
async function outcomeTasks(ctx: ServiceContext, meeting: MeetingDoc): Promise<TaskDoc[]> {
  const outcome = meeting.outcome!;
  const childDoc = await ctx.records.children.get(meeting.caseRef);
  if (!childDoc) return [];
  const child = toChild(childDoc);
  const today = ukDate(new Date(outcome.recordedAt));
  const tasks: TaskDoc[] = [];
  let action = 0;
  for (const step of followUpsForOutcome(outcome, child, today, meeting.ref)) {
    const id = step.kind === 'action' ? `${meeting.ref}:action:${++action}` : `${meeting.ref}:${step.kind}`;
    const roleHolder = !step.owner && step.ownerRole ? (await peopleWithRole(ctx, step.ownerRole, meeting.team))[0]?.id : undefined;
    const owner = step.owner ?? roleHolder ?? child.socialWorker ?? outcome.recordedBy;
    tasks.push({
      _id: id,
      version: 1,
      caseRef: meeting.caseRef,
      team: meeting.team,
      sourceRef: meeting.ref,
      kind: step.kind,
      title: step.title,
      carerName: step.carerName ?? null,
      typed: step.typed ?? null,
      ruleIds: step.ruleIds,
      owner,
      dueDate: step.dueDate,
      state: 'open',
      createdAt: outcome.recordedAt,
      doneAt: null,
      doneBy: null,
    });
  }
  return tasks;
}

/** The outcome closes the alerts the meeting was about that are still open. */
async function closeAlertsByOutcome(ctx: ServiceContext, meeting: MeetingDoc): Promise<void> {
  const outcome = meeting.outcome!;
  for (const ref of meeting.alertRefs) {
    const alert = await ctx.records.fragilityAlerts.get(ref);
    if (!alert || alert.state !== 'open') continue;
    await closeOpenAlert(ctx, ref, {
      by: outcome.recordedBy,
      byName: outcome.recordedByName,
      at: outcome.recordedAt,
      reason: `${MEETINGS[meeting.type].label} ${meeting.ref} on ${meeting.date}: ${OUTCOME_DECISIONS[outcome.decision].label.toLowerCase()}.`,
      meetingRef: meeting.ref,
    });
  }
}

async function outcomeMessages(ctx: ServiceContext, meeting: MeetingDoc, tasks: TaskDoc[]): Promise<OutgoingMessage[]> {
  const outcome = meeting.outcome!;
  const childDoc = await ctx.records.children.get(meeting.caseRef);
  const messages: OutgoingMessage[] = [];
  // The outcome card (with "Request the move" after a planned ending) to the social worker and the organiser.
  for (const id of new Set([childDoc?.socialWorker, meeting.organiser].filter((x): x is string => !!x && x !== outcome.recordedBy))) {
    if (await hasChat(ctx, id))
      messages.push({
        key: `${meeting.ref}:outcome:${id}`,
        recipient: personal(id),
        content: { kind: 'meeting-card', ref: meeting.ref, view: 'outcome' },
        subjectRef: meeting.ref,
      });
  }
  // Each owner hears of their new tasks.
  const byOwner = new Map<string, TaskDoc[]>();
  for (const t of tasks) byOwner.set(t.owner, [...(byOwner.get(t.owner) ?? []), t]);
  for (const [owner, theirs] of byOwner) {
    if (owner === outcome.recordedBy || !(await hasChat(ctx, owner))) continue;
    messages.push({
      key: `${meeting.ref}:tasks:${owner}`,
      recipient: personal(owner),
      content: {
        kind: 'notice',
        title: `New task${theirs.length === 1 ? '' : 's'} from ${meeting.ref} (case ${meeting.caseRef})`,
        text: `${MEETINGS[meeting.type].label} on ${meeting.date}, recorded by ${outcome.recordedByName}. Say "my tasks" to see them and mark them done.`,
        // To the owner's own chat: an action is told in the chair's words, which its title leaves out.
        facts: theirs.map((t) => ({ title: t.dueDate, value: t.kind === 'action' && t.typed ? t.typed : t.title })),
        ref: meeting.ref,
      },
      subjectRef: meeting.ref,
    });
  }
  // FRAG-8 / END-1: a planned ending is passed to the Placements Service at once.
  if (outcome.decision === 'planned-ending' && childDoc) {
    const external = isExternalProvider(childDoc.placementProvider);
    for (const officer of await peopleWithRole(ctx, 'placements_team', meeting.team)) {
      if (!(await hasChat(ctx, officer.id))) continue;
      messages.push({
        key: `${meeting.ref}:ending:placements:${officer.id}`,
        recipient: personal(officer.id),
        content: {
          kind: 'notice',
          title: `Planned ending agreed for case ${meeting.caseRef}: ${external ? 'notice to serve' : 'end date'}`,
          text: external
            ? `The ${MEETINGS[meeting.type].label} ${meeting.ref} agreed a planned ending of the placement with ${childDoc.carerName || 'the provider'} on ${outcome.plannedEndDate}. Notice must be served on the provider, and finance told so that payments stop. The social worker will request the move for Head of Service approval.`
            : `The ${MEETINGS[meeting.type].label} ${meeting.ref} agreed a planned ending of the placement on ${outcome.plannedEndDate}. Please note the end date and tell finance so that payments stop.`,
          ref: meeting.ref,
          facts: [external ? whyFact('FRAG-8', 'END-1') : whyFact('END-1')],
        },
        subjectRef: meeting.ref,
      });
    }
  }
  return messages;
}

// ---- rescheduled or cancelled ------------------------------------------------------------------

/**
 * Every invitee on Teams gets the changed meeting card (a card per change: the key carries the
 * change number); with Graph, the organiser's chat gets the message that moves or cancels the
 * calendar event, so Outlook tells everyone with an email. Without Graph, the card's .ics link now
 * serves the file with the higher SEQUENCE (or METHOD:CANCEL).
 */
async function changeMessages(ctx: ServiceContext, meeting: MeetingDoc, view: 'rescheduled' | 'cancelled'): Promise<OutgoingMessage[]> {
  const sequence = meeting.sequence ?? 0;
  const actor = meeting.changes?.at(-1)?.by ?? null;
  const messages: OutgoingMessage[] = [];
  const ids = new Set([meeting.organiser, ...meeting.participantIds, ...meeting.attendees.map((a) => a.personId)].filter((x): x is string => !!x && x !== actor));
  for (const id of ids) {
    if (await hasChat(ctx, id))
      messages.push({
        key: `${meeting.ref}:${view}:${sequence}:${id}`,
        recipient: personal(id),
        content: { kind: 'meeting-card', ref: meeting.ref, view },
        subjectRef: meeting.ref,
      });
  }
  if (meeting.invitation.via === 'graph' && meeting.invitation.eventId) {
    messages.push({
      key: `${meeting.ref}:event-change:${sequence}`,
      recipient: personal(meeting.organiser),
      content: { kind: 'meeting-event-change', ref: meeting.ref, sequence },
      subjectRef: meeting.ref,
    });
  }
  return messages;
}

// ---- declared to the runner -----------------------------------------------------------------------

/** What each effect of a meeting does, for the effects runner. */
export const meetingEffects: RecordEffects<MeetingDoc, MeetingEffect> = {
  kind: 'meeting',
  collection: (records) => records.meetings,
  async plan(ctx, effect, meeting): Promise<EffectPlan> {
    if (effect === 'convened') {
      return {
        steps: [
          () => linkAlerts(ctx, meeting),
          () => completeBookedReview(ctx, meeting),
          // Marked sent before the invitations are queued: a replay plans and queues them again (fixed keys).
          ...(meeting.invitation.via === 'teams' ? [() => markTeamsInvitationsSent(ctx, meeting.ref)] : []),
        ],
        messages: await invitationsFor(ctx, meeting),
      };
    }
    if (effect === 'rescheduled' || effect === 'cancelled') return { messages: await changeMessages(ctx, meeting, effect) };
    const tasks = await outcomeTasks(ctx, meeting);
    return { tasks, steps: [() => closeAlertsByOutcome(ctx, meeting)], messages: await outcomeMessages(ctx, meeting, tasks) };
  },
};

/**
 * The invitations are queued: the entry first, with a fixed id (a replay, or a second instance
 * resuming the same effect, writes it once), then the invitation marked sent, read again on a
 * clash (an outcome recorded meanwhile) rather than given up.
 */
async function markTeamsInvitationsSent(ctx: ServiceContext, ref: string): Promise<void> {
  const at = ctx.now().toISOString();
  await writeAudit(ctx, { actor: 'bot', action: 'meeting.invitations-sent', subject: ref, details: { via: 'teams' } }, at, `${ref}:invitations-sent`);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await ctx.records.meetings.get(ref);
    if (!current || current.invitation.state !== 'pending') return;
    if (await ctx.records.meetings.updateIfVersion(current._id, current.version, { invitation: { ...current.invitation, state: 'sent', at } })) return;
  }
}

/** Carries out the meeting's pending effects and clears them; returns the meeting as stored after. */
export const runMeetingEffects = (ctx: ServiceContext, meeting: MeetingDoc): Promise<MeetingDoc> => runEffects(ctx, meetingEffects, meeting);

/** After a restart: finish the effects of any meeting change whose process stopped half-way. */
export const resumePendingMeetingEffects = (ctx: ServiceContext): Promise<number> => resumeEffects(ctx, meetingEffects);
