// After an unplanned ending: whether to offer a Disruption Meeting (END-2).
import { addDays } from '../dates';
import { isPermanentPlacementType } from './placement';
import { DISRUPTION_MIN_DAYS } from './timing';
// ---- after an unplanned ending ---------------------------------------------------------------

export interface DisruptionAdvice {
  advice: 'hold' | 'consider' | 'none';
  /** The first date a Disruption Meeting may be held (six weeks after the end), or null. */
  earliestDate: string | null;
  reason: string;
  ruleIds: string[];
}

/**
 * Whether to offer a Disruption Meeting after a placement ends (END-2). A permanent placement that
 * ended without a plan gets one ('hold'); any other unplanned ending is worth considering
 * ('consider'); a planned ending needs none. `permanent` defaults from the placement type: long-term
 * fostering (U1, U4), fostering for adoption (U2, U5) and placed for adoption (A3-A6).
 */
export function disruptionMeetingAdvice(ending: { placementType: string; endDate: string; unplanned: boolean; permanent?: boolean }): DisruptionAdvice {
  if (!ending.unplanned) return { advice: 'none', earliestDate: null, reason: 'The placement ended as planned: no Disruption Meeting is needed.', ruleIds: ['END-2'] };
  const permanent = ending.permanent ?? isPermanentPlacementType(ending.placementType);
  const earliestDate = addDays(ending.endDate, DISRUPTION_MIN_DAYS);
  return permanent
    ? {
        advice: 'hold',
        earliestDate,
        reason: `A permanent placement broke down: hold a Disruption Meeting to learn from it, on or after ${earliestDate} (END-2; Meetings table, 003).`,
        ruleIds: ['END-2'],
      }
    : { advice: 'consider', earliestDate, reason: `The placement ended without a plan: consider a Disruption Meeting, on or after ${earliestDate} (END-2).`, ruleIds: ['END-2'] };
}

/**
 * REASON_PLACE_CHANGE codes for a placement that ended without a plan: the carer or the setting
 * ended it (CLOSE, APPRR, CREQB, CREQO), an allegation or concern about care ended it (ALLEG, STAND),
 * the child asked (CHILD), or it stopped meeting the child's needs (LAREQ). Not: a planned move
 * (CARPL), a change of status only (PLACE), custody (CUSTOD, not a placement breaking down), or
 * OTHER (nothing can be said from it).
 */
export const UNPLANNED_ENDING_REASONS: readonly string[] = ['CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ'];

/**
 * Whether a placement ended without a plan (END-2): a move confirmed as urgent (an urgent move is
 * the unplanned kind, MOVE-3; a planned one follows its plan, MOVE-11), or an imported episode that
 * ended with an unplanned reason (UNPLANNED_ENDING_REASONS).
 */
export function isUnplannedEnding(ending: { kind: 'move'; urgency: 'planned' | 'urgent' } | { kind: 'episode'; reasonPlaceChange: string | null }): boolean {
  if (ending.kind === 'move') return ending.urgency === 'urgent';
  return ending.reasonPlaceChange !== null && UNPLANNED_ENDING_REASONS.includes(ending.reasonPlaceChange.trim().toUpperCase());
}
