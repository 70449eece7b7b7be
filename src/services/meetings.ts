// Placement meetings: proposing one (attendees with why, the chair, the dates the rules allow),
// convening it as the organiser adjusted it, and recording its outcome. The rules are in
// src/domain/meetings/ (one policy per meeting type in policies.ts); this module applies them to the stored child, roster and alerts.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ukDate } from '../domain/dates';
import {
  chooseChair,
  isMeetingType,
  meetingConveneFormSchema,
  meetingDateWindow,
  meetingOutcomeSchema,
  MEETINGS,
  proposeAttendees,
  validateChair,
  withChair,
  type AttendeeProposal,
  type ChairChoice,
  type ChildAttendance,
  type MeetingDateWindow,
  type MeetingTimingInput,
  type MeetingType,
  type PlacementDetails,
  cancelFormSchema,
  initialSupportPlanFocus,
  policyFor,
  rescheduleFormSchema,
  type ProposedAttendee,
} from '../domain/meetings';
import { fieldErrors, type FieldErrors } from '../domain/moves';
import { coversTeam, hasRole, normaliseEmail, type Child, type Person, type Role } from '../domain/people';
import { authorize, refusal } from '../domain/permissions';
import type { MeetingAttendee, MeetingChange, MeetingDoc } from '../store/records';
import { auditOfChange, withAuditOfChange } from './audit';
import type { ServiceContext } from './context';
import { ConflictError, InvalidInputError, NotFoundError } from './errors';
import { episodesForMeasures } from './episodes';
import { runMeetingEffects } from './meetingEffects';
import { nextReference } from './moves';
import { toChild, toPerson } from './people';
import { changeVersioned } from './versionedChange';
import { createOnce, pressOf, recordOfEarlierPress } from './claims';
const MAX_ADDED = 20;

export async function getMeeting(ctx: ServiceContext, ref: string): Promise<MeetingDoc> {
  const meeting = typeof ref === 'string' && ref.length <= 40 ? await ctx.records.meetings.get(ref) : null;
  if (!meeting) throw new NotFoundError(`There is no meeting ${String(ref).slice(0, 40)}.`);
  return meeting;
}

/** Reads the meeting and checks the person may do `action` on it; the refusal shows nothing of it, nor whether it exists. */
async function authorizeOnMeeting(
  ctx: ServiceContext,
  person: Person,
  action: 'see a meeting' | 'change a meeting' | 'record a meeting outcome',
  ref: string,
): Promise<MeetingDoc> {
  const meeting = typeof ref === 'string' && ref.length <= 40 ? await ctx.records.meetings.get(ref) : null;
  const shownRef = String(ref).slice(0, 40);
  if (!meeting) throw refusal(action, shownRef);
  const childDoc = await ctx.records.children.get(meeting.caseRef);
  authorize(person, action, { meeting, child: childDoc ? toChild(childDoc) : null }, shownRef);
  return meeting;
}

/** The meeting as `person` may see it (opening it by its reference). */
export function openMeeting(ctx: ServiceContext, person: Person, ref: string): Promise<MeetingDoc> {
  return authorizeOnMeeting(ctx, person, 'see a meeting', ref);
}

/** The stable key of a proposed attendee, used by the card's keep/remove toggles (`invite|<key>`). */
export function attendeeKey(a: Pick<ProposedAttendee, 'personId' | 'email' | 'kind'>): string {
  return a.personId ?? a.email ?? a.kind;
}

// ---- what the meeting is about -----------------------------------------------------------------

/** Where a meeting comes from: an alert, a move that ended a placement (END-2), or a child chosen directly. */
const sourceSchema = z.object({
  type: z.string().refine(isMeetingType, 'Choose the kind of meeting.'),
  caseRef: z.string().trim().max(64).optional(),
  alertRef: z.string().trim().max(40).optional(),
  moveRef: z.string().trim().max(40).optional(),
  /** An ending found in an imported return (the offer after it): the placement that ended. */
  endedPlacementType: z.string().trim().max(4).optional(),
  endedPlacementProvider: z.string().trim().max(4).optional(),
});

interface MeetingSubject {
  type: MeetingType;
  child: Child;
  alertRefs: string[];
  moveRef: string | null;
  /** The placement that ended, for a Disruption Meeting offered after a move. */
  endedPlacement: Partial<PlacementDetails> | null;
  placementEnded: string | null;
  /** The day the signs were reported: the first open alert's. */
  signsReportedOn: string | null;
}

async function subjectOf(ctx: ServiceContext, person: Person, data: unknown): Promise<MeetingSubject> {
  const parsed = sourceSchema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const { alertRef, moveRef } = parsed.data;
  const type = parsed.data.type as MeetingType;
  let caseRef = parsed.data.caseRef;
  let endedPlacement: MeetingSubject['endedPlacement'] = null;
  let placementEnded: string | null = null;
  if (alertRef) caseRef = (await ctx.records.fragilityAlerts.get(alertRef))?.caseRef;
  if (parsed.data.endedPlacementType) endedPlacement = { placementType: parsed.data.endedPlacementType, placementProvider: parsed.data.endedPlacementProvider ?? '' };
  if (moveRef) {
    const move = await ctx.records.moveRequests.get(moveRef);
    caseRef = move?.caseRef;
    endedPlacement = move?.completion?.ended ?? null;
    placementEnded = move?.completion?.date ?? null;
  }
  const childDoc = caseRef ? await ctx.records.children.get(caseRef) : null;
  if (!childDoc) throw refusal('convene a meeting');
  authorize(person, 'convene a meeting', { child: toChild(childDoc) });
  const open = await ctx.records.fragilityAlerts.find({ caseRef: childDoc.caseRef, state: 'open' }, { sort: { raisedAt: 1 } });
  return {
    type,
    child: toChild(childDoc),
    alertRefs: open.map((a) => a.ref),
    moveRef: moveRef ?? null,
    endedPlacement,
    placementEnded,
    signsReportedOn: open.length > 0 ? ukDate(new Date(open[0].raisedAt)) : null,
  };
}

function timingFor(subject: MeetingSubject, today: string, answers: Record<string, string>): MeetingTimingInput {
  return {
    today,
    placementStart: answers.placementStart || subject.child.placementStart,
    emergency: answers.emergency === 'true',
    furtherMeeting: answers.furtherMeeting === 'true',
    placementEnded: answers.placementEnded || subject.placementEnded,
    signsReportedOn: subject.signsReportedOn,
  };
}

/** Roster people the organiser may pick as chair: the rules' candidates first, then other IROs and managers. */
function chairOptions(choice: ChairChoice, people: Person[]): Person[] {
  const eligible: Role[] = ['iro', 'team_manager', 'fostering_manager', 'service_manager', 'head_of_service'];
  const others = people.filter((p) => eligible.some((r) => hasRole(p, r)) && !choice.candidates.some((c) => c.id === p.id));
  return [...choice.candidates, ...others];
}

export interface MeetingProposal extends MeetingSubject {
  proposal: AttendeeProposal;
  chair: ChairChoice;
  chairOptions: Person[];
  window: MeetingDateWindow;
  timing: MeetingTimingInput;
}

function strings(data: unknown): Record<string, string> {
  const source = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(source)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [k, (v as string).slice(0, 4000)]),
  );
}

/** Splits a typed list of email addresses; the bad ones are returned separately. */
function emailList(text: string | undefined): { emails: string[]; bad: string[] } {
  const items = (text ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const ok = (s: string) => z.string().email().safeParse(s).success;
  return { emails: [...new Set(items.filter(ok).map(normaliseEmail))], bad: items.filter((s) => !ok(s)) };
}

/** The meeting the rules call for, before the organiser changes anything. */
export async function proposeMeeting(ctx: ServiceContext, person: Person, data: unknown): Promise<MeetingProposal> {
  const subject = await subjectOf(ctx, person, data);
  const answers = strings(data);
  const people = (await ctx.records.people.find({}, { sort: { _id: 1 } })).map(toPerson);
  const involved = emailList(answers.involved).emails;
  const proposal = proposeAttendees(subject.type, subject.child, people, {
    childAttendance: (answers.childAttendance as ChildAttendance) || 'whole',
    placement: subject.endedPlacement ?? undefined,
    involvedPersonIds: involved,
  });
  const chair = chooseChair(subject.type, { ...subject.child, ...subject.endedPlacement }, people, involved);
  const timing = timingFor(subject, ukDate(ctx.now()), answers);
  return { ...subject, proposal, chair, chairOptions: chairOptions(chair, people), window: meetingDateWindow(subject.type, timing), timing };
}

// ---- convening ---------------------------------------------------------------------------------

const fromProposal = (a: ProposedAttendee): MeetingAttendee => ({
  kind: a.kind,
  label: a.label,
  personId: a.personId,
  name: a.name ?? null,
  email: a.email ?? null,
  participation: a.participation,
  required: a.required,
  reason: a.reason,
  ruleIds: a.ruleIds,
  addedByOrganiser: false,
});

/**
 * Convenes the meeting as the organiser confirmed it: the date against the rules, the chair
 * (validateChair), the minute taker, the child's attendance, the attendees kept, removed and added.
 * Every problem is reported at once and nothing is stored until all are put right.
 */
export async function conveneMeeting(ctx: ServiceContext, person: Person, data: unknown, formId: string | null = null): Promise<MeetingDoc> {
  const p = await proposeMeeting(ctx, person, data);
  // The same press again (a double click) answers with the meeting the first press convened: one
  // set of invitations, one calendar event.
  const press = pressOf(person.id, formId, data);
  const find = (ref: string) => ctx.records.meetings.get(ref);
  const again = await recordOfEarlierPress(ctx, 'meeting', press, find);
  if (again) return again;
  const answers = strings(data);
  const errors: FieldErrors = {};
  const parsed = meetingConveneFormSchema(p.type, p.timing).safeParse(answers);
  if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error));
  if (policyFor(p.type).timing.kind === 'after-ending' && !p.timing.placementEnded)
    errors.placementEnded ??= 'Give the date the placement ended: a Disruption Meeting is held at least six weeks after it.'; // END-2

  const people = (await ctx.records.people.find({}, { sort: { _id: 1 } })).map(toPerson);
  const byId = (id: string) => people.find((x) => x.id === normaliseEmail(id)) ?? null;
  const involved = emailList(answers.involved);
  if (involved.bad.length > 0) errors.involved = `Not email addresses: ${involved.bad.join(', ')}.`;

  const chair = answers.chair ? byId(answers.chair) : p.chair.person;
  let chairNote: string | null = null;
  if (!chair) {
    errors.chair = answers.chair ? 'The chair must be on the roster: choose them from the list.' : `Choose the chair. ${p.chair.reason}`;
  } else {
    // A Disruption Meeting looks back on the placement that ended: its supervising social worker was involved too.
    const check = validateChair(p.type, { ...p.child, ...p.endedPlacement }, chair, involved.emails);
    if (!check.ok) errors.chair = check.reason;
    else chairNote = check.note;
  }

  const added = emailList(answers.addAttendees);
  if (added.bad.length > 0) errors.addAttendees = `Not email addresses: ${added.bad.join(', ')}.`;
  else if (added.emails.length > MAX_ADDED) errors.addAttendees = `Add at most ${MAX_ADDED} people here.`;

  if (!parsed.success || Object.keys(errors).length > 0) throw new InvalidInputError(errors);
  const details = parsed.data;

  // The toggles say who stays; the child is governed by the attendance choice, the chair always comes.
  const kept: ProposedAttendee[] = [];
  const removed: MeetingDoc['removed'] = [];
  for (const a of p.proposal.attendees) {
    if (a.kind !== 'child' && answers[`invite|${attendeeKey(a)}`] === 'false') removed.push({ label: a.label, name: a.name ?? a.email ?? null, required: a.required });
    else kept.push(a);
  }
  const chairReason = p.chair.person?.id === chair!.id ? p.chair.reason : `Chosen by the organiser.${chairNote ? ` ${chairNote}` : ''}`;
  const attendees = withChair(kept, chair!, chairReason).map(fromProposal);
  const has = (id: string) => attendees.some((a) => a.personId === id || a.email === id);
  if (details.minuteTaker && !has(details.minuteTaker)) {
    const taker = byId(details.minuteTaker);
    attendees.push({
      kind: 'minute_taker',
      label: 'Minute taker',
      personId: taker?.id ?? null,
      name: taker?.name ?? null,
      email: details.minuteTaker,
      participation: 'attends',
      required: true,
      reason: 'The allocated minute taker (Meetings table, 003).',
      ruleIds: [],
      addedByOrganiser: false,
    });
  }
  for (const email of added.emails) {
    if (has(email)) continue;
    const known = byId(email);
    attendees.push({
      kind: 'added',
      label: 'Added by the organiser',
      personId: known?.id ?? null,
      name: known?.name ?? null,
      email,
      participation: 'attends',
      required: false,
      reason: `Added by ${person.name}.`,
      ruleIds: [],
      addedByOrganiser: true,
    });
  }

  // The Graph job reports to the organiser in their chat with the bot; without one, invite in Teams instead.
  const viaGraph = !!ctx.calendar?.graph && !!(await ctx.records.conversations.get(`person:${person.id}`));
  return createOnce(ctx, 'meeting', press, { allocate: () => nextReference(ctx, 'MT'), find, create: storeMeeting });

  async function storeMeeting(ref: string): Promise<MeetingDoc> {
    const at = ctx.now().toISOString();
    const rosterIds = attendees.map((a) => a.personId).filter((id): id is string => !!id);
    const meeting: MeetingDoc = {
      _id: ref,
      version: 1,
      ref,
      caseRef: p.child.caseRef,
      team: p.child.team,
      type: p.type,
      alertRefs: p.alertRefs,
      moveRef: p.moveRef,
      date: details.date,
      time: details.time,
      durationMinutes: details.durationMinutes,
      childAttendance: details.childAttendance,
      childAttendanceReason: details.childAttendanceReason,
      childVoice: details.childVoice,
      minuteTaker: details.minuteTaker,
      chair: { personId: chair!.id, name: chair!.name, reason: chairReason, note: chairNote },
      attendees,
      participantIds: [...new Set([person.id, chair!.id, ...(details.minuteTaker ? [details.minuteTaker] : []), ...rosterIds])],
      removed,
      placementEnded: policyFor(p.type).timing.kind === 'after-ending' ? (p.timing.placementEnded ?? null) : null,
      dateWarning: details.dateWarning,
      organiser: person.id,
      organiserName: person.name,
      state: 'scheduled',
      invitation: { via: viaGraph ? 'graph' : 'teams', state: 'pending', eventId: null, joinUrl: null, error: null, at: null },
      icsToken: randomBytes(24).toString('base64url'),
      outcome: null,
      createdAt: at,
      updatedAt: at,
      pendingEffects: ['convened'],
      pendingAudit: [
        auditOfChange(
          ref,
          1,
          {
            actor: person.id,
            action: 'meeting.convened',
            subject: ref,
            toState: 'scheduled',
            details: {
              caseRef: p.child.caseRef,
              type: p.type,
              date: details.date,
              chair: chair!.id,
              alerts: p.alertRefs.join(','),
              removed: removed.length,
              added: added.emails.length,
            },
          },
          at,
        ),
      ],
    };
    await ctx.records.meetings.insert(meeting);
    return runMeetingEffects(ctx, meeting);
  }
}

/** Changes a meeting with a version-checked update; `change` may refuse by throwing. */
export function changeMeeting(ctx: ServiceContext, ref: string, change: (current: MeetingDoc) => Partial<MeetingDoc>): Promise<{ before: MeetingDoc; after: MeetingDoc }> {
  return changeVersioned(ctx, ctx.records.meetings, () => getMeeting(ctx, ref), change);
}

// ---- rescheduling and cancelling ---------------------------------------------------------------

/** The timing input a convened meeting's new date is checked with: the child's placement start, the ending, the first alert's day. */
async function timingOfConvened(ctx: ServiceContext, meeting: MeetingDoc): Promise<MeetingTimingInput> {
  const child = await ctx.records.children.get(meeting.caseRef);
  const raised: string[] = [];
  for (const ref of meeting.alertRefs) {
    const alert = await ctx.records.fragilityAlerts.get(ref);
    if (alert) raised.push(alert.raisedAt);
  }
  raised.sort();
  return {
    today: ukDate(ctx.now()),
    placementStart: child?.placementStart ?? null,
    placementEnded: meeting.placementEnded,
    signsReportedOn: raised.length > 0 ? ukDate(new Date(raised[0])) : null,
  };
}

/** A change refused by the meeting's state (the permission is checked as the meeting is read). */
function refuseChange(meeting: MeetingDoc, what: string): void {
  if (meeting.state === 'held') throw new ConflictError(`${meeting.ref} has been held and its outcome recorded: it can no longer be ${what === 'cancel' ? 'cancelled' : 'moved'}.`);
  if (meeting.state === 'cancelled') throw new ConflictError(`${meeting.ref} was already cancelled.`);
}

/**
 * Moves a scheduled meeting to a new date and time. The new date is checked against the type's
 * timing rule (refused in the past or outside the window, warned when late); every invitee is told,
 * the .ics carries the change (same UID, SEQUENCE one more) or the Graph event is updated, and the
 * audit log has it. The change and its effects are stored together, so a restart finishes them.
 */
export async function rescheduleMeeting(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<MeetingDoc> {
  const meeting = await authorizeOnMeeting(ctx, person, 'change a meeting', ref);
  refuseChange(meeting, 'reschedule');
  const parsed = rescheduleFormSchema(meeting.type, await timingOfConvened(ctx, meeting), meeting).safeParse(strings(input));
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const details = parsed.data;
  const at = ctx.now().toISOString();
  const { after } = await changeMeeting(ctx, ref, (current) => {
    refuseChange(current, 'reschedule');
    const sequence = (current.sequence ?? 0) + 1;
    const change: MeetingChange = {
      kind: 'rescheduled',
      sequence,
      by: person.id,
      byName: person.name,
      at,
      reason: details.reason,
      from: { date: current.date, time: current.time },
      to: { date: details.date, time: details.time },
    };
    return {
      date: details.date,
      time: details.time,
      dateWarning: details.dateWarning,
      sequence,
      changes: [...(current.changes ?? []), change],
      updatedAt: at,
      pendingEffects: [...current.pendingEffects, 'rescheduled'],
      pendingAudit: withAuditOfChange(
        current,
        {
          actor: person.id,
          action: 'meeting.rescheduled',
          subject: ref,
          fromState: current.state,
          toState: current.state,
          details: { from: `${current.date} ${current.time}`, to: `${details.date} ${details.time}`, sequence },
        },
        at,
      ),
    };
  });
  return runMeetingEffects(ctx, after);
}

/** Cancels a scheduled meeting: every invitee is told, the .ics says CANCELLED, the Graph event is cancelled, the audit log has it. */
export async function cancelMeeting(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<MeetingDoc> {
  const meeting = await authorizeOnMeeting(ctx, person, 'change a meeting', ref);
  refuseChange(meeting, 'cancel');
  const parsed = cancelFormSchema.safeParse(strings(input));
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const at = ctx.now().toISOString();
  const { after } = await changeMeeting(ctx, ref, (current) => {
    refuseChange(current, 'cancel');
    const sequence = (current.sequence ?? 0) + 1;
    const change: MeetingChange = {
      kind: 'cancelled',
      sequence,
      by: person.id,
      byName: person.name,
      at,
      reason: parsed.data.changeReason,
      from: { date: current.date, time: current.time },
      to: null,
    };
    return {
      state: 'cancelled',
      sequence,
      changes: [...(current.changes ?? []), change],
      updatedAt: at,
      pendingEffects: [...current.pendingEffects, 'cancelled'],
      pendingAudit: withAuditOfChange(
        current,
        {
          actor: person.id,
          action: 'meeting.cancelled',
          subject: ref,
          fromState: current.state,
          toState: 'cancelled',
          details: { date: `${current.date} ${current.time}`, sequence },
        },
        at,
      ),
    };
  });
  return runMeetingEffects(ctx, after);
}

// ---- the outcome -------------------------------------------------------------------------------

/** Planning: the extra focus the initial support plan needs (a child who has moved before, or is 13 to 15: Meetings table, 001). */
async function supportPlanFocusFor(ctx: ServiceContext, meeting: MeetingDoc): Promise<string | null> {
  const child = await ctx.records.children.get(meeting.caseRef);
  if (!child) return null;
  // Moves are changes of placement (RNE P or B) in the returns, plus moves confirmed in the bot that no return holds yet.
  const episodes = (await episodesForMeasures(ctx, [meeting.caseRef])).filter((e) => e.decom < meeting.date && (e.rne === 'P' || e.rne === 'B'));
  const earlierMoves = episodes.length;
  return initialSupportPlanFocus(child, meeting.date, earlierMoves);
}

/** The chair or minute taker records the outcome once the meeting has been held; its actions become tasks. */
export async function recordOutcome(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<MeetingDoc> {
  const meeting = await authorizeOnMeeting(ctx, person, 'record a meeting outcome', ref);
  const today = ukDate(ctx.now());
  if (meeting.date > today) throw new ConflictError(`${ref} is on ${meeting.date}: record the outcome once the meeting has been held.`);
  const attendeeKeys = meeting.attendees.map((a) => a.personId ?? a.email ?? a.kind);
  const extraFocus = policyFor(meeting.type).outcome.initialSupportPlan ? await supportPlanFocusFor(ctx, meeting) : null;
  const parsed = meetingOutcomeSchema({ type: meeting.type, meetingDate: meeting.date, attendeeKeys, extraFocus }).safeParse({
    minuteTaker: meeting.minuteTaker ?? undefined,
    ...(input as object),
  });
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const at = ctx.now().toISOString();
  const { after } = await changeMeeting(ctx, ref, (current) => {
    if (current.state !== 'scheduled') throw new ConflictError(`The outcome of ${ref} was already recorded by ${current.outcome?.recordedByName ?? 'someone'}.`);
    return {
      state: 'held',
      outcome: { ...parsed.data, recordedBy: person.id, recordedByName: person.name, recordedAt: at },
      pendingEffects: [...current.pendingEffects, 'outcome'],
      // Written by the effects, so a restart before then still writes it, once.
      pendingAudit: withAuditOfChange(
        current,
        {
          actor: person.id,
          action: 'meeting.outcome-recorded',
          subject: ref,
          fromState: current.state,
          toState: 'held',
          details: { decision: parsed.data.decision, actions: parsed.data.actions.length, reviewDate: parsed.data.reviewDate },
        },
        at,
      ),
    };
  });
  return runMeetingEffects(ctx, after);
}

export function meetingLabel(meeting: Pick<MeetingDoc, 'type'>): string {
  return MEETINGS[meeting.type].label;
}

/** The move request form's answers, pre-filled from a planned ending agreed at the meeting (FRAG-8, MOVE-1). */
export async function moveRequestFromOutcome(ctx: ServiceContext, person: Person, ref: string): Promise<Record<string, string>> {
  const meeting = await authorizeOnMeeting(ctx, person, 'see a meeting', ref);
  const child = await ctx.records.children.get(meeting.caseRef);
  if (!child) throw refusal('request a move', ref);
  authorize(person, 'request a move', { child: toChild(child) }, ref);
  const outcome = meeting.outcome;
  if (outcome?.decision !== 'planned-ending') throw new ConflictError(`${ref} did not agree a planned ending.`);
  // What the child said at the meeting (or, failing that, before it) starts the request's own answer.
  const voice = outcome.childVoice ?? meeting.childVoice;
  return {
    caseRef: meeting.caseRef,
    urgency: 'planned',
    proposedDate: outcome.plannedEndDate ?? '',
    rationale: `Planned ending agreed at the ${MEETINGS[meeting.type].label} ${meeting.ref} on ${meeting.date}: ${outcome.summary}`,
    childToldAgreed: 'false',
    followsAllegation: 'no',
    ...(voice && {
      childSaid: voice.said ?? '',
      childNotAskedBecause: voice.notAskedBecause ?? '',
      advocateOffered: voice.advocateOffered === null ? '' : voice.advocateOffered ? 'yes' : 'no',
    }),
  };
}

// ---- learning from disruptions (END-2) -----------------------------------------------------------

export interface DisruptionLearningEntry {
  ref: string;
  caseRef: string;
  team: string;
  date: string;
  helped: string;
  didNotHelp: string;
  change: string;
}

/** The learning recorded at Disruption Meetings held on or after `since` in the teams the manager covers, newest first. */
export async function disruptionLearning(ctx: ServiceContext, person: Person, since: string): Promise<DisruptionLearningEntry[]> {
  authorize(person, 'read the learning from disruptions', {});
  const held = await ctx.records.meetings.find({ type: 'disruption', state: 'held', date: { $gte: since } }, { sort: { date: -1 }, limit: 500 });
  return held
    .filter((m) => coversTeam(person, m.team) && m.outcome?.learning)
    .map((m) => ({ ref: m.ref, caseRef: m.caseRef, team: m.team, date: m.date, ...m.outcome!.learning! }));
}
