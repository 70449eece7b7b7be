// Calendar dates as 'YYYY-MM-DD' strings. Pure string and number arithmetic: no Date parsing in
// local time, so a result never depends on the machine's time zone. Two valid IsoDates compare
// correctly with < and >, which is what every counting rule needs.

/** A calendar date written 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month; month is 1-12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Builds an IsoDate, or null when the parts are not a real calendar date (31/02, 29/02 in 2023). */
export function isoDateOf(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a 'YYYY-MM-DD' string that is a real calendar date. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && isoDateOf(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/**
 * Reads a date as case systems export it: dd/mm/yyyy (the SSDA903 layout; a missing leading zero
 * is tolerated) or yyyy-mm-dd. Returns null for anything else, including impossible dates.
 */
export function parseReportedDate(text: string): IsoDate | null {
  // Fast path for the usual dd/mm/yyyy with both leading zeros: the same answer as the patterns below.
  if (text.length === 10 && text.charCodeAt(2) === SLASH && text.charCodeAt(5) === SLASH) {
    const day = twoDigits(text, 0);
    const month = twoDigits(text, 3);
    const century = twoDigits(text, 6);
    const yearInCentury = twoDigits(text, 8);
    if (day >= 0 && month >= 0 && century >= 0 && yearInCentury >= 0) {
      const year = century * 100 + yearInCentury;
      return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}` : null;
    }
  }
  const value = text.trim();
  const uk = UK_DATE.exec(value);
  if (uk) return isoDateOf(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  const iso = ISO_DATE.exec(value);
  if (iso) return isoDateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

const SLASH = 47;
const ZERO = 48;

/** The number written by the two ASCII digits at `at`, or -1 when they are not both digits. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const units = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/** Guards the measures' inputs: a bad reporting date is a programming error, not a data problem. */
export function assertIsoDate(date: string, what: string): void {
  if (!isIsoDate(date)) throw new RangeError(`${what} must be a real date written YYYY-MM-DD, got "${date}"`);
}

function partsOf(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/**
 * The same calendar date one year earlier. 29 February has no such date in a common year, so it
 * maps to 28 February: the 12 months up to 29/02/2024 then start after 28/02/2023, i.e. on
 * 01/03/2023, and a move on 28/02/2023 is not counted (DOMAIN "Counting moves" rule 5).
 */
export function sameDateYearBefore(date: IsoDate): IsoDate {
  const [year, month, day] = partsOf(date);
  const earlier = year - 1;
  return isoDateOf(earlier, month, Math.min(day, daysInMonth(earlier, month))) as IsoDate;
}

/** Last day of a month; month is 1-12. */
export function monthEnd(year: number, month: number): IsoDate {
  return isoDateOf(year, month, daysInMonth(year, month)) as IsoDate;
}

/**
 * The last `count` month ends on or before `at`, oldest first. When `at` is itself a month end it
 * is the last of them; otherwise the list stops at the end of the previous month.
 */
export function monthEndsUpTo(at: IsoDate, count: number): IsoDate[] {
  let [year, month] = partsOf(at);
  if (monthEnd(year, month) > at) [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
  const ends: IsoDate[] = [];
  for (let i = 0; i < count; i++) {
    ends.unshift(monthEnd(year, month));
    [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
  }
  return ends;
}
