// The stability figures a manager asks for on a date, in one object: the local measure with the
// children counted and at risk, the national measure for the latest year ending 31 March, and the
// 12-month trend. Pure: the caller chooses the episodes (a team's, a return's, the store's).

import { IsoDate, assertIsoDate } from './dates';
import { Episode } from './episodes';
import { LocalMeasure, NationalMeasure, measuresWithTrend } from './measures';

export interface StabilityReport {
  at: IsoDate;
  local: LocalMeasure;
  national: NationalMeasure;
  /** The local measure at each of the last 12 month ends up to `at`, oldest first. */
  trend: LocalMeasure[];
}

/**
 * The collection year whose national figure is the latest one available on `at`: the year ending
 * on the last 31 March on or before `at`. On 31 March 2021 that is 2021 itself (the year has just
 * ended); on 30 March 2021 the 2021 year is still running, so it is 2020; on 1 June 2021 it is
 * still 2021 until the next 31 March. The national measure counts children looked after on the
 * year-end date, so a year that has not ended yet cannot be measured.
 */
export function latestYearEndingOn(at: IsoDate): number {
  assertIsoDate(at, 'The reporting date');
  const year = Number(at.slice(0, 4));
  return at.slice(5) >= '03-31' ? year : year - 1;
}

export function stabilityReport(episodes: readonly Episode[], at: IsoDate, trendMonths = 12): StabilityReport {
  // One grouping of the episodes into children, spells and moves serves all three figures.
  const { local, national, trend } = measuresWithTrend(episodes, at, latestYearEndingOn(at), trendMonths);
  return { at, local, national, trend };
}
