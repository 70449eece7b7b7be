// When a weekly schedule ("weekdays at 08:00, UK time") was last due. Pure: "now" is passed in.

import { ukLocalToInstant, ukWallClock } from './ukTime';

export const WEEKDAYS = [1, 2, 3, 4, 5];

export interface WeeklySchedule {
  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  days: number[];
  /** Local time, 'HH:MM', in Europe/London. */
  time: string;
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
  // Compared as instants, so a time in the spring gap or the autumn overlap is due when
  // ukLocalToInstant says it is (see ukTime.ts), not when a wall-clock string sorts after it.
  let date = ukWallClock(now).date;
  for (let i = 0; i <= 7; i++) {
    if (schedule.days.includes(isoWeekday(date)) && ukLocalToInstant(date, schedule.time).getTime() <= now.getTime()) return date;
    date = previousDate(date);
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
