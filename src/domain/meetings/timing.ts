// When a meeting may be held, as the type's policy's timing rule says (policies.ts).
import { addDays, isIsoDate } from '../dates';
import { withoutRuleIds } from '../ruleIds';
import type { MeetingType } from './catalogue';
import { MEETING_POLICIES, policyFor } from './policies';

/** A Placement Support Meeting "as soon as possible": we take that to mean within 5 working days of the signs being reported (FRAG-4). */
export const SUPPORT_MEETING_WORKING_DAYS = MEETING_POLICIES.support.timing.workingDays;
/** Emergency placement: the planning meeting within 72 hours, i.e. by the third day after the placement starts (PLAN-1). */
export const EMERGENCY_PLANNING_DAYS = MEETING_POLICIES.planning.timing.emergencyDays;
/** Disruption Meeting: at least six weeks after the placement ended (Meetings table, 003). */
export const DISRUPTION_MIN_DAYS = MEETING_POLICIES.disruption.timing.minDays;
/** When a deadline has already passed, the meeting must still be held as soon as possible: within this many working days of today. */
export const LATE_MEETING_WORKING_DAYS = 5;

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The date `days` working days (Monday to Friday) after `date`. Bank holidays are not known here and count as working days. */
export function addWorkingDays(date: string, days: number): string {
  let d = date;
  let left = days;
  while (left > 0) {
    d = addDays(d, 1);
    const w = weekday(d);
    if (w !== 0 && w !== 6) left -= 1;
  }
  return d;
}

export interface MeetingTimingInput {
  today: string;
  /** The placement's start date (Planning). */
  placementStart?: string | null;
  /** The date the placement ended (Disruption). */
  placementEnded?: string | null;
  /** An emergency placement: the planning meeting may follow within 72 hours (PLAN-1). */
  emergency?: boolean;
  /** A later planning meeting at an agreed interval, not the first one for this placement. */
  furtherMeeting?: boolean;
  /** When the signs of instability were reported (Support); today when not given. */
  signsReportedOn?: string | null;
}

export interface MeetingDateWindow {
  earliest: string;
  /** The last date the rules allow; null when they set none. */
  latest: string | null;
  /** The rule's own deadline has already passed: hold the meeting as soon as possible. */
  late: boolean;
  /** Something the window needs and was not given (e.g. the placement start date), or null. */
  missing: string | null;
  explanation: string;
  ruleIds: string[];
}

/** The dates on which a meeting of this type may be held, with the rule behind them. Useful for a date picker's bounds. */
export function meetingDateWindow(type: MeetingType, input: MeetingTimingInput): MeetingDateWindow {
  const { today } = input;
  const open = (explanation: string, ruleIds: string[]): MeetingDateWindow => ({ earliest: today, latest: null, late: false, missing: null, explanation, ruleIds });
  const deadline = (due: string, explanation: string, ruleIds: string[]): MeetingDateWindow => {
    const late = due < today;
    return {
      earliest: today,
      latest: late ? addWorkingDays(today, LATE_MEETING_WORKING_DAYS) : due,
      late,
      missing: null,
      explanation: late ? `${explanation} That date (${due}) has passed, so hold it as soon as possible: within ${LATE_MEETING_WORKING_DAYS} working days.` : explanation,
      ruleIds,
    };
  };

  const rule = policyFor(type).timing;
  switch (rule.kind) {
    case 'before-placement-start': {
      if (input.furtherMeeting) return open('Further planning meetings are held at intervals agreed with the carers or the home (Meetings table, 004).', ['PLAN-1']);
      if (!input.placementStart || !isIsoDate(input.placementStart)) {
        return {
          ...open('A Placement Planning Meeting is held before the placement starts, or within 72 hours of an emergency placement (PLAN-1).', ['PLAN-1']),
          missing: 'the placement start date',
        };
      }
      return input.emergency
        ? deadline(
            addDays(input.placementStart, rule.emergencyDays),
            `For an emergency placement the Placement Planning Meeting is held within 72 hours of the start (${input.placementStart}), so by ${addDays(input.placementStart, rule.emergencyDays)} (PLAN-1).`,
            ['PLAN-1'],
          )
        : deadline(input.placementStart, `For a planned placement the Placement Planning Meeting is held before the placement starts, so by ${input.placementStart} (PLAN-1).`, [
            'PLAN-1',
          ]);
    }
    case 'soon-after-signs': {
      const base = input.signsReportedOn && isIsoDate(input.signsReportedOn) ? input.signsReportedOn : today;
      const due = addWorkingDays(base, rule.workingDays);
      return deadline(
        due,
        `A Placement Support Meeting is held as soon as there are signs of instability; the bot asks for it within ${rule.workingDays} working days of them being reported (${base}), so by ${due} (FRAG-4).`,
        ['FRAG-4'],
      );
    }
    case 'after-ending': {
      if (!input.placementEnded || !isIsoDate(input.placementEnded)) {
        return {
          ...open('A Disruption Meeting is held at least six weeks after the placement ended (END-2; Meetings table, 003).', ['END-2']),
          missing: 'the date the placement ended',
        };
      }
      const earliest = addDays(input.placementEnded, rule.minDays);
      return {
        earliest: earliest > today ? earliest : today,
        latest: null,
        late: false,
        missing: null,
        explanation: `A Disruption Meeting is held at least six weeks after the placement ended (${input.placementEnded}), so on or after ${earliest} (END-2; Meetings table, 003).`,
        ruleIds: ['END-2'],
      };
    }
    case 'open':
      return open(rule.explanation, rule.ruleIds);
  }
}

export type MeetingDateCheck = { ok: true; warning: string | null; window: MeetingDateWindow } | { ok: false; reason: string; window: MeetingDateWindow };

/**
 * Is `date` a date the rules allow for this meeting? Planning: before the placement starts, or
 * within 72 hours of an emergency placement (PLAN-1); Support: within 5 working days of the signs
 * being reported (FRAG-4, our reading of "as soon as possible"); Disruption: at least six weeks
 * after the placement ended (END-2). When a deadline has already passed, a date within 5 working
 * days of today is accepted with a warning, since holding the meeting late beats not holding it.
 * No meeting can be booked in the past.
 */
export function validateMeetingDate(type: MeetingType, input: MeetingTimingInput & { date: string }): MeetingDateCheck {
  const window = meetingDateWindow(type, input);
  const refuse = (reason: string): MeetingDateCheck => ({ ok: false, reason, window });
  // Said to the organiser beside the date: the rule in words (the ids are in the window's explanation).
  const explanation = withoutRuleIds(window.explanation);
  if (!isIsoDate(input.date)) return refuse('Give the meeting date as a date.');
  if (window.missing) return refuse(`Give ${window.missing}: ${explanation}`);
  if (input.date < input.today) return refuse('A meeting cannot be booked in the past.');
  if (input.date < window.earliest) return refuse(`Too early: ${explanation}`);
  if (window.latest && input.date > window.latest) return refuse(`Too late: ${explanation}`);
  return { ok: true, warning: window.late ? `Late: ${explanation}` : null, window };
}
