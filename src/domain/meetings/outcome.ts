// The outcome of a meeting: the form, checked against the type's policy (the decisions it may
// record, what it requires), and the tasks a recorded outcome sets going.
import { childVoiceFields, toChildVoice, type ChildVoice } from '../childVoice';
import { z } from 'zod';
import { addDays, isIsoDate } from '../dates';
import { optionalText, text } from '../formFields';
import { normaliseEmail, type Child, type Role } from '../people';
import { MEETINGS, type MeetingType } from './catalogue';
import { DECISIONS, OUTCOME_DECISIONS, type OutcomeDecision } from './decisions';
import { email, optionalEmailField } from './forms';
import { isExternalProvider } from './placement';
import { policyFor } from './policies';
import { addWorkingDays } from './timing';

export { OUTCOME_DECISIONS, type OutcomeDecision } from './decisions';

/** The decisions a meeting of this type can record. */
export function decisionsFor(type: MeetingType): OutcomeDecision[] {
  return [...policyFor(type).decisions];
}

export interface MeetingAction {
  what: string;
  ownerEmail: string;
  dueDate: string;
}

export interface MeetingOutcome {
  type: MeetingType;
  meetingDate: string;
  summary: string;
  decision: OutcomeDecision;
  /** The service asked for: the costed external service (FRAG-7) or the essential service that cannot be got (FRAG-6). */
  serviceNeeded: string | null;
  /** The agreed end date of a planned ending (END-1: passed on as early as possible). */
  plannedEndDate: string | null;
  actions: MeetingAction[];
  reviewDate: string | null;
  minuteTaker: string | null;
  /** Support meetings: was the initial support plan reviewed (FRAG-4)? null for other meetings. */
  supportPlanReviewed: boolean | null;
  /** Who came and who sent their views instead: attendee keys (roster id, else email, else kind). Missing on older records. */
  attended?: string[];
  sentViews?: string[];
  /** Planning: did the supervising social worker complete the initial support plan at the meeting (Meetings table, 001)? null for other meetings. */
  initialSupportPlanCompleted?: boolean | null;
  /** Planning: why the initial support plan needs extra focus (a child who has moved before, or aged 13 to 15: Meetings table, 001), or null. */
  extraFocus?: string | null;
  /** Disruption: the learning (END-2), summarised for managers across disruptions. */
  learning?: DisruptionLearning | null;
  /** The child's wishes and feelings as the meeting heard them (or why they were not asked), and whether an advocate was offered. Missing on older records. */
  childVoice?: ChildVoice;
}

export interface DisruptionLearning {
  helped: string;
  didNotHelp: string;
  change: string;
}

const MAX_ACTIONS = 30;

/**
 * The outcome form for a meeting of `type` held on `meetingDate`. Actions may come as an array of
 * { what, ownerEmail, dueDate } or as that array in a JSON string (a card's hidden field).
 * Field messages name the rule that makes a field necessary.
 */
export function meetingOutcomeSchema(context: { type: MeetingType; meetingDate: string; attendeeKeys?: readonly string[]; extraFocus?: string | null }) {
  const { type, meetingDate } = context;
  const keys = context.attendeeKeys ?? null;
  const keyList = (label: string) =>
    z.preprocess(
      (v) =>
        v === undefined || v === null || v === ''
          ? []
          : typeof v === 'string'
            ? v
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean)
            : v,
      z.array(z.string().max(320), { invalid_type_error: `${label} could not be read.` }).max(100),
    );
  const latest = addDays(meetingDate, 366);
  const allowed = decisionsFor(type);
  const requires = policyFor(type).outcome;
  const futureDate = (label: string) =>
    z
      .string({ invalid_type_error: `${label} must be a date.` })
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || isIsoDate(v), `${label} must be a date.`)
      .refine((v) => v === null || !isIsoDate(v) || v > meetingDate, `${label} must be after the meeting (${meetingDate}).`)
      .refine((v) => v === null || !isIsoDate(v) || v <= latest, `${label} must be within a year of the meeting.`);
  const action = z.object({
    what: text('What the action is', 5),
    ownerEmail: email('Give the email address of the person who owns the action.'),
    dueDate: z
      .string({ required_error: 'Give the action\u2019s due date.' })
      .trim()
      .refine(isIsoDate, 'Give the action\u2019s due date as a date.')
      .refine((d) => !isIsoDate(d) || d >= meetingDate, 'An action cannot be due before the meeting.')
      .refine((d) => !isIsoDate(d) || d <= latest, 'An action must be due within a year of the meeting.'),
  });
  const actions = z.preprocess(
    (v) => {
      if (v === undefined || v === null || v === '') return [];
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v);
      } catch {
        return v;
      }
    },
    z.array(action, { invalid_type_error: 'The actions could not be read.' }).max(MAX_ACTIONS, `At most ${MAX_ACTIONS} actions.`),
  );

  return z
    .object({
      summary: text('The outcome summary', 20),
      decision: z.enum(DECISIONS, { errorMap: () => ({ message: `Choose the decision: ${allowed.map((d) => OUTCOME_DECISIONS[d].label.toLowerCase()).join('; ')}.` }) }),
      serviceNeeded: optionalText('The service needed'),
      plannedEndDate: futureDate('The planned end date'),
      actions,
      reviewDate: futureDate('The review date'),
      minuteTaker: optionalEmailField('Give the minute taker\u2019s email address.'),
      supportPlanReviewed: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Say yes or no: was the initial support plan reviewed?' }) }).optional(),
      attended: keyList('Who came'),
      sentViews: keyList('Who sent views'),
      initialSupportPlan: z
        .enum(['yes', 'no'], { errorMap: () => ({ message: 'Say yes or no: did the supervising social worker complete the initial support plan?' }) })
        .optional(),
      whatHelped: optionalText('What helped'),
      whatDidNotHelp: optionalText('What did not help'),
      whatToChange: optionalText('What to change'),
      ...childVoiceFields,
    })
    .superRefine((form, ctx) => {
      const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (!allowed.includes(form.decision)) {
        need(
          'decision',
          `A ${MEETINGS[type].label} cannot record "${OUTCOME_DECISIONS[form.decision].label}": choose ${allowed.map((d) => `"${OUTCOME_DECISIONS[d].label}"`).join(' or ')}.`,
        );
      }
      if (requires.reviewDate && !form.reviewDate) need('reviewDate', requires.reviewDate);
      if (requires.minuteTaker && !form.minuteTaker) need('minuteTaker', requires.minuteTaker);
      if (requires.supportPlanReviewed && form.supportPlanReviewed !== 'yes') need('supportPlanReviewed', requires.supportPlanReviewed);
      if (requires.initialSupportPlan && form.initialSupportPlan !== 'yes') need('initialSupportPlan', requires.initialSupportPlan);
      if (requires.learning) {
        const short = (v: string | null) => (v ?? '').length < 10;
        if (short(form.whatHelped)) need('whatHelped', `${requires.learning} What helped needs at least 10 characters.`);
        if (short(form.whatDidNotHelp)) need('whatDidNotHelp', `${requires.learning} What did not help needs at least 10 characters.`);
        if (short(form.whatToChange)) need('whatToChange', `${requires.learning} What to change needs at least 10 characters.`);
      }
      // Attendance is recorded with every outcome: who came, and who sent their views instead.
      if (keys) {
        if (form.attended.length === 0) need('attended', 'Record who came to the meeting.');
        const unknown = [...form.attended, ...form.sentViews].filter((k) => !keys.includes(k));
        if (unknown.length > 0) need('attended', 'Choose who came from the meeting\u2019s invitees.');
        const both = form.attended.filter((k) => form.sentViews.includes(k));
        if (both.length > 0) need('sentViews', 'Someone who came is not also recorded as sending views.');
      }
      if (form.decision === 'commissioning-panel' && (form.serviceNeeded ?? '').length < 10) {
        need('serviceNeeded', 'Describe the costed external service the social worker will take to the Commissioning Panel for funding.'); // FRAG-7
      }
      if (form.decision === 'escalate-to-panel' && (form.serviceNeeded ?? '').length < 10) {
        need('serviceNeeded', 'Describe the service essential to stability that cannot be got without the Placement Stability Panel.'); // FRAG-6
      }
      if (form.decision === 'planned-ending' && !form.plannedEndDate) {
        need('plannedEndDate', 'Give the planned end date: it is passed to the Placement Officer as early as possible.'); // END-1, FRAG-8
      }
    })
    .transform((form): MeetingOutcome => ({
      type,
      meetingDate,
      summary: form.summary,
      decision: form.decision,
      serviceNeeded: form.decision === 'commissioning-panel' || form.decision === 'escalate-to-panel' ? form.serviceNeeded : null,
      plannedEndDate: form.decision === 'planned-ending' ? form.plannedEndDate : null,
      actions: form.actions,
      reviewDate: form.reviewDate,
      minuteTaker: form.minuteTaker,
      supportPlanReviewed: requires.supportPlanReviewed ? form.supportPlanReviewed === 'yes' : null,
      attended: [...new Set(form.attended)],
      sentViews: [...new Set(form.sentViews)],
      initialSupportPlanCompleted: requires.initialSupportPlan ? form.initialSupportPlan === 'yes' : null,
      extraFocus: requires.initialSupportPlan ? (context.extraFocus ?? null) : null,
      learning: requires.learning ? { helped: form.whatHelped!, didNotHelp: form.whatDidNotHelp!, change: form.whatToChange! } : null,
      childVoice: toChildVoice(form),
    }));
}

// ---- after the meeting -----------------------------------------------------------------------

export type OutcomeFollowUpKind =
  'action' | 'review-meeting' | 'request-move' | 'tell-placements-service' | 'serve-notice' | 'stop-payments' | 'commissioning-panel' | 'stability-panel';

export interface OutcomeFollowUp {
  kind: OutcomeFollowUpKind;
  /** A structured fact, shown wherever the task is (a channel's digest too): never a name or what the meeting typed. */
  title: string;
  /** The carer or provider the task is about, kept beside the title: shown where the child's name may be. */
  carerName?: string | null;
  /** What the meeting typed for it (an action's words, the service a panel is asked for): shown in a personal chat only. */
  typed?: string | null;
  /** The roster id (lower-cased email) of the owner, when one person owns it; null when a team does. */
  owner: string | null;
  /** The role that owns it when no one person does (e.g. the Placements Service), or the owner's role. */
  ownerRole: Role | null;
  dueDate: string;
  ruleIds: string[];
}

/**
 * The titles of an outcome's follow-ups, in one place: structured facts only, so that a task can be
 * listed anywhere. The carer's name and what the meeting typed go beside them (carerName, typed).
 */
export const OUTCOME_TASK_TITLES = {
  action: (meetingRef: string) => `An action agreed at ${meetingRef}`,
  tellPlacementsService: (external: boolean, end: string) =>
    external
      ? `Tell the Placements Service today that the placement will end on ${end} (unless they were at the meeting)`
      : `Tell the Placement Officer the planned end date (${end}) now, so they can act on it`,
  serveNotice: (end: string) => `Serve notice on the provider for the planned end on ${end}`,
  commissioningPanel: 'Present the costed external service to the Commissioning Panel for funding before it is arranged',
  stabilityPanel: 'Present the case at the Placement Stability Panel, with the Virtual School, to get the service needed',
} as const;

/** Panels are asked within this many working days of the meeting (our choice; the guidance sets no time). */
export const PANEL_REFERRAL_WORKING_DAYS = 5;

/**
 * The tasks a recorded outcome sets going, with due dates counted from `today` (the day the
 * outcome is recorded):
 * - every action, owned by its owner, due when the meeting said;
 * - the booked review meeting (Stability: FRAG-5; Support: FRAG-4);
 * - a planned ending (Stability only): request the move for Head of Service approval (MOVE-1, the
 *   ending stays planned: MOVE-11); tell the Placements Service today (FRAG-8 for an external
 *   placement; END-1 for any); for an external provider serve notice today (FRAG-8, END-1); and
 *   tell finance so payments stop by the end date (END-1);
 * - Commissioning Panel (FRAG-7) and Placement Stability Panel (FRAG-6) referrals, presented by the
 *   child's social worker within 5 working days.
 */
export function followUpsForOutcome(outcome: MeetingOutcome, child: Child, today: string, meetingRef: string): OutcomeFollowUp[] {
  const sw = child.socialWorker ? normaliseEmail(child.socialWorker) : null;
  const bySw = { owner: sw, ownerRole: 'social_worker' as Role };
  const carerName = child.carerName || null;
  const tasks: OutcomeFollowUp[] = outcome.actions.map((a) => ({
    kind: 'action',
    title: OUTCOME_TASK_TITLES.action(meetingRef),
    typed: a.what,
    owner: normaliseEmail(a.ownerEmail),
    ownerRole: null,
    dueDate: a.dueDate,
    ruleIds: [],
  }));

  if (outcome.reviewDate) {
    tasks.push({
      kind: 'review-meeting',
      title: `Hold the review ${MEETINGS[outcome.type].label} booked for ${outcome.reviewDate}`,
      ...bySw,
      dueDate: outcome.reviewDate,
      ruleIds: [...policyFor(outcome.type).outcome.reviewRuleIds],
    });
  }

  const external = isExternalProvider(child.placementProvider);
  switch (outcome.decision) {
    case 'planned-ending': {
      const end = outcome.plannedEndDate ?? today;
      tasks.push({
        kind: 'request-move',
        title: `Request the move for Head of Service approval, with the rationale agreed at the meeting, so the placement ends as planned on ${end}`,
        ...bySw,
        dueDate: today,
        ruleIds: ['MOVE-1', 'MOVE-11'],
      });
      tasks.push({
        kind: 'tell-placements-service',
        title: OUTCOME_TASK_TITLES.tellPlacementsService(external, end),
        carerName: external ? carerName : null,
        ...bySw,
        dueDate: today,
        ruleIds: external ? ['FRAG-8', 'END-1'] : ['END-1'],
      });
      if (external) {
        tasks.push({
          kind: 'serve-notice',
          title: OUTCOME_TASK_TITLES.serveNotice(end),
          carerName,
          owner: null,
          ownerRole: 'placements_team',
          dueDate: today,
          ruleIds: ['FRAG-8', 'END-1'],
        });
      }
      tasks.push({
        kind: 'stop-payments',
        title: `Tell finance the placement ends on ${end} so that payments stop`,
        owner: null,
        ownerRole: 'placements_team',
        dueDate: end < today ? today : end,
        ruleIds: ['END-1'],
      });
      break;
    }
    case 'commissioning-panel':
      tasks.push({
        kind: 'commissioning-panel',
        title: OUTCOME_TASK_TITLES.commissioningPanel,
        typed: outcome.serviceNeeded,
        ...bySw,
        dueDate: addWorkingDays(today, PANEL_REFERRAL_WORKING_DAYS),
        ruleIds: ['FRAG-7'],
      });
      break;
    case 'escalate-to-panel':
      tasks.push({
        kind: 'stability-panel',
        title: OUTCOME_TASK_TITLES.stabilityPanel,
        typed: outcome.serviceNeeded,
        ...bySw,
        dueDate: addWorkingDays(today, PANEL_REFERRAL_WORKING_DAYS),
        ruleIds: ['FRAG-6', 'MOVE-4'],
      });
      break;
    default:
      break;
  }
  return tasks;
}

// ---- the initial support plan -------------------------------------------------------------------

/** Ages at which the initial support plan needs extra focus (Meetings table, 001). */
export const EXTRA_FOCUS_AGES = { from: 13, to: 15 } as const;

function ageOn(dateOfBirth: string, on: string): number | null {
  if (!isIsoDate(dateOfBirth) || !isIsoDate(on)) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Why the initial support plan set at a Placement Planning Meeting needs extra focus, or null: the
 * child has moved placement before, or is 13 to 15 on the meeting day (Meetings table, 001).
 */
export function initialSupportPlanFocus(child: Pick<Child, 'dateOfBirth'>, meetingDate: string, earlierMoves: number): string | null {
  const reasons: string[] = [];
  if (earlierMoves > 0) reasons.push(`the child has moved placement before (${earlierMoves} earlier move${earlierMoves === 1 ? '' : 's'} on record)`);
  const age = ageOn(child.dateOfBirth, meetingDate);
  if (age !== null && age >= EXTRA_FOCUS_AGES.from && age <= EXTRA_FOCUS_AGES.to) reasons.push(`the child is ${age}`);
  return reasons.length > 0 ? `Give the initial support plan extra focus: ${reasons.join(' and ')} (Meetings table, 001).` : null;
}
