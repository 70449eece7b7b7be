// The stability report: which collection year the national figure is for, and what the report holds.
import { latestYearEndingOn, stabilityReport } from '../../../src/domain/ssda903/report';
import { childWithMovesOn } from './build';

describe('the national year shown on a date: the year ending on the last 31 March on or before it', () => {
  test.each([
    ['2021-03-31', 2021], // the year ends that day
    ['2021-03-30', 2020], // the 2021 year is still running
    ['2021-04-01', 2021],
    ['2021-12-31', 2021],
    ['2022-01-01', 2021],
    ['2024-02-29', 2023],
  ])('on %s: year ending 31 March %i', (at, year) => expect(latestYearEndingOn(at)).toBe(year));

  test('a date that is not a real date is refused', () => {
    expect(() => latestYearEndingOn('2021-02-30')).toThrow(RangeError);
  });
});

test('the report holds the local measure on the date, the national one for that year, and 12 month ends of trend', () => {
  const episodes = [...childWithMovesOn('A', ['2020-06-01', '2020-09-01', '2021-01-10']), ...childWithMovesOn('B', ['2020-10-01', '2021-02-01'])];
  const report = stabilityReport(episodes, '2021-03-31');
  expect(report.local).toMatchObject({ lookedAfter: 2, count: 1, counted: ['A'], atRisk: ['B'], percent: 50 });
  expect(report.national).toMatchObject({ yearEnding: 2021, lookedAfter: 2 });
  expect(report.trend.map((m) => m.at)).toHaveLength(12);
  expect(report.trend[11].at).toBe('2021-03-31');
});
