// When a weekly schedule ("weekdays at 08:00, UK time") was last due. Pure: "now" is passed in.

export const UK_TIME_ZONE = 'Europe/London';
export const WEEKDAYS = [1, 2, 3, 4, 5];

export interface WeeklySchedule {
  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  days: number[];
  /** Local time, 'HH:MM', in Europe/London. */
  time: string;
}

/** Built once: a formatter costs far more to build than to use. */
const UK_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The date, ISO weekday and 'HH:MM' of an instant in England. */
export function ukClock(now: Date): { date: string; weekday: number; time: string } {
  const parts = Object.fromEntries(UK_CLOCK.formatToParts(now).map((p) => [p.type, p.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${parts.hour}:${parts.minute}` };
}

function previousDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The UK date of the latest scheduled occurrence at or before `now`, looking back at most a week;
 * null when the schedule has no days. A bot that was down for days therefore owes one digest (the
 * latest), not one for every day it missed.
 */
export function latestOccurrence(schedule: WeeklySchedule, now: Date): string | null {
  if (schedule.days.length === 0) return null;
  const clock = ukClock(now);
  let date = clock.date;
  if (schedule.days.includes(clock.weekday) && clock.time >= schedule.time) return date;
  for (let i = 0; i < 7; i++) {
    date = previousDate(date);
    if (schedule.days.includes(isoWeekday(date))) return date;
  }
  return null;
}

/** The occurrence before `date` (for "since the last digest"). */
export function previousOccurrence(schedule: WeeklySchedule, date: string): string | null {
  let d = date;
  for (let i = 0; i < 7; i++) {
    d = previousDate(d);
    if (schedule.days.includes(isoWeekday(d))) return d;
  }
  return null;
}

/** The instant of a UK local date and time (handles GMT and BST). */
export function ukInstant(date: string, time: string): Date {
  // Start from the time as if it were UTC, then correct by the UK offset at that moment.
  const guess = new Date(`${date}T${time}:00Z`);
  const shown = ukClock(guess);
  const offsetMinutes =
    (Date.parse(`${shown.date}T${shown.time}:00Z`) - guess.getTime()) / 60_000;
  return new Date(guess.getTime() - offsetMinutes * 60_000);
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function describeSchedule(schedule: WeeklySchedule): string {
  const days = schedule.days.join(',') === WEEKDAYS.join(',') ? 'weekdays' : schedule.days.map((d) => DAY_NAMES[d - 1]).join(', ');
  return `${days} at ${schedule.time} (UK time)`;
}

/** Parses "weekdays 08:00", "mon,wed 07:30", "daily 9:00". Returns null when it cannot. */
export function parseSchedule(text: string): WeeklySchedule | null {
  const m = /^\s*(weekdays|daily|every ?day|[a-z]{3}(?:\s*,\s*[a-z]{3})*)\s+(?:at\s+)?(\d{1,2})[:.](\d{2})\s*$/i.exec(text);
  if (!m) return null;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (hour > 23 || minute > 59) return null;
  const word = m[1].toLowerCase();
  let days: number[];
  if (word === 'weekdays') days = WEEKDAYS;
  else if (word.replace(' ', '') === 'daily' || word.replace(' ', '') === 'everyday') days = [1, 2, 3, 4, 5, 6, 7];
  else {
    days = word.split(',').map((d) => DAY_NAMES.map((n) => n.toLowerCase()).indexOf(d.trim()) + 1);
    if (days.some((d) => d === 0)) return null;
    days = [...new Set(days)].sort();
  }
  return { days, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}
