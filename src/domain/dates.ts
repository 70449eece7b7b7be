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

// Formatters are built once: building one (what toLocaleString with options does on every call)
// costs far more than formatting, and cards format many dates.
const READABLE_DATE = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const READABLE_UK_INSTANT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const UK_WALL_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

/** Formats a 'YYYY-MM-DD' date as e.g. "Mon 23 Nov 2026" for people to read. */
export function formatDate(date: string): string {
  return READABLE_DATE.format(toUtc(date));
}

/** Formats an instant as UK local time, e.g. "23 Nov 2026, 14:05". */
export function formatInstant(instant: string): string {
  return READABLE_UK_INSTANT.format(new Date(instant));
}

/** Today's date in England, which is what "today" means on a form or a due date. */
const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

export function ukDate(now: Date): string {
  return UK_DATE.format(now);
}

/** Minutes England is ahead of UTC at an instant (0 in winter, 60 in summer time). */
function londonOffsetMinutes(at: Date): number {
  const parts = UK_WALL_CLOCK.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of a date and 'HH:MM' time on the clock in England (meetings are booked in UK time). */
export function ukLocalToInstant(date: string, time: string): Date {
  const [h, m] = time.split(':').map(Number);
  const wall = toUtc(date).getTime() + (h * 60 + m) * 60_000;
  // The offset at the guessed instant can differ from the one at the real instant near a clock change.
  const first = wall - londonOffsetMinutes(new Date(wall)) * 60_000;
  return new Date(wall - londonOffsetMinutes(new Date(first)) * 60_000);
}
