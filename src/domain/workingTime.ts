// Working time in England: the hours a council's office works (09:00 to 17:00, Monday to Friday,
// by default) less the bank holidays of England and Wales. Chasing an undecided move request counts
// its targets in working time ("2 working hours", "5 working days"). Pure: instants are passed in;
// the UK wall clock comes from the project's UK-time functions.
import { addDays } from './dates';
import { ukLocalToInstant, ukWallClock } from './ukTime';

/**
 * England and Wales bank holidays, as GOV.UK publishes them (https://www.gov.uk/bank-holidays),
 * including the substitute days. A council adds its own closure days, or later years, with the
 * BANK_HOLIDAYS_EXTRA setting.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly string[] = [
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
  '2028-01-03',
  '2028-04-14',
  '2028-04-17',
  '2028-05-01',
  '2028-05-29',
  '2028-08-28',
  '2028-12-25',
  '2028-12-26',
];

export interface WorkingCalendar {
  /** 'HH:MM', UK time. */
  start: string;
  end: string;
  /** Days with no working hours besides Saturdays and Sundays. */
  bankHolidays: ReadonlySet<string>;
}

export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = { start: '09:00', end: '17:00', bankHolidays: new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS) };

/** Minutes in a working day: a "working day" of a target is this many working minutes. */
export function workingDayMinutes(calendar: WorkingCalendar): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return minutes(calendar.end) - minutes(calendar.start);
}

function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return isoWeekday(date) <= 5 && !calendar.bankHolidays.has(date);
}

/** Is `at` within working hours on a working day, in England? */
export function isWorkingTime(at: Date, calendar: WorkingCalendar): boolean {
  const { date, time } = ukWallClock(at);
  return isWorkingDay(date, calendar) && time >= calendar.start && time < calendar.end;
}

/**
 * The instant `minutes` working minutes after `from`. Time outside working hours does not count: a
 * request made on Friday at 16:00 with a 2-hour target is due on Monday at 10:00 (or Tuesday after
 * a bank holiday Monday).
 */
export function addWorkingMinutes(from: Date, minutes: number, calendar: WorkingCalendar): Date {
  let at = from.getTime();
  let left = minutes;
  // A year of days is far more than any target needs; the bound only guards against a calendar with no working days.
  for (let i = 0; i < 400; i++) {
    const { date } = ukWallClock(new Date(at));
    const nextDayStart = ukLocalToInstant(addDays(date, 1), calendar.start).getTime();
    if (!isWorkingDay(date, calendar)) {
      at = nextDayStart;
      continue;
    }
    const dayStart = ukLocalToInstant(date, calendar.start).getTime();
    const dayEnd = ukLocalToInstant(date, calendar.end).getTime();
    if (at < dayStart) at = dayStart;
    if (at >= dayEnd) {
      at = nextDayStart;
      continue;
    }
    const available = (dayEnd - at) / 60_000;
    if (left <= available) return new Date(at + left * 60_000);
    left -= available;
    at = nextDayStart;
  }
  throw new RangeError('the working calendar has no working days within a year');
}

// ---- chasing targets ---------------------------------------------------------------------------

/** How long an undecided request waits, in working time, before a reminder and before escalation. */
export interface ChaseTarget {
  remindAfterMinutes: number;
  escalateAfterMinutes: number;
  /** As the setting said it, for people to read: "2 working hours". */
  remindLabel: string;
  escalateLabel: string;
}

/** '2h' or '5d' as working minutes, and as words. */
function parseDuration(text: string, dayMinutes: number): { minutes: number; label: string } | null {
  const m = /^(\d{1,3})\s*([hd])$/i.exec(text.trim());
  if (!m || Number(m[1]) === 0) return null;
  const n = Number(m[1]);
  const hours = m[2]!.toLowerCase() === 'h';
  return { minutes: hours ? n * 60 : n * dayMinutes, label: `${n} working ${hours ? 'hour' : 'day'}${n === 1 ? '' : 's'}` };
}

/** "2h,4h": a reminder after 2 working hours, escalation after 4. Null when it is not of that shape or escalation does not come after the reminder. */
export function parseChaseTarget(text: string, calendar: WorkingCalendar): ChaseTarget | null {
  const parts = text.split(',');
  if (parts.length !== 2) return null;
  const [remind, escalate] = parts.map((p) => parseDuration(p, workingDayMinutes(calendar)));
  if (!remind || !escalate || escalate.minutes <= remind.minutes) return null;
  return { remindAfterMinutes: remind.minutes, escalateAfterMinutes: escalate.minutes, remindLabel: remind.label, escalateLabel: escalate.label };
}
