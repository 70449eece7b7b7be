// Placement move requests: what a request must say (MOVE-1 to MOVE-6), how a decision is made
// (MOVE-1), and what has to happen after approval (MOVE-7, MOVE-10, PLAN-1, AFTER-1).
import { z } from 'zod';
import { childVoiceFields, missingChildVoice, toChildVoice, type ChildVoice } from './childVoice';
import { addDays, formatDate, isIsoDate, sameDateYearBefore } from './dates';
import { MAX_TEXT, optionalText, text, yesNo } from './formFields';
import type { Child } from './people';
import { PLACE_CHANGE_REASONS, PLACEMENT_TYPES } from './ssda903/codes';

export type Urgency = 'planned' | 'urgent';
export type MoveState = 'pending' | 'info_requested' | 'approved' | 'declined' | 'completed' | 'withdrawn';
export type DecisionOutcome = 'approved' | 'declined';

export const MOVE_STATE_LABELS: Record<MoveState, string> = {
  pending: 'Waiting for a decision',
  info_requested: 'More information asked for',
  approved: 'Approved',
  declined: 'Declined',
  completed: 'Move done',
  withdrawn: 'Withdrawn',
};

/** Reasons a move may be requested for: the SSDA903 REASON_PLACE_CHANGE codes that end a placement with a carer. */
export const MOVE_REASON_CODES = Object.keys(PLACE_CHANGE_REASONS).filter((code) => code !== 'PLACE');

export interface MoveRequestDetails {
  caseRef: string;
  urgency: Urgency;
  proposedDate: string;
  reasonCode: string;
  reasonOther: string | null;
  rationale: string;
  alternativesConsidered: string | null;
  safeguardingIssue: string | null;
  virtualSchoolConsulted: boolean;
  virtualSchoolAdvice: string;
  childToldPlan: string;
  childToldAgreedWithCarerAndSsw: boolean;
  followsAllegation: boolean;
  nextPlacementCanKeepForMonths: boolean | null;
  educationDisrupted: 'yes' | 'no' | 'unknown';
  /** The child's wishes and feelings about the move, and whether an advocate was offered; absent on requests made before the form asked. */
  childVoice?: ChildVoice;
}

export interface Decision {
  outcome: DecisionOutcome;
  by: string;
  byName: string;
  at: string;
  comment: string | null;
}

export interface InfoRequest {
  askedBy: string;
  askedByName: string;
  askedAt: string;
  question: string;
  answer: string | null;
  answeredAt: string | null;
}

export interface MoveRequest extends MoveRequestDetails {
  ref: string;
  team: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  state: MoveState;
  /** Moves the child had in the 12 months up to the request (the history shown to the approver). */
  movesInLast12Months: number;
  decision: Decision | null;
  infoRequests: InfoRequest[];
  /** Who withdrew the request, when and why (absent on requests stored before withdrawing existed). */
  withdrawal?: { by: string; byName: string; at: string; reason: string } | null;
  completion: {
    date: string;
    placementType: string;
    by: string;
    at: string;
    /** The placement the move ended, as the child's record showed it (a Disruption Meeting looks back on it, END-2). */
    ended?: Pick<Child, 'placementType' | 'placementProvider' | 'carerName' | 'carerEmail' | 'supervisingSocialWorker'>;
  } | null;
}

// ---- the form -------------------------------------------------------------------------------

/**
 * The move request form exactly as a card submits it (every value a string). Conditional rules
 * say in their message, in words, why a field is needed (the rule's id is in the comment beside it). Every
 * problem is reported in one pass, the conditional ones too, so the form comes back once.
 */
export function moveRequestFormSchema(today: string) {
  // Built once a day rather than on every submission: building a schema costs more than using it.
  if (formSchemaOfDay?.today !== today) formSchemaOfDay = { today, schema: buildMoveRequestFormSchema(today) };
  return formSchemaOfDay.schema;
}
let formSchemaOfDay: { today: string; schema: ReturnType<typeof buildMoveRequestFormSchema> } | null = null;

function buildMoveRequestFormSchema(today: string) {
  const latest = addDays(today, 366);
  const fields = z.object({
    caseRef: z.string({ required_error: 'Choose the child.' }).trim().min(1, 'Choose the child.').max(64, 'Choose the child.'),
    urgency: z.enum(['planned', 'urgent'], { errorMap: () => ({ message: 'Say whether the move is planned or urgent.' }) }),
    proposedDate: z
      .string({ required_error: 'Give the proposed date of the move.' })
      .refine(isIsoDate, 'Give the proposed date as a date.')
      .refine((d) => !isIsoDate(d) || d >= today, 'The proposed date cannot be in the past.')
      .refine((d) => !isIsoDate(d) || d <= latest, 'The proposed date must be within the next year.'),
    reasonCode: z.enum(MOVE_REASON_CODES as [string, ...string[]], { errorMap: () => ({ message: 'Choose the reason for the move.' }) }),
    reasonOther: optionalText('The explanation of "other"'),
    rationale: text('The rationale for the move', 20), // MOVE-1
    alternativesConsidered: optionalText('Alternatives considered'),
    safeguardingIssue: optionalText('The immediate safeguarding issue'),
    virtualSchoolConsulted: yesNo('has the Virtual School been asked for advice?'),
    virtualSchoolAdvice: optionalText("The Virtual School's advice"),
    childToldPlan: text('How and when the child will be told', 10), // MOVE-5
    childToldAgreed: z.enum(['true', 'false']).optional().default('false'),
    followsAllegation: yesNo('does the move follow an allegation against the carer?'),
    nextPlacementCanKeepForMonths: z.enum(['true', 'false']).optional().default('false'),
    educationDisrupted: z.enum(['yes', 'no', 'unknown'], { errorMap: () => ({ message: 'Say whether the move will disrupt education or training.' }) }),
    ...childVoiceFields,
  });

  return z.unknown().transform((raw, ctx): MoveRequestDetails => {
    const parsed = fields.safeParse(raw);
    if (!parsed.success) parsed.error.issues.forEach((issue) => ctx.addIssue(issue));
    // The conditional rules read the raw answers, so they are checked even when another field is wrong.
    const answers = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const answer = (field: string) => (typeof answers[field] === 'string' ? (answers[field] as string).trim() : '');
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const urgency = answer('urgency');
    if (answer('reasonCode') === 'OTHER' && answer('reasonOther').length < 20) {
      need('reasonOther', '"Other" is for exceptional cases only: explain in at least 20 characters why no other reason fits.'); // MOVE-7
    }
    if (urgency === 'urgent') {
      if (answer('safeguardingIssue').length < 10) need('safeguardingIssue', 'An urgent move is only for an immediate safeguarding issue: describe it.'); // MOVE-3
      if (answer('alternativesConsidered').length < 10)
        need('alternativesConsidered', 'An urgent move is not authorised until the alternative placement options are understood: list them.'); // MOVE-3
    }
    if (answer('virtualSchoolConsulted') === 'yes' && !answer('virtualSchoolAdvice')) need('virtualSchoolAdvice', "Record the Virtual School's advice."); // MOVE-4
    if (answer('virtualSchoolConsulted') === 'no') {
      if (urgency !== 'urgent')
        need('virtualSchoolConsulted', 'Ask the Virtual School for advice before requesting a planned move.'); // MOVE-4
      else if (answer('virtualSchoolAdvice').length < 10) need('virtualSchoolAdvice', 'Say why the Virtual School has not been asked yet and when they will be.'); // MOVE-4
    }
    if (urgency === 'planned' && answer('childToldAgreed') !== 'true') {
      need('childToldAgreed', 'Agree with the supervising social worker and the carer how and when the child will be told.'); // MOVE-5
    }
    if (answer('followsAllegation') === 'yes' && answer('nextPlacementCanKeepForMonths') !== 'true') {
      need('nextPlacementCanKeepForMonths', 'After an allegation, the next placement must be able to keep the child for months, not a week or two: confirm it.'); // MOVE-6
    }
    // The child is asked before a move is decided: what they said, or why they were not asked.
    for (const [field, message] of Object.entries(missingChildVoice(answer))) need(field, message);
    if (!parsed.success) return z.NEVER;
    const form = parsed.data;
    return {
      caseRef: form.caseRef,
      urgency: form.urgency,
      proposedDate: form.proposedDate,
      reasonCode: form.reasonCode,
      reasonOther: form.reasonCode === 'OTHER' ? form.reasonOther : null,
      rationale: form.rationale,
      alternativesConsidered: form.alternativesConsidered,
      safeguardingIssue: form.urgency === 'urgent' ? form.safeguardingIssue : null,
      virtualSchoolConsulted: form.virtualSchoolConsulted === 'yes',
      virtualSchoolAdvice: form.virtualSchoolAdvice ?? '',
      childToldPlan: form.childToldPlan,
      childToldAgreedWithCarerAndSsw: form.childToldAgreed === 'true',
      followsAllegation: form.followsAllegation === 'yes',
      nextPlacementCanKeepForMonths: form.followsAllegation === 'yes' ? form.nextPlacementCanKeepForMonths === 'true' : null,
      educationDisrupted: form.educationDisrupted,
      childVoice: toChildVoice(form),
    };
  });
}

/** Field name -> first message, for showing beside each input. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

// ---- decisions ------------------------------------------------------------------------------

export const decisionFormSchema = z
  .object({
    outcome: z.enum(['approved', 'declined', 'info'], { errorMap: () => ({ message: 'Choose approve, decline or ask for more information.' }) }),
    comment: z.string({ invalid_type_error: 'The comment must be text.' }).trim().max(MAX_TEXT, `The comment must be at most ${MAX_TEXT} characters.`).optional().default(''),
  })
  .superRefine((d, ctx) => {
    if (d.outcome === 'declined' && d.comment.length < 5)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say why the move is declined, so the social worker can act on it.' });
    if (d.outcome === 'info' && d.comment.length < 5) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say what more information you need.' });
  });

export function isDecided(request: Pick<MoveRequest, 'state'>): boolean {
  return !['pending', 'info_requested'].includes(request.state);
}

// ---- placement history ----------------------------------------------------------------------

/**
 * Moves in the 12 months up to `at`: a move dated after the same calendar date a year before and
 * on or before `at` (the local measure's window, DOMAIN "Counting moves" 5).
 */
export function movesInLast12Months(moveDates: string[], at: string): number {
  const from = sameDateYearBefore(at);
  return moveDates.filter((d) => d > from && d <= at).length;
}

/**
 * The child's move dates with the start of the current placement as the child's record holds it.
 * The returns are annual, so a placement that began after the last return (and was not confirmed in
 * the bot) would otherwise count from the next return: a child placed 3 to 10 months ago showed "0
 * moves". That start is added unless a move on that date is already counted, or the returns reach
 * the date (an episode starts on or after it, or ends after it: the return is then the record, and
 * a care period that began there is an entry to care, not a move). With no returns at all the start
 * counts as a move: the children list holds only looked-after children, and the one placement it
 * names began on that date.
 */
export function withRecordedPlacementStart(
  moveDates: string[],
  episodes: Array<{ decom: string; dec: string | null }>,
  placementStart: string | null | undefined,
  today: string,
): string[] {
  // A placement that has not started yet is not a move yet.
  if (!placementStart || placementStart > today || moveDates.includes(placementStart)) return moveDates;
  if (episodes.some((e) => e.decom >= placementStart || (e.dec !== null && e.dec > placementStart))) return moveDates;
  return [...moveDates, placementStart].sort();
}

// ---- after approval -------------------------------------------------------------------------

export type FollowUpKind =
  | 'code-move'
  | 'planning-meeting'
  | 'placement-plan'
  | 'sw-visit'
  | 'virtual-school-told'
  | 'virtual-school-advice'
  | 'fix-coding'
  | 'end-placement-officer'
  | 'end-tell-those-told';

export interface FollowUp {
  kind: FollowUpKind;
  /** A structured fact, shown wherever the task is (a channel's digest too): never a name or typed text. */
  title: string;
  /** The carer whose placement the task is about, kept beside the title: shown where the child's name may be. */
  carerName?: string | null;
  ruleIds: string[];
  dueDate: string;
}

/**
 * The follow-up steps an approved move creates, with due dates counted from the move date. A
 * planned move has its planning meeting and plan before the move (PLAN-1); an urgent one within
 * 72 hours and 5 days of it.
 */
export function followUpsFor(request: Pick<MoveRequest, 'urgency' | 'educationDisrupted' | 'virtualSchoolConsulted'>, moveDate: string): FollowUp[] {
  const urgent = request.urgency === 'urgent';
  const steps: FollowUp[] = [
    {
      kind: 'planning-meeting',
      title: urgent ? 'Hold the Placement Planning Meeting within 72 hours of the move' : 'Hold the Placement Planning Meeting before the move',
      ruleIds: ['PLAN-1'],
      dueDate: urgent ? addDays(moveDate, 3) : moveDate,
    },
    {
      kind: 'placement-plan',
      title: urgent ? 'Agree the placement plan within 5 days of the move' : 'Finalise the placement plan at the planning meeting',
      ruleIds: ['PLAN-1'],
      dueDate: urgent ? addDays(moveDate, 5) : moveDate,
    },
    { kind: 'sw-visit', title: 'Visit the child in the new placement within one week', ruleIds: ['AFTER-1'], dueDate: addDays(moveDate, 7) },
    {
      kind: 'code-move',
      title: 'Code the move and its reason correctly in the case management system',
      ruleIds: ['MOVE-7', 'AFTER-2'],
      dueDate: addDays(moveDate, 2),
    },
  ];
  if (request.educationDisrupted !== 'no') {
    steps.push({
      kind: 'virtual-school-told',
      title:
        request.educationDisrupted === 'yes'
          ? 'Tell the Virtual School the move disrupts education or training'
          : 'Check whether the move disrupts education or training and, if so, tell the Virtual School',
      ruleIds: ['MOVE-10'],
      dueDate: moveDate,
    });
  }
  if (!request.virtualSchoolConsulted) {
    steps.push({ kind: 'virtual-school-advice', title: 'Ask the Virtual School for advice on the move', ruleIds: ['MOVE-4'], dueDate: moveDate });
  }
  return steps;
}

/**
 * END-1: a confirmed move ends the old placement. The social worker tells the Placement Officer
 * (who serves notice on the provider and tells finance, so payments stop), and tells those who
 * were told when the placement began. Both are due at once: the end date is passed on as early as possible.
 * The carer is named beside the title, not in it (a carer is often a relative: as private as the child's name).
 */
export function endingFollowUps(moveDate: string, ended: { carerName: string; placementStart?: string } | null): FollowUp[] {
  const carerName = ended?.carerName || null;
  return [
    {
      kind: 'end-placement-officer',
      title: `Tell the Placement Officer that the old placement ended on ${formatDate(moveDate)}, so they serve notice on the provider and tell finance to stop payments`,
      carerName,
      ruleIds: ['END-1'],
      dueDate: moveDate,
    },
    {
      kind: 'end-tell-those-told',
      title: 'Tell everyone who was told when the old placement began that it has ended',
      carerName,
      ruleIds: ['END-1'],
      dueDate: moveDate,
    },
  ];
}

/** Does the Virtual School need to hear of this request and its decision (MOVE-4 advice pending, MOVE-10 education affected)? */
export function virtualSchoolConcerned(request: Pick<MoveRequest, 'educationDisrupted' | 'virtualSchoolConsulted'>): boolean {
  return virtualSchoolReasons(request).length > 0;
}

/** Why the Virtual School is told of a request (MOVE-10, MOVE-4), in words, each with its rule; none when it need not be. */
export function virtualSchoolReasons(request: Pick<MoveRequest, 'educationDisrupted' | 'virtualSchoolConsulted'>): Array<{ text: string; ruleId: string }> {
  return [
    ...(request.educationDisrupted === 'yes' ? [{ text: 'the move will disrupt education or training', ruleId: 'MOVE-10' }] : []),
    ...(request.educationDisrupted === 'unknown' ? [{ text: 'the move may disrupt education or training', ruleId: 'MOVE-10' }] : []),
    ...(!request.virtualSchoolConsulted ? [{ text: "the Virtual School's advice has not been given yet", ruleId: 'MOVE-4' }] : []),
  ];
}

export function placementTypeLabel(code: string): string {
  return PLACEMENT_TYPES[code] ?? code;
}

// ---- after the decision: withdrawing, confirming ---------------------------------------------

/** States from which a request may still be withdrawn: anything not yet confirmed or closed. */
export const WITHDRAWABLE: MoveState[] = ['pending', 'info_requested', 'approved'];
/** States in which a request is still open: listed under "my requests", one per child at a time. */
export const OPEN_STATES: MoveState[] = ['pending', 'info_requested', 'approved'];

export const withdrawFormSchema = z.object({ reason: text('The reason for withdrawing', 5) });

/**
 * The move date a social worker confirms: a real date, not in the future (the move has happened)
 * and not before the request was made (UK dates).
 */
export function confirmFormSchema(today: string, requestedOn: string, placementTypes: Record<string, string>) {
  return z.object({
    moveDate: z
      .string({ required_error: 'Give the date the child moved.', invalid_type_error: 'Give the date the child moved.' })
      .refine(isIsoDate, 'Give the date the child moved.')
      .refine((d) => !isIsoDate(d) || d <= today, 'The move date cannot be in the future: confirm the move once it has happened.')
      .refine((d) => !isIsoDate(d) || d >= requestedOn, 'The move date cannot be before the request was made.'),
    placementType: z
      .string({ required_error: 'Choose the new placement type.', invalid_type_error: 'Choose the new placement type.' })
      .refine((p) => p in placementTypes, 'Choose the new placement type.'),
  });
}
