// The settings of a move request's life after it is sent: working hours and bank holidays, how
// long a request may wait for a decision before a reminder and before escalation, and who decides
// urgent requests out of hours. Read from the configuration once at start.
import type { Urgency } from '../domain/moves';
import { DEFAULT_WORKING_CALENDAR, ENGLAND_AND_WALES_BANK_HOLIDAYS, parseChaseTarget, type ChaseTarget, type WorkingCalendar } from '../domain/workingTime';

export interface MoveFlowSettings {
  calendar: WorkingCalendar;
  chase: Record<Urgency, ChaseTarget>;
  /** Also sent the approval card of an urgent request made outside working hours. */
  outOfHours: { approver: string | null; channel: string | null };
}

export interface MoveFlowConfig {
  WORKING_HOURS: string;
  BANK_HOLIDAYS_EXTRA: string[];
  MOVE_CHASE_URGENT: string;
  MOVE_CHASE_PLANNED: string;
  OUT_OF_HOURS_APPROVER?: string;
  OUT_OF_HOURS_CHANNEL?: string;
}

/** From the validated configuration (src/config.ts has checked every value). */
export function moveFlowSettings(config: MoveFlowConfig): MoveFlowSettings {
  const calendar: WorkingCalendar = {
    start: config.WORKING_HOURS.slice(0, 5),
    end: config.WORKING_HOURS.slice(6),
    bankHolidays: new Set([...ENGLAND_AND_WALES_BANK_HOLIDAYS, ...config.BANK_HOLIDAYS_EXTRA]),
  };
  return {
    calendar,
    chase: { urgent: parseChaseTarget(config.MOVE_CHASE_URGENT, calendar)!, planned: parseChaseTarget(config.MOVE_CHASE_PLANNED, calendar)! },
    outOfHours: { approver: config.OUT_OF_HOURS_APPROVER ?? null, channel: config.OUT_OF_HOURS_CHANNEL ?? null },
  };
}

export const DEFAULT_MOVE_FLOW: MoveFlowSettings = moveFlowSettings({
  WORKING_HOURS: `${DEFAULT_WORKING_CALENDAR.start}-${DEFAULT_WORKING_CALENDAR.end}`,
  BANK_HOLIDAYS_EXTRA: [],
  MOVE_CHASE_URGENT: '2h,4h',
  MOVE_CHASE_PLANNED: '2d,5d',
});

/** The settings in the services' context (ServiceContext.moveFlow, not imported here: context.ts imports this module), or the defaults. */
export const moveFlowOf = (ctx: { moveFlow?: MoveFlowSettings }): MoveFlowSettings => ctx.moveFlow ?? DEFAULT_MOVE_FLOW;
