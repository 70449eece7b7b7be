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
    ? { advice: 'hold', earliestDate, reason: `A permanent placement broke down: hold a Disruption Meeting to learn from it, on or after ${earliestDate} (END-2; Meetings table, 003).`, ruleIds: ['END-2'] }
    : { advice: 'consider', earliestDate, reason: `The placement ended without a plan: consider a Disruption Meeting, on or after ${earliestDate} (END-2).`, ruleIds: ['END-2'] };
}
