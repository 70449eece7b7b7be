// The clock in England, in one place. Meetings, digests, reminders and "today" are all in UK local
// time (GMT in winter, BST in summer); the store and calendars want instants. Every conversion
// between the two goes through this module, which rests on luxon's time-zone rules (the IANA
// database that Node's Intl carries) rather than on offset arithmetic of our own.
//
// Twice a year a local time is not one instant:
// - Spring gap (last Sunday of March, 01:00 GMT -> 02:00 BST): 01:00-01:59 does not exist. Such a
//   time means the same wall-clock time after the jump, i.e. it moves on by the gap: 01:30 is
//   02:30 BST (01:30Z). Nothing booked in the gap is dropped or moved earlier than asked.
// - Autumn overlap (last Sunday of October, 02:00 BST -> 01:00 GMT): 01:00-01:59 happens twice.
//   Such a time means the earlier of the two (BST): 01:30 is 00:30Z, so it happens once, at the
//   first time the clock shows it.
// This is the rule of iCalendar (RFC 5545, section 3.3.5) and of Temporal's 'compatible'
// disambiguation, so the .ics invitations and Outlook read a booked time the way the bot does.
import { DateTime } from 'luxon';

export const UK_TIME_ZONE = 'Europe/London';

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The instant of a UK local date ('YYYY-MM-DD') and time ('HH:MM'), by the rule above. */
export function ukLocalToInstant(date: string, time: string): Date {
  const clock = WALL_TIME.exec(time);
  const local = DateTime.fromISO(date, { zone: UK_TIME_ZONE });
  if (!clock || !local.isValid || local.toISODate() !== date) throw new RangeError(`not a UK local date and time: ${date} ${time}`);
  // luxon moves a time in the spring gap forward by the gap (our rule); in the autumn overlap it
  // may pick either instant, so the earliest of the possible offsets is taken explicitly.
  const resolved = local.set({ hour: Number(clock[1]), minute: Number(clock[2]) });
  const earliest = Math.min(...resolved.getPossibleOffsets().map((candidate) => candidate.toMillis()));
  return new Date(earliest);
}

export interface UkWallClock {
  /** 'YYYY-MM-DD' in England. */
  date: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** 'HH:MM', 24-hour. */
  time: string;
}

/** What a clock in England shows at an instant. */
export function ukWallClock(at: Date): UkWallClock {
  const local = new Date(at.getTime() + ukOffsetMinutes(at) * 60_000).toISOString();
  return { date: local.slice(0, 10), weekday: new Date(local.slice(0, 10)).getUTCDay() || 7, time: local.slice(11, 16) };
}

// England's clocks change only on the hour in UTC (01:00Z), so the offset found once for an hour
// holds for all of it; asking luxon (Intl) on every call cost a third of a move submit's own CPU.
const offsetOfUtcHour = new Map<number, number>();
const MOST_HOURS_KEPT = 2_000;

/** Minutes England's clock is ahead of UTC at an instant (0 in winter, 60 in summer), from luxon's zone rules. */
export function ukOffsetMinutes(at: Date): number {
  const hour = Math.floor(at.getTime() / 3_600_000);
  let offset = offsetOfUtcHour.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * 3_600_000, { zone: UK_TIME_ZONE }).offset;
    if (offsetOfUtcHour.size >= MOST_HOURS_KEPT) offsetOfUtcHour.clear();
    offsetOfUtcHour.set(hour, offset);
  }
  return offset;
}

/** Today's date in England, which is what "today" means on a form or a due date. */
export function ukDate(now: Date): string {
  return ukWallClock(now).date;
}

/** An instant as UK local time for people to read, e.g. "23 Nov 2026, 14:05". */
export function formatInstant(instant: string): string {
  // What the bot stores (an ISO instant with its zone) is read from the hour's offset: luxon's
  // parse-and-format cost about 35 µs a call, and a request's card shows several instants.
  if (!STORED_INSTANT.test(instant)) return DateTime.fromISO(instant, { zone: UK_TIME_ZONE, locale: 'en-GB' }).toFormat('d LLL yyyy, HH:mm');
  const at = new Date(instant);
  const local = new Date(at.getTime() + ukOffsetMinutes(at) * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCDate()} ${SHORT_MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()}, ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

const STORED_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
/** The months as an en-GB reader expects them ("Sept", as Intl and luxon write it). */
const SHORT_MONTHS = Array.from({ length: 12 }, (_, month) => new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, month, 15)));
