// UK local time <-> instants (src/domain/ukTime.ts): the one conversion that meetings, digests,
// reminders and "today" rest on, tested on ordinary days and on both nights the clocks change in 2026.
import { DateTime } from 'luxon';
import { formatInstant, UK_TIME_ZONE, ukDate, ukLocalToInstant, ukWallClock } from '../../src/domain/ukTime';

describe('a UK local date and time as an instant', () => {
  test.each([
    ['winter (GMT)', '2026-11-26', '10:00', '2026-11-26T10:00:00.000Z'],
    ['summer (BST)', '2026-07-01', '10:00', '2026-07-01T09:00:00.000Z'],
    ['midnight in winter', '2026-12-01', '00:00', '2026-12-01T00:00:00.000Z'],
    ['just before midnight in summer', '2026-06-30', '23:45', '2026-06-30T22:45:00.000Z'],
    ['spring night, before the gap (00:30 GMT)', '2026-03-29', '00:30', '2026-03-29T00:30:00.000Z'],
    ['spring night, after the gap (09:30 BST)', '2026-03-29', '09:30', '2026-03-29T08:30:00.000Z'],
    ['autumn night, before the overlap (00:30 BST)', '2026-10-25', '00:30', '2026-10-24T23:30:00.000Z'],
    ['autumn night, after the overlap (14:00 GMT)', '2026-10-25', '14:00', '2026-10-25T14:00:00.000Z'],
  ])('%s: %s %s is %s', (_when, date, time, instant) => {
    expect(ukLocalToInstant(date, time).toISOString()).toBe(instant);
  });

  test('UK-TIME spring gap: a time that does not exist (01:00-01:59 on 2026-03-29) is the same wall-clock time after the jump', () => {
    expect(ukLocalToInstant('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(ukLocalToInstant('2026-03-29', '01:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(ukLocalToInstant('2026-03-29', '01:59').toISOString()).toBe('2026-03-29T01:59:00.000Z');
    expect(ukWallClock(ukLocalToInstant('2026-03-29', '01:30'))).toEqual({ date: '2026-03-29', weekday: 7, time: '02:30' });
  });

  test('UK-TIME autumn overlap: a time that happens twice (01:00-01:59 on 2026-10-25) is the earlier, in BST', () => {
    expect(ukLocalToInstant('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(ukLocalToInstant('2026-10-25', '01:00').toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(ukLocalToInstant('2026-10-25', '01:59').toISOString()).toBe('2026-10-25T00:59:00.000Z');
    // the hour after the overlap is unambiguous again
    expect(ukLocalToInstant('2026-10-25', '02:00').toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  test('every minute of both nights gives an instant that shows the asked time, or the time an hour on in the gap', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      for (let minutes = 0; minutes < 24 * 60; minutes++) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const shown = ukWallClock(ukLocalToInstant(date, time));
        const inGap = date === '2026-03-29' && time >= '01:00' && time < '02:00';
        expect(shown).toMatchObject({ date, time: inGap ? `02:${time.slice(3)}` : time });
      }
    }
  });

  test('a date or time that is not one is refused', () => {
    expect(() => ukLocalToInstant('2026-02-30', '10:00')).toThrow(RangeError);
    expect(() => ukLocalToInstant('2026-11-26', '24:00')).toThrow(RangeError);
    expect(() => ukLocalToInstant('2026-11-26', '9:00')).toThrow(RangeError);
  });
});

describe('what a clock in England shows', () => {
  test.each([
    ['winter', '2026-11-23T07:59:00Z', { date: '2026-11-23', weekday: 1, time: '07:59' }],
    ['summer, late Sunday UTC is Monday in England', '2026-06-28T23:30:00Z', { date: '2026-06-29', weekday: 1, time: '00:30' }],
    ['spring night, just before the jump', '2026-03-29T00:59:00Z', { date: '2026-03-29', weekday: 7, time: '00:59' }],
    ['spring night, at the jump', '2026-03-29T01:00:00Z', { date: '2026-03-29', weekday: 7, time: '02:00' }],
    ['autumn night, the first 01:30 (BST)', '2026-10-25T00:30:00Z', { date: '2026-10-25', weekday: 7, time: '01:30' }],
    ['autumn night, the second 01:30 (GMT)', '2026-10-25T01:30:00Z', { date: '2026-10-25', weekday: 7, time: '01:30' }],
  ])('%s', (_when, at, clock) => {
    expect(ukWallClock(new Date(at))).toEqual(clock);
  });

  test('the clock read from the offset of each UTC hour agrees with the time-zone rules at every 59th minute of 2026 and 2027, and far from today', () => {
    const byZoneRules = (at: Date) => {
      const local = DateTime.fromJSDate(at, { zone: UK_TIME_ZONE });
      return { date: local.toISODate(), weekday: local.weekday, time: local.toFormat('HH:mm') };
    };
    const disagreements: string[] = [];
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2028-01-01T00:00:00Z'); t += 59 * 60_000) {
      const at = new Date(t);
      if (JSON.stringify(ukWallClock(at)) !== JSON.stringify(byZoneRules(at))) disagreements.push(at.toISOString());
    }
    for (const at of ['1970-01-01T00:00:00Z', '1996-10-27T00:59:59Z', '1996-10-27T01:00:00Z', '2099-03-29T01:00:00Z', '2099-03-29T00:59:59Z']) {
      if (JSON.stringify(ukWallClock(new Date(at))) !== JSON.stringify(byZoneRules(new Date(at)))) disagreements.push(at);
    }
    expect(disagreements).toEqual([]);
  });

  test('an instant that is not a time is refused, not read as a date', () => {
    expect(() => ukWallClock(new Date('not a date'))).toThrow(RangeError);
  });

  test('an instant is shown as the time-zone rules show it, every 7th hour and 13th minute of 2026 and 2027 and across both clock changes', () => {
    const byTheRules = (instant: string) => DateTime.fromISO(instant, { zone: UK_TIME_ZONE, locale: 'en-GB' }).toFormat('d LLL yyyy, HH:mm');
    const instants: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 7 * 3_600_000 + 13 * 60_000) instants.push(new Date(t).toISOString());
    for (const night of ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'])
      for (let minute = 0; minute < 180; minute += 1) instants.push(new Date(Date.parse(`${night}T00:00:00Z`) + minute * 60_000).toISOString());
    instants.push('2026-09-03T10:00:00Z', '2026-06-30T23:30:00+02:00', '2026-12-31T23:59:59.999Z');
    for (const instant of instants) expect(formatInstant(instant)).toBe(byTheRules(instant));
    expect(formatInstant('2026-09-03T10:00:00Z')).toBe('3 Sept 2026, 11:00');
  });

  test('a value that is not a stored instant is read as luxon reads it (a date alone is midnight in England)', () => {
    expect(formatInstant('2026-01-05')).toBe('5 Jan 2026, 00:00');
    expect(formatInstant('not a time')).toBe('Invalid DateTime');
  });

  test('"today" is the date in England, and instants read as UK time', () => {
    expect(ukDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(ukDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
    expect(formatInstant('2026-11-23T14:05:00Z')).toBe('23 Nov 2026, 14:05');
    expect(formatInstant('2026-07-01T09:00:00.000Z')).toBe('1 Jul 2026, 10:00');
  });
});
