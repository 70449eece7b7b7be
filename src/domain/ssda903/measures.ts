// The placement stability measures, exactly as DOMAIN.md "Counting moves" rules 4-7 define them.
// Every function takes its dates as arguments: there is no clock in here.

import { isShortBreakLegalStatus } from './codes';
import { IsoDate, assertIsoDate, isoDateOf, monthEndsUpTo, sameDateYearBefore } from './dates';
import { Episode, episodesByChild } from './episodes';
import { PlacementMove, PlacementSpell, movesInSpells, placementSpells } from './spells';

/** Rule 4: some episode with DECOM <= D and (DEC blank or DEC > D). A child whose care ends on D is not looked after on D. */
export function lookedAfterOn(episodes: readonly Episode[], date: IsoDate): boolean {
  return episodes.some((e) => coversDate(e, date));
}

/**
 * The legal status on D: the LS of the episode that covers D. Should a return hold overlapping
 * episodes, the one that started last is taken as the current record. null when not looked after.
 */
export function legalStatusOn(episodes: readonly Episode[], date: IsoDate): string | null {
  let latest: Episode | null = null;
  for (const e of episodes) if (coversDate(e, date) && (latest === null || e.decom > latest.decom)) latest = e;
  return latest?.ls ?? null;
}

/** Rule 4: looked after on D and not on a short break (V3/V4); these are the children both measures count from. */
export function inMeasuresOn(episodes: readonly Episode[], date: IsoDate): boolean {
  // lookedAfterOn and legalStatusOn in one pass: the episode covering D that started last decides.
  let latest: Episode | null = null;
  for (const e of episodes) if (coversDate(e, date) && (latest === null || e.decom > latest.decom)) latest = e;
  return latest !== null && !isShortBreakLegalStatus(latest.ls);
}

function coversDate(e: Episode, date: IsoDate): boolean {
  return e.decom <= date && (e.dec === null || e.dec > date);
}

/**
 * Rule 5's window: moves with DECOM after the same calendar date a year before D, and on or before
 * D. For D = 29 February the date a year before is taken as 28 February (see sameDateYearBefore).
 */
export function movesInTwelveMonthsTo(moves: readonly PlacementMove[], at: IsoDate): PlacementMove[] {
  const after = sameDateYearBefore(at);
  return moves.filter((m) => m.date > after && m.date <= at);
}

/** How many of `moves` fall in the window (after, at]; `after` is sameDateYearBefore(at), worked out once per date. */
function countMovesInWindow(moves: readonly PlacementMove[], after: IsoDate, at: IsoDate): number {
  let count = 0;
  for (const m of moves) if (m.date > after && m.date <= at) count++;
  return count;
}

/** Percentage to one decimal place, halves rounded up; 0 when nobody is looked after (not NaN). */
export function percentOf(count: number, total: number): number {
  if (total === 0) return 0;
  // Whole-number arithmetic, so 1 of 16 (6.25%) rounds to 6.3 without floating-point surprises.
  return Math.floor((2000 * count + total) / (2 * total)) / 10;
}

export interface LocalMeasure {
  at: IsoDate;
  /** Children looked after on `at`, short breaks (V3/V4) left out. */
  lookedAfter: number;
  /** Of those, children with 3 or more moves in the 12 months up to `at`. */
  count: number;
  percent: number;
  /** The children behind `count`, by id. */
  counted: string[];
  /** Children with exactly 2 moves in the 12 months up to `at`: one more move and they count (rule 7). */
  atRisk: string[];
}

export interface NationalMeasure {
  /** The year ending 31 March of this year. */
  yearEnding: number;
  /** Children looked after on 31 March, short breaks (V3/V4) left out. */
  lookedAfter: number;
  /** Of those, children with 3 or more placement spells overlapping the year. */
  count: number;
  percent: number;
  counted: string[];
}

/** Each child's episodes and spells, worked out once and reused for every date asked about. */
interface ChildHistory {
  child: string;
  episodes: Episode[];
  spells: PlacementSpell[];
  moves: PlacementMove[];
}

function histories(allEpisodes: readonly Episode[]): ChildHistory[] {
  return [...episodesByChild(allEpisodes)].map(([child, episodes]) => {
    const spells = placementSpells(episodes);
    return { child, episodes, spells, moves: movesInSpells(spells) };
  });
}

function localMeasureOf(children: readonly ChildHistory[], at: IsoDate): LocalMeasure {
  const counted: string[] = [];
  const atRisk: string[] = [];
  let lookedAfter = 0;
  const after = sameDateYearBefore(at); // rule 5's window, the same for every child
  for (const history of children) {
    if (!inMeasuresOn(history.episodes, at)) continue; // rule 4
    lookedAfter++;
    const moves = countMovesInWindow(history.moves, after, at);
    if (moves >= 3)
      counted.push(history.child); // rule 5
    else if (moves === 2) atRisk.push(history.child); // rule 7
  }
  return { at, lookedAfter, count: counted.length, percent: percentOf(counted.length, lookedAfter), counted, atRisk };
}

/**
 * Local measure at D (rule 5) with the children at risk (rule 7). Pass every child's episodes,
 * merged from all the returns (mergeEpisodeSets): moves up to a year back may sit in last year's file.
 */
export function localMeasure(allEpisodes: readonly Episode[], at: IsoDate): LocalMeasure {
  assertIsoDate(at, 'The reporting date');
  return localMeasureOf(histories(allEpisodes), at);
}

/**
 * National measure for the year ending 31 March Y (rule 6): of the children looked after on
 * 31 March Y, those with 3 or more spells that overlap 1 April Y-1 to 31 March Y. Every spell
 * counts here, entries to care included: it counts placements, not moves.
 */
export function nationalMeasure(allEpisodes: readonly Episode[], yearEnding: number): NationalMeasure {
  return nationalMeasureOf(() => histories(allEpisodes), yearEnding);
}

/** `children` is called only once the year is known to be valid, so a bad year is refused before any work. */
function nationalMeasureOf(children: () => readonly ChildHistory[], yearEnding: number): NationalMeasure {
  const yearEnd = isoDateOf(yearEnding, 3, 31);
  const yearStart = isoDateOf(yearEnding - 1, 4, 1);
  if (yearEnd === null || yearStart === null) throw new RangeError(`Not a collection year: ${yearEnding}`);

  const counted: string[] = [];
  let lookedAfter = 0;
  for (const history of children()) {
    if (!inMeasuresOn(history.episodes, yearEnd)) continue; // rule 4
    lookedAfter++;
    const spellsInYear = history.spells.filter((s) => s.start <= yearEnd && (s.end === null || s.end >= yearStart));
    if (spellsInYear.length >= 3) counted.push(history.child);
  }
  return { yearEnding, lookedAfter, count: counted.length, percent: percentOf(counted.length, lookedAfter), counted };
}

/** The local measure at each of the last `months` month ends up to `at` (at itself when it is a month end), oldest first. */
export function monthlyTrend(allEpisodes: readonly Episode[], at: IsoDate, months = 12): LocalMeasure[] {
  assertIsoDate(at, 'The reporting date');
  const children = histories(allEpisodes);
  return monthEndsUpTo(at, months).map((monthEnd) => localMeasureOf(children, monthEnd));
}

/**
 * What stabilityReport shows, with each child's spells and moves worked out once for all of it: the
 * local measure at `at`, the national measure for `yearEnding`, and the local measure at each of
 * the last `months` month ends. Same results as localMeasure, nationalMeasure and monthlyTrend.
 */
export function measuresWithTrend(
  allEpisodes: readonly Episode[],
  at: IsoDate,
  yearEnding: number,
  months = 12,
): { local: LocalMeasure; national: NationalMeasure; trend: LocalMeasure[] } {
  assertIsoDate(at, 'The reporting date');
  const children = histories(allEpisodes);
  return {
    local: localMeasureOf(children, at),
    national: nationalMeasureOf(() => children, yearEnding),
    trend: monthEndsUpTo(at, months).map((monthEnd) => localMeasureOf(children, monthEnd)),
  };
}
