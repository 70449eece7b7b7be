// The placement plan over a placement's life: when it is due (PLAN-1), when it is revised (PLAN-2),
// what the new placement must be told and the introductions before it starts (PLAN-4, PLAN-3), and
// prompting the case-record update when the placement or legal status changes (AFTER-2).
// Pure rules: no clock (today is passed in), no storage.
import { z } from 'zod';
import { addDays, formatDate, isIsoDate } from './dates';
import { MAX_TEXT } from './formFields';
import type { Child, PlacementPlanRecord } from './people';

export type { PlacementPlanRecord };

/** The tasks this module adds to the follow-up machinery (beside the move's own, see moves.ts). */
export type PlanTaskKind = 'plan-revision' | 'case-record-update';

// ---- PLAN-1: when the plan is due ------------------------------------------------------------------

/** PLAN-1: an emergency placement's plan is agreed within this many days of its start (calendar days, as DOMAIN says "within 5 days"). */
export const EMERGENCY_PLAN_DAYS = 5;

/**
 * PLAN-1: the date by which a placement's plan must be in place. A planned placement's plan is
 * finalised before it starts (by the start date); an emergency one's within 5 days of the start.
 */
export function planDueDate(placementStart: string, planned: boolean): string {
  return planned ? placementStart : addDays(placementStart, EMERGENCY_PLAN_DAYS);
}

/** What the plan task says, in words a social worker reads (the rule id stays in the task's "why"). */
export function planTaskTitle(placementStart: string, planned: boolean): string {
  return planned
    ? `Finalise the placement plan before the placement starts on ${formatDate(placementStart)}`
    : `Agree the placement plan within 5 days of the placement starting on ${formatDate(placementStart)}`;
}

/**
 * An imported placement does not say whether it was planned. One starting after the import is taken
 * as planned (plan due by the start); one that has already started as an emergency (plan due within
 * 5 days of the start), the later of the two dates the rule allows.
 */
export function importedPlacementIsPlanned(placementStart: string, today: string): boolean {
  return placementStart > today;
}

/**
 * An imported placement that started longer ago than this is taken to have its plan already: the
 * first import of a whole authority's children must not give every social worker a task per child.
 */
export const IMPORTED_PLACEMENT_RECENT_DAYS = 28;

export function isRecentPlacement(placementStart: string, today: string): boolean {
  return placementStart >= addDays(today, -IMPORTED_PLACEMENT_RECENT_DAYS);
}

// ---- PLAN-2: revising the plan ------------------------------------------------------------------

/** The social worker is asked to revise the plan this many days before the review (or the yearly date). */
export const REVISION_NOTICE_DAYS = 14;

export interface PlanRevisionDue {
  /** The day by which the plan is revised: the day before the review, or a year after the last plan. */
  dueDate: string;
  because: 'review' | 'yearly';
  reviewDate: string | null;
}

/** The same calendar date a year later (29 February becomes 28 February). */
export function yearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(next) ? next : `${y + 1}-${String(m).padStart(2, '0')}-28`;
}

/**
 * PLAN-2: the next revision of the plan, if one is owed: before the next looked-after review (when
 * one is known and not past), and at least a year after the plan was agreed or last revised;
 * whichever comes first.
 */
export function nextPlanRevision(child: Pick<Child, 'nextReviewDate' | 'placementPlan'>, today: string): PlanRevisionDue | null {
  const candidates: PlanRevisionDue[] = [];
  const review = child.nextReviewDate ?? null;
  if (review && review >= today) candidates.push({ dueDate: addDays(review, -1), because: 'review', reviewDate: review });
  const plan = child.placementPlan ?? null;
  if (plan) candidates.push({ dueDate: yearAfter(plan.revisedOn ?? plan.agreedOn), because: 'yearly', reviewDate: null });
  candidates.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  return candidates[0] ?? null;
}

/** Is it time to ask for this revision (within the notice period, or late)? */
export function revisionIsDueToAsk(due: PlanRevisionDue, today: string): boolean {
  return today >= addDays(due.dueDate, -REVISION_NOTICE_DAYS);
}

export function revisionTaskTitle(due: PlanRevisionDue): string {
  return due.because === 'review'
    ? `Revise the placement plan before the looked-after review on ${formatDate(due.reviewDate!)} (a revision of the current plan, not a new one)`
    : `Revise the placement plan: a year has passed since it was last agreed or revised (a revision of the current plan, not a new one)`;
}

/** The next looked-after review date given in chat: a real date, today or later, within two years. */
export function reviewDateSchema(today: string) {
  return z.object({
    caseRef: z.string().trim().min(1, 'Give the case reference.').max(40),
    reviewDate: z
      .string({ required_error: 'Give the date of the next looked-after review.' })
      .trim()
      .transform((v) => {
        const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
        return uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : v;
      })
      .refine(isIsoDate, 'The review date is not a date (use YYYY-MM-DD or dd/mm/yyyy).')
      .refine((v) => v >= today, 'The review date is in the past: give the next review.')
      .refine((v) => v <= addDays(today, 731), 'The review date is more than two years away: check the year.'),
  });
}

// ---- PLAN-3 and PLAN-4: the checklist on the move's follow-up -----------------------------------------

export interface ChecklistItem {
  id: string;
  rule: 'PLAN-3' | 'PLAN-4';
  /** What is asked, in words. */
  label: string;
}

/** PLAN-3: the introductions before the placement starts. */
export const INTRODUCTIONS: ChecklistItem[] = [
  { id: 'carer-profile', rule: 'PLAN-3', label: "The carers' child-friendly profile shared with the child" },
  { id: 'child-views', rule: 'PLAN-3', label: "The child's views on the placement sought" },
  { id: 'visits', rule: 'PLAN-3', label: 'Introductions: visits, or at least a call or a visit' },
  { id: 'overnight', rule: 'PLAN-3', label: 'Overnight stays before the move' },
];

/** PLAN-4: what the new placement must be told. */
export const PLACEMENT_INFORMATION: ChecklistItem[] = [
  { id: 'parenting-tasks', rule: 'PLAN-4', label: 'How the parenting tasks are shared' },
  { id: 'money', rule: 'PLAN-4', label: 'Money: allowances and what they cover' },
  { id: 'contact', rule: 'PLAN-4', label: 'Contact arrangements' },
  { id: 'why-in-care', rule: 'PLAN-4', label: 'Why the child came into care' },
  { id: 'care-plan', rule: 'PLAN-4', label: 'The long-term care plan' },
  { id: 'how-long', rule: 'PLAN-4', label: 'How long the placement is needed' },
  { id: 'objectives', rule: 'PLAN-4', label: "The placement's objectives" },
];

export const CHECKLIST_ITEMS: ChecklistItem[] = [...INTRODUCTIONS, ...PLACEMENT_INFORMATION];

/** One item's answer: done, or not possible with the reason why (free text: shown only in a personal chat). */
export interface ChecklistAnswer {
  state: 'done' | 'not-possible';
  reason: string | null;
  by: string;
  at: string;
}

export type ChecklistAnswers = Record<string, ChecklistAnswer>;

/** What the card sends for an item: 'open' is "not recorded yet" (it clears an earlier answer). */
const ITEM_STATES = ['open', 'done', 'not-possible'] as const;
export type ChecklistChoice = { state: (typeof ITEM_STATES)[number]; reason: string | null };

/**
 * Reads the checklist form: per item `state_<id>` ('open', 'done' or 'not-possible') and
 * `reason_<id>`, required (5 characters or more) when the item is not possible. An item the form
 * does not mention keeps what it had. Returns the choices made, or a message per field.
 */
export function parseChecklistForm(data: Record<string, unknown>): { ok: true; choices: Record<string, ChecklistChoice> } | { ok: false; errors: Record<string, string> } {
  const choices: Record<string, ChecklistChoice> = {};
  const errors: Record<string, string> = {};
  for (const item of CHECKLIST_ITEMS) {
    const rawState = data[`state_${item.id}`];
    const rawReason = data[`reason_${item.id}`] ?? '';
    if (rawState === undefined) continue;
    if (typeof rawState !== 'string' || !(ITEM_STATES as readonly string[]).includes(rawState)) {
      errors[`state_${item.id}`] = `${item.label}: choose done or not possible.`;
      continue;
    }
    if (typeof rawReason !== 'string') {
      errors[`reason_${item.id}`] = `${item.label}: the reason must be text.`;
      continue;
    }
    const reason = rawReason.trim();
    if (reason.length > MAX_TEXT) errors[`reason_${item.id}`] = `${item.label}: the reason must be at most ${MAX_TEXT} characters.`;
    else if (rawState === 'not-possible' && reason.length < 5) errors[`reason_${item.id}`] = `${item.label}: say why it was not possible (at least 5 characters).`;
    else choices[item.id] = { state: rawState as ChecklistChoice['state'], reason: rawState === 'not-possible' ? reason : null };
  }
  if (Object.keys(errors).length === 0 && Object.keys(choices).length === 0) errors.checklist = 'Nothing was recorded: the card sent no checklist items.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, choices };
}

/** How far the checklist is: items done, not possible, still to do. */
export function checklistCounts(answers: ChecklistAnswers | undefined): { done: number; notPossible: number; open: number; total: number } {
  const given = answers ?? {};
  const done = CHECKLIST_ITEMS.filter((i) => given[i.id]?.state === 'done').length;
  const notPossible = CHECKLIST_ITEMS.filter((i) => given[i.id]?.state === 'not-possible').length;
  return { done, notPossible, open: CHECKLIST_ITEMS.length - done - notPossible, total: CHECKLIST_ITEMS.length };
}

// ---- AFTER-2: the case record follows the placement and legal status ---------------------------------------

/**
 * AFTER-2: the changes to a child's placement or legal status between two versions of the record,
 * in words; empty when neither changed.
 */
export function placementOrLegalChanges(
  before: Pick<Child, 'legalStatus' | 'placementType' | 'placementProvider' | 'placementStart'>,
  after: Pick<Child, 'legalStatus' | 'placementType' | 'placementProvider' | 'placementStart'>,
): string[] {
  const changes: string[] = [];
  if (before.legalStatus !== after.legalStatus) changes.push(`legal status ${before.legalStatus} to ${after.legalStatus}`);
  if (before.placementStart !== after.placementStart) changes.push(`a new placement from ${formatDate(after.placementStart)}`);
  else {
    if (before.placementType !== after.placementType) changes.push(`placement type ${before.placementType} to ${after.placementType}`);
    if (before.placementProvider !== after.placementProvider) changes.push(`placement provider ${before.placementProvider} to ${after.placementProvider}`);
  }
  return changes;
}

export function caseRecordTaskTitle(changes: string[]): string {
  return `Update the child's case record: changes to the placement or legal status must be recorded there (${changes.join('; ')})`;
}
