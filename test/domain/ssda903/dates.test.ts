import { isIsoDate, monthEndsUpTo, parseReportedDate, sameDateYearBefore } from '../../../src/domain/ssda903/dates';

describe('dates on YYYY-MM-DD strings (no time zones involved)', () => {
  test.each([
    ['09/04/2017', '2017-04-09'],
    ['9/4/2017', '2017-04-09'],
    ['2017-04-09', '2017-04-09'],
    [' 29/02/2020 ', '2020-02-29'],
    ['29/02/2000', '2000-02-29'],
    ['29/02/2023', null],
    ['29/02/1900', null],
    ['31/04/2021', null],
    ['00/01/2021', null],
    ['12/13/2021', null],
    ['2021-02-30', null],
    ['2021/03/01', null],
    ['01-03-2021', null],
    ['', null],
    ['tomorrow', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseReportedDate(text)).toBe(expected);
  });

  test('isIsoDate accepts only real calendar dates in YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-29')).toBe(false);
  });

  test.each([
    ['2021-03-31', '2020-03-31'],
    ['2024-03-01', '2023-03-01'],
    // 29 February has no same date in a common year: 28 February is used (rule 5 comment in dates.ts)
    ['2024-02-29', '2023-02-28'],
    ['2025-02-28', '2024-02-28'],
  ])('the same calendar date a year before %s is %s', (date, expected) => {
    expect(sameDateYearBefore(date)).toBe(expected);
  });

  test('month ends up to a date: it is included when it is a month end, oldest first', () => {
    expect(monthEndsUpTo('2021-03-31', 3)).toEqual(['2021-01-31', '2021-02-28', '2021-03-31']);
    expect(monthEndsUpTo('2021-03-30', 3)).toEqual(['2020-12-31', '2021-01-31', '2021-02-28']);
    expect(monthEndsUpTo('2024-03-15', 2)).toEqual(['2024-01-31', '2024-02-29']);
  });
});
