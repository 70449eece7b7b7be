// When a weekly schedule in UK time was last due, across GMT and BST.
import { describeSchedule, latestOccurrence, parseSchedule, previousOccurrence, WEEKDAYS } from '../../src/domain/schedule';

const weekdays8 = { days: WEEKDAYS, time: '08:00' };

describe('the latest occurrence of "weekdays at 08:00 UK time"', () => {
  test.each([
    ['Monday 07:59 GMT: not yet, so last Friday', '2026-11-23T07:59:00Z', '2026-11-20'],
    ['Monday 08:00 GMT: today', '2026-11-23T08:00:00Z', '2026-11-23'],
    ["Saturday: Friday's", '2026-11-28T12:00:00Z', '2026-11-27'],
    ['Wednesday 07:30 UTC in summer is 08:30 BST: today', '2026-07-01T07:30:00Z', '2026-07-01'],
    ['Wednesday 06:59 UTC in summer is 07:59 BST: yesterday', '2026-07-01T06:59:00Z', '2026-06-30'],
    ['late Sunday evening UTC in summer is Monday 00:30 BST: last Friday', '2026-06-28T23:30:00Z', '2026-06-26'],
  ])('%s', (_case, now, expected) => {
    expect(latestOccurrence(weekdays8, new Date(now))).toBe(expected);
  });

  test('a schedule with no days never occurs', () => {
    expect(latestOccurrence({ days: [], time: '08:00' }, new Date())).toBeNull();
  });

  test('the occurrence before a Monday is the Friday', () => {
    expect(previousOccurrence(weekdays8, '2026-11-23')).toBe('2026-11-20');
  });
});

describe('a schedule on the nights the clocks change', () => {
  const daily0130 = { days: [1, 2, 3, 4, 5, 6, 7], time: '01:30' };
  test.each([
    // Spring: 01:30 does not exist on 2026-03-29; it is due at 02:30 BST (01:30Z), not before.
    ['spring night, 01:29Z (02:29 BST): not yet, so Saturday', '2026-03-29T01:29:00Z', '2026-03-28'],
    ['spring night, 00:59Z (00:59 GMT, just before the jump): Saturday', '2026-03-29T00:59:00Z', '2026-03-28'],
    ['spring night, 01:30Z (02:30 BST): due', '2026-03-29T01:30:00Z', '2026-03-29'],
    // Autumn: 01:30 happens twice on 2026-10-25; it is due at the first (00:30Z, BST).
    ['autumn night, 00:29Z (01:29 BST): not yet', '2026-10-25T00:29:00Z', '2026-10-24'],
    ['autumn night, 00:30Z (01:30 BST): due', '2026-10-25T00:30:00Z', '2026-10-25'],
    ['autumn night, 01:10Z (01:10 GMT, after the clocks went back): already due', '2026-10-25T01:10:00Z', '2026-10-25'],
    ['autumn night, 01:30Z (01:30 GMT, the second time): the same day, owed once', '2026-10-25T01:30:00Z', '2026-10-25'],
  ])('%s', (_case, now, expected) => {
    expect(latestOccurrence(daily0130, new Date(now))).toBe(expected);
  });
});

describe('reading a schedule someone typed', () => {
  test.each([
    ['weekdays 08:00', { days: [1, 2, 3, 4, 5], time: '08:00' }],
    ['mon,thu 9:30', { days: [1, 4], time: '09:30' }],
    ['daily at 07.45', { days: [1, 2, 3, 4, 5, 6, 7], time: '07:45' }],
    ['fri, mon 10:00', { days: [1, 5], time: '10:00' }],
    ['weekdays 25:00', null],
    ['sometimes 08:00', null],
    ['', null],
  ])('"%s"', (text, expected) => {
    expect(parseSchedule(text)).toEqual(expected);
  });

  test('is described back in words', () => {
    expect(describeSchedule(weekdays8)).toBe('weekdays at 08:00 (UK time)');
    expect(describeSchedule({ days: [1, 4], time: '09:30' })).toBe('Mon, Thu at 09:30 (UK time)');
  });
});
