// Calendar dates as 'YYYY-MM-DD' strings and instants as ISO-8601 UTC strings. Pure arithmetic in
// UTC, so no local time zone can shift a date by a day.

// The calendar checks are the SSDA903 module's (one implementation for the whole domain).
export { isIsoDate, sameDateYearBefore } from './ssda903/dates';
import { isIsoDate } from './ssda903/dates';

function toUtc(date: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** The calendar date of an instant, in UTC. */
export function dateOf(instant: string | Date): string {
  return (typeof instant === 'string' ? new Date(instant) : instant).toISOString().slice(0, 10);
}

/** Age of an instant at `now`, as "3 days", "5 hours" or "12 minutes". */
export function describeAge(since: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} days`;
  if (minutes >= 120) return `${Math.floor(minutes / 60)} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

// UK local time (today's date, readable instants, booked times) lives in ukTime.ts.
export { formatInstant, ukDate } from './ukTime';

/** Built once: building a formatter costs far more than formatting, and cards format many dates. */
const READABLE_DATE = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Formats a 'YYYY-MM-DD' date as e.g. "Mon 23 Nov 2026" for people to read. */
export function formatDate(date: string): string {
  return READABLE_DATE.format(toUtc(date));
}
