// Cards for meetings: the convene form (the proposal the organiser adjusts), a meeting as a reader
// may see it (with the outcome form for the chair or minute taker), and a person's meetings list.
// Pure: the data comes in, a card goes out. Names of the child and of carers, and what people wrote,
// only where the Disclosure allows them.
import { CHILD_VOICE_FIELDS, describeChildVoice, type ChildVoice } from '../domain/childVoice';
import { formatDate, formatInstant } from '../domain/dates';
import { decisionsFor, MEETINGS, OUTCOME_DECISIONS, policyFor } from '../domain/meetings';
import type { FieldErrors } from '../domain/moves';
import { ROLE_LABELS, type Child } from '../domain/people';
import { attendeeKey, type MeetingProposal } from '../services/meetings';
import type { MyMeetings } from '../services/meetingLists';
import type { MeetingAttendee, MeetingDoc, TaskDoc } from '../store/records';
import { renderCard, taskTitle, type AdaptiveCard } from './cards';
import type { Disclosure } from './disclosure';
import { plainText } from './plainText';
import { withoutRuleIds } from '../domain/ruleIds';
import { splitWhy, whyLine } from './whyLine';

type Notice = { text: string; style: 'attention' | 'good' | 'warning' | 'accent' };

const PARTICIPATION: Record<string, string> = { attends: '', 'second-part-only': ', second part only', 'views-sought': ', views sought' };

function strings(data: unknown): Record<string, string> {
  const source = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(source)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [k, (v as string).slice(0, 4000)]),
  );
}

/** Who someone is, as a reader may see it: roster people by name; others (carers, parents) by name only where names may be shown. */
function who(attendee: { name?: string | null; email?: string | null; personId: string | null }, show: Disclosure): string {
  if (attendee.personId) return plainText(attendee.name ?? attendee.email ?? attendee.personId);
  // A carer's or parent's email says who they are as much as their name: neither in a shared conversation.
  return show.privateName(attendee.name) ?? (show.shared ? '' : plainText(attendee.email ?? ''));
}

// ---- the convene form ---------------------------------------------------------------------------

const CONVENE_FIELDS = [
  'date',
  'time',
  'durationMinutes',
  'chair',
  'minuteTaker',
  'childAttendance',
  'childAttendanceReason',
  ...CHILD_VOICE_FIELDS,
  'addAttendees',
  'placementEnded',
  'involved',
];

export function meetingFormCard(options: { proposal: MeetingProposal; show: Disclosure; values?: unknown; errors?: FieldErrors; summary?: string }): AdaptiveCard {
  const proposal = options.proposal;
  const values = strings(options.values);
  const errors = options.errors ?? {};
  const problems = Object.keys(errors).length;
  const summary = options.summary ?? `Nothing was sent. ${problems === 1 ? 'One answer needs' : `${problems} answers need`} attention: see the messages in red.`;
  const info = MEETINGS[proposal.type];
  const child = proposal.proposal.attendees.find((a) => a.kind === 'child');
  const form = {
    date: values.date ?? '',
    time: values.time ?? '10:00',
    durationMinutes: values.durationMinutes ?? '60',
    chair: values.chair ?? proposal.chair.person?.id ?? '',
    minuteTaker: values.minuteTaker ?? '',
    childAttendance: values.childAttendance ?? 'whole',
    childAttendanceReason: values.childAttendanceReason ?? '',
    childSaid: values.childSaid ?? '',
    childNotAskedBecause: values.childNotAskedBecause ?? '',
    advocateOffered: values.advocateOffered ?? '',
    placementStart: values.placementStart ?? proposal.timing.placementStart ?? '',
    emergency: values.emergency ?? 'false',
    furtherMeeting: values.furtherMeeting ?? 'false',
    placementEnded: values.placementEnded ?? proposal.timing.placementEnded ?? '',
    involved: values.involved ?? '',
    addAttendees: values.addAttendees ?? '',
  };
  return renderCard('meeting-form', {
    title: `Convene a ${info.label}`,
    purpose: info.purpose,
    hasErrors: problems > 0 || !!options.summary,
    summary,
    facts: [
      { title: 'Child', value: options.show.childLabel(proposal.child.caseRef) },
      ...(proposal.alertRefs.length > 0 ? [{ title: 'Open alerts', value: proposal.alertRefs.join(', ') }] : []),
      ...(proposal.moveRef ? [{ title: 'After move', value: proposal.moveRef }] : []),
    ],
    when: `${splitWhy(proposal.window.explanation).text}${proposal.window.missing ? ` Give ${proposal.window.missing}.` : ''}`,
    whenWhy: splitWhy(proposal.window.explanation).why,
    // The form asks for the date the timing rule counts from: the placement start, or the ending.
    isPlanning: policyFor(proposal.type).timing.kind === 'before-placement-start',
    isDisruption: policyFor(proposal.type).timing.kind === 'after-ending',
    dateMin: proposal.window.earliest,
    dateMax: proposal.window.latest ?? '',
    chairReason: splitWhy(proposal.chair.reason).text,
    chairWhy: splitWhy(proposal.chair.reason).why,
    chairChoices: proposal.chairOptions.map((c) => ({ title: `${c.name} (${c.roles.map((r) => ROLE_LABELS[r]).join(', ')})`, value: c.id })),
    minuteTakerLabel: policyFor(proposal.type).convene.minuteTaker
      ? `Minute taker (email): every ${MEETINGS[proposal.type].label} has one`
      : 'Minute taker (email), if there is one',
    childReason: child?.reason ?? 'The child is not invited: record the reason below.',
    attendees: proposal.proposal.attendees
      .filter((a) => a.kind !== 'child')
      .map((a) => {
        const id = `invite|${attendeeKey(a)}`;
        const name = who(a, options.show);
        return {
          id,
          title: `${name ? `${name}, ` : ''}${a.label}${a.required ? '' : ' (optional)'}${PARTICIPATION[a.participation]}`,
          reason: a.reason,
          value: values[id] ?? 'true',
        };
      }),
    toArrange: proposal.proposal.toArrange.map((t) => ({ text: `${t.label}${t.required ? '' : ' (optional)'}: ${t.reason}` })),
    form,
    errors: Object.fromEntries(CONVENE_FIELDS.map((f) => [f, errors[f] ?? ''])),
    otherErrors: Object.entries(errors)
      .filter(([f]) => !CONVENE_FIELDS.includes(f))
      .map(([, message]) => ({ message })),
    source: { type: proposal.type, caseRef: proposal.child.caseRef, ...(proposal.moveRef ? { moveRef: proposal.moveRef } : {}) },
  });
}

// ---- one meeting --------------------------------------------------------------------------------

const ACTION_ROWS = 5;
const OUTCOME_FIELDS = [
  'decision',
  'summary',
  'serviceNeeded',
  'plannedEndDate',
  'reviewDate',
  'minuteTaker',
  'supportPlanReviewed',
  'actions',
  'attended',
  'sentViews',
  'initialSupportPlan',
  'whatHelped',
  'whatDidNotHelp',
  'whatToChange',
  ...CHILD_VOICE_FIELDS,
];
/** The reschedule / cancel panel's fields. */
const CHANGE_FIELDS = ['newDate', 'newTime', 'changeReason'];

/** The outcome form's fixed action rows back into the list the outcome schema reads; empty rows are dropped. */
export function outcomeFromCard(data: Record<string, unknown>): Record<string, unknown> {
  const fields = strings(data);
  const actions = [];
  for (let n = 1; n <= ACTION_ROWS; n++) {
    const row = { what: fields[`action${n}What`] ?? '', ownerEmail: fields[`action${n}Owner`] ?? '', dueDate: fields[`action${n}Due`] ?? '' };
    if (row.what || row.ownerEmail || row.dueDate) actions.push(row);
  }
  const pick = (f: string) => (fields[f] ? { [f]: fields[f] } : {});
  // Every outcome field the form has, as typed; 'actions' is rebuilt from its rows above.
  return {
    ...Object.assign({}, ...OUTCOME_FIELDS.filter((f) => f !== 'actions').map(pick)),
    actions,
  };
}

export interface MeetingCardOptions {
  meeting: MeetingDoc;
  child: Child | null;
  /** What this reader, in this conversation, may be shown. */
  show: Disclosure;
  /** Organisers see who was reached and who they must invite themselves. */
  isOrganiser: boolean;
  canRecord: boolean;
  /** The organiser or a team manager, in a personal chat, while the meeting is still to be held. */
  canChange?: boolean;
  canRequestMove: boolean;
  notOnTeams: Array<{ label: string; name: string | null; email: string | null; held?: boolean }>;
  /** For the organiser: how many attendees the invitation in Teams reached (or is reaching). */
  reachedInTeams?: number;
  icsUrl: string | null;
  tasks: Array<TaskDoc & { ownerName: string }>;
  reminders: string[];
  notice?: Notice;
  values?: unknown;
  fieldErrors?: FieldErrors;
}

function attendeeLine(attendee: MeetingAttendee, show: Disclosure): string {
  const name = who(attendee, show);
  return `${name ? `${name}, ` : ''}${attendee.label}${attendee.required ? '' : ' (optional)'}${PARTICIPATION[attendee.participation] ?? ''}`;
}

function invitationText(meeting: MeetingDoc, isOrganiser: boolean, withFile: boolean, reached?: number): string {
  const inv = meeting.invitation;
  const by = isOrganiser ? '' : `Convened by ${meeting.organiserName}. `;
  // The organiser is told how many the invitations in Teams reached.
  const toHowMany = isOrganiser && reached !== undefined ? ` to ${reached === 0 ? 'nobody' : `${reached} ${reached === 1 ? 'person' : 'people'}`}` : '';
  if (inv.via === 'graph') {
    if (inv.state === 'pending') return `${by}The Teams meeting is being created in the organiser calendar; the organiser gets a card when it is done.`;
    if (inv.state === 'sent')
      return `${by}A Teams meeting was created and Outlook invitations sent to everyone with an email address.${inv.joinUrl ? ' Join with the button below.' : ''}`;
    return `${by}The Teams meeting could not be created (${inv.error ?? 'unknown error'}), so the invitations were sent in Teams instead${toHowMany}${withFile ? ', with a calendar file' : ''}.`;
  }
  return `${by}Invitations were sent in Teams${toHowMany}${withFile ? ', each with a calendar file to add' : ''}.`;
}

/** What the child said before the meeting (recorded when convening) and at it (with the outcome); '' when neither was recorded. */
function childVoiceText(meeting: MeetingDoc): string {
  const lines = (voice: ChildVoice) => describeChildVoice(voice).map((l) => plainText(l));
  const before = meeting.childVoice ? lines(meeting.childVoice) : [];
  const at = meeting.outcome?.childVoice ? lines(meeting.outcome.childVoice) : [];
  if (before.length > 0 && at.length > 0) return ['Before the meeting:', ...before, 'At the meeting:', ...at].join('\n\n');
  return [...before, ...at].join('\n\n');
}

export function meetingCard(options: MeetingCardOptions): AdaptiveCard {
  const meeting = options.meeting;
  const info = MEETINGS[meeting.type];
  // The outcome and change forms are offered in a personal chat only (placementCardRenderer): what
  // was typed into them is never put back on a card in a shared conversation.
  const values = options.show.shared ? {} : strings(options.values);
  const errors = options.fieldErrors ?? {};
  const outcome = meeting.outcome;
  const facts = [
    { title: 'Child', value: options.show.childLabel(meeting.caseRef) },
    { title: 'When', value: `${formatDate(meeting.date)}, ${meeting.time} UK time, ${meeting.durationMinutes} minutes` },
    { title: 'Chair', value: meeting.chair.name },
    ...(meeting.minuteTaker ? [{ title: 'Minute taker', value: meeting.minuteTaker }] : []),
    { title: 'Organiser', value: meeting.organiserName },
    ...(meeting.alertRefs.length > 0 ? [{ title: 'About alerts', value: meeting.alertRefs.join(', ') }] : []),
    ...(meeting.placementEnded ? [{ title: 'Placement ended', value: formatDate(meeting.placementEnded) }] : []),
    ...(meeting.changes ?? []).map((c) =>
      c.kind === 'rescheduled'
        ? {
            title: 'Moved',
            value: `From ${formatDate(c.from.date)} ${c.from.time} by ${c.byName}, ${formatInstant(c.at)}${options.show.freeText(c.reason) ? `: ${options.show.freeText(c.reason)}` : ''}`,
          }
        : { title: 'Cancelled', value: `By ${c.byName}, ${formatInstant(c.at)}${options.show.freeText(c.reason) ? `: ${options.show.freeText(c.reason)}` : ''}` },
    ),
    ...(meeting.childAttendance !== 'whole'
      ? [
          {
            title: 'The child',
            value: `${meeting.childAttendance === 'second-part' ? 'Joins for the second part' : 'Not invited'}${options.show.freeText(meeting.childAttendanceReason) ? `: ${options.show.freeText(meeting.childAttendanceReason)}` : ''}`,
          },
        ]
      : []),
  ];
  const namesOf = (keys: string[]) =>
    keys
      .map((k) => {
        const attendee = meeting.attendees.find((x) => (x.personId ?? x.email ?? x.kind) === k);
        return attendee ? attendeeLine(attendee, options.show) : k;
      })
      .join('; ');
  const warnings = [meeting.dateWarning, meeting.chair.note].filter((t): t is string => !!t).map((text) => ({ text }));
  const rows = Array.from({ length: ACTION_ROWS }, (_, i) => {
    const n = i + 1;
    return {
      whatId: `action${n}What`,
      ownerId: `action${n}Owner`,
      dueId: `action${n}Due`,
      what: values[`action${n}What`] ?? '',
      owner: values[`action${n}Owner`] ?? '',
      due: values[`action${n}Due`] ?? '',
    };
  });
  return renderCard('meeting', {
    ref: meeting.ref,
    title: `${info.label} ${meeting.ref}`,
    purpose: info.purpose,
    stateLabel: meeting.state === 'held' ? 'Outcome recorded' : meeting.state === 'cancelled' ? 'Cancelled' : (meeting.sequence ?? 0) > 0 ? 'Booked (moved)' : 'Booked',
    stateColor: meeting.state === 'held' ? 'Good' : meeting.state === 'cancelled' ? 'Attention' : 'Accent',
    notice: [options.notice?.text, options.show.whereFull].filter(Boolean).join(' '),
    noticeStyle: options.notice?.style ?? (options.show.whereFull ? 'accent' : 'default'),
    facts,
    warnings,
    // The child's words are free text about the child: only in a personal chat.
    childVoice: options.show.shared ? '' : childVoiceText(meeting),
    invitation: invitationText(meeting, options.isOrganiser, !!options.icsUrl, options.reachedInTeams),
    notOnTeams: options.isOrganiser
      ? options.notOnTeams.map((x) => ({
          text: `${x.name ? `${x.name}, ` : ''}${x.label}: ${x.email ?? 'no email on record'}${x.held ? ' (has not opened the bot yet: gets the invitation when they do)' : ''}`,
        }))
      : [],
    attendees: meeting.attendees.map((a) => ({ line: attendeeLine(a, options.show), ...splitWhy(a.reason) })).map(({ line, text, why }) => ({ line, reason: text, why })),
    removed: meeting.removed.map((r) => ({
      text: `${options.show.privateName(r.name) ? `${options.show.privateName(r.name)}, ` : ''}${r.label}${r.required ? ' (the rules call for them)' : ''}`,
    })),
    outcome: outcome
      ? {
          facts: [
            { title: 'Decision', value: OUTCOME_DECISIONS[outcome.decision].label },
            { title: 'Why', value: whyLine(OUTCOME_DECISIONS[outcome.decision].ruleIds).replace(/^Why: /, '') },
            { title: 'Recorded by', value: `${outcome.recordedByName}, ${formatInstant(outcome.recordedAt)}` },
            ...(outcome.reviewDate ? [{ title: 'Review booked', value: formatDate(outcome.reviewDate) }] : []),
            ...(outcome.plannedEndDate ? [{ title: 'Planned end', value: formatDate(outcome.plannedEndDate) }] : []),
            ...(outcome.serviceNeeded && options.show.freeText(outcome.serviceNeeded) ? [{ title: 'Service needed', value: options.show.freeText(outcome.serviceNeeded)! }] : []),
            ...(outcome.attended ? [{ title: 'Came', value: namesOf(outcome.attended) || 'not recorded' }] : []),
            ...(outcome.sentViews && outcome.sentViews.length > 0 ? [{ title: 'Sent views', value: namesOf(outcome.sentViews) }] : []),
            ...(outcome.initialSupportPlanCompleted != null
              ? [{ title: 'Initial support plan', value: outcome.initialSupportPlanCompleted ? 'Completed by the supervising social worker' : 'Not completed' }]
              : []),
            ...(outcome.extraFocus ? [{ title: 'Extra focus', value: withoutRuleIds(outcome.extraFocus) }] : []),
            ...(outcome.learning && options.show.freeText(outcome.learning.helped) !== null
              ? [
                  { title: 'What helped', value: options.show.freeText(outcome.learning.helped)! },
                  { title: 'What did not help', value: options.show.freeText(outcome.learning.didNotHelp)! },
                  { title: 'What to change', value: options.show.freeText(outcome.learning.change)! },
                ]
              : []),
          ],
          summary: options.show.freeText(outcome.summary) ?? '',
          // What the chair wrote for an action, and a carer's name, only where the Disclosure allows them.
          tasks: options.tasks.map((t) => ({
            text: `${taskTitle(t, options.show)}: ${plainText(t.ownerName)}, due ${formatDate(t.dueDate)}${t.state === 'done' ? ' (done)' : ''}`,
          })),
          reminders: options.reminders.map((text) => ({ text })),
        }
      : '',
    canRecord: options.canRecord && !outcome,
    // Not beside the outcome form: its required inputs would stop the card sending a reschedule.
    canChange: !!options.canChange && !(options.canRecord && !outcome),
    change: {
      newDate: values.newDate ?? meeting.date,
      newTime: values.newTime ?? meeting.time,
      changeReason: values.changeReason ?? '',
      hasErrors: CHANGE_FIELDS.some((f) => !!errors[f]),
    },
    changeErrors: Object.fromEntries(CHANGE_FIELDS.map((f) => [f, errors[f] ?? ''])),
    decisionChoices: decisionsFor(meeting.type).map((d) => ({ title: OUTCOME_DECISIONS[d].label, value: d })),
    canEnd: decisionsFor(meeting.type).includes('planned-ending'),
    isSupport: policyFor(meeting.type).outcome.supportPlanReviewed !== null,
    asksSupportPlan: policyFor(meeting.type).outcome.initialSupportPlan !== null,
    asksLearning: policyFor(meeting.type).outcome.learning !== null,
    // A choice's value is a carer's or parent's email when they are not on the roster: for the form, which is not offered in a shared conversation.
    attendeeChoices: options.show.shared ? [] : meeting.attendees.map((a) => ({ title: attendeeLine(a, options.show), value: a.personId ?? a.email ?? a.kind })),
    reviewLabel: policyFor(meeting.type).outcome.reviewDate ? `Review date, booked now (required for a ${MEETINGS[meeting.type].label})` : 'Next review date, if one was booked',
    actionRows: rows,
    form: {
      decision: values.decision ?? '',
      summary: values.summary ?? '',
      serviceNeeded: values.serviceNeeded ?? '',
      plannedEndDate: values.plannedEndDate ?? '',
      reviewDate: values.reviewDate ?? '',
      minuteTaker: values.minuteTaker ?? meeting.minuteTaker ?? '',
      supportPlanReviewed: values.supportPlanReviewed ?? '',
      attended: values.attended ?? '',
      sentViews: values.sentViews ?? '',
      initialSupportPlan: values.initialSupportPlan ?? '',
      whatHelped: values.whatHelped ?? '',
      whatDidNotHelp: values.whatDidNotHelp ?? '',
      whatToChange: values.whatToChange ?? '',
      childSaid: values.childSaid ?? '',
      childNotAskedBecause: values.childNotAskedBecause ?? '',
      advocateOffered: values.advocateOffered ?? '',
    },
    errors: Object.fromEntries(OUTCOME_FIELDS.map((f) => [f, errors[f] ?? ''])),
    otherErrors: Object.entries(errors)
      .filter(([f]) => !OUTCOME_FIELDS.includes(f) && !CHANGE_FIELDS.includes(f))
      .map(([, message]) => ({ message })),
    canRequestMove: options.canRequestMove,
    joinUrl: meeting.invitation.joinUrl ?? '',
    icsUrl: options.icsUrl ?? '',
  });
}

// ---- a person's meetings -------------------------------------------------------------------------

export function meetingsListCard(mine: MyMeetings, label: (m: MeetingDoc) => string): AdaptiveCard {
  const row = (m: MeetingDoc, heading: string, detail: string, color = 'Default', button = 'Open', verb = 'meeting.show', data: object = { ref: m.ref }) => ({
    heading,
    detail,
    color,
    button,
    verb,
    data,
  });
  return renderCard('meetings-list', {
    rows: [
      ...mine.outcomeToRecord.map((m) => row(m, `Record the outcome: ${MEETINGS[m.type].label} ${m.ref}`, `${label(m)} · held ${formatDate(m.date)}`, 'Attention')),
      ...mine.upcoming.map((m) => row(m, `${MEETINGS[m.type].label} ${m.ref}`, `${label(m)} · ${formatDate(m.date)}, ${m.time} · chair ${m.chair.name}`)),
      ...mine.reviewsDue.map(({ meeting: m, reviewDate }) =>
        row(m, `Review due ${formatDate(reviewDate)}: ${MEETINGS[m.type].label}`, `${label(m)} · booked at ${m.ref}`, 'Warning', 'Convene the review', 'meeting.propose', {
          type: m.type,
          caseRef: m.caseRef,
        }),
      ),
    ],
  });
}
