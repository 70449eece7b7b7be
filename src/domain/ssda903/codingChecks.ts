// MOVE-7: every move is coded correctly, and a wrong or unclear code is flagged at once. These
// checks read one child's episodes in DECOM order and list what a manager or the Performance Team
// would send back, each with the child, the episode (its DECOM) and a plain message. Rules from
// DOMAIN.md "SSDA903": REASON_PLACE_CHANGE is recorded on the episode that ends, required when the
// next episode's RNE is P, B, T or U unless either episode is temporary (T0-T4), blank otherwise.

import { CodeList, LS, PLACE, PLACE_PROVIDER, REASON_PLACE_CHANGE, REC, RNE, isTemporaryPlacement } from './codes';
import { IsoDate } from './dates';
import { Episode, SourceRef, episodesByChild } from './episodes';

export type CodingCheck = 'reason-missing' | 'reason-not-blank' | 'unknown-code' | 'reason-other' | 'temporary-no-return' | 'continuation-date';

export const CODING_CHECK_LABELS: Record<CodingCheck, string> = {
  'reason-missing': 'Reason for placement change missing',
  'reason-not-blank': 'Reason for placement change given where it must be blank',
  'unknown-code': 'Unknown code',
  'reason-other': 'OTHER used as the reason (exceptional cases only)',
  'temporary-no-return': 'Temporary placement not followed by a return to the same placement type',
  'continuation-date': 'Continuation episode not starting on the previous end date',
};

export interface CodingProblem {
  child: string;
  /** DECOM of the episode to correct. */
  decom: IsoDate;
  check: CodingCheck;
  /** The column concerned, for unknown codes (one problem per column). */
  field: string | null;
  message: string;
  source: SourceRef;
}

/** A stable key per problem (child, episode, check and column): one task per key, however often the checks run. */
export function codingProblemKey(problem: Pick<CodingProblem, 'child' | 'decom' | 'check' | 'field'>): string {
  return `${problem.child}:${problem.decom}:${problem.check}${problem.field ? `:${problem.field}` : ''}`;
}

/** Episodes starting with these RNE codes are a change of placement (the reason is then required). */
const PLACEMENT_CHANGE_RNE = new Set(['P', 'B', 'T', 'U']);

/** The coded columns and their lists. RNE is here too, though a row with an unknown RNE is not imported at all. */
const CODED_COLUMNS: Array<[field: string, list: CodeList, value: (e: Episode) => string | null]> = [
  ['RNE', RNE, (e) => e.rne],
  ['LS', LS, (e) => e.ls],
  ['PLACE', PLACE, (e) => e.place],
  ['PLACE_PROVIDER', PLACE_PROVIDER, (e) => e.placeProvider],
  ['REC', REC, (e) => e.rec],
  ['REASON_PLACE_CHANGE', REASON_PLACE_CHANGE, (e) => e.reasonPlaceChange],
];

/** Every problem in a set of episodes (any number of children), by child (code-unit order) then DECOM. */
export function codingProblems(episodes: readonly Episode[]): CodingProblem[] {
  const byChild = episodesByChild(episodes);
  return [...byChild.keys()].sort().flatMap((child) => codingProblemsOfChild(byChild.get(child)!));
}

/** The problems in one child's episodes (ordered here by DECOM, whatever the input order). */
export function codingProblemsOfChild(episodesOfOneChild: readonly Episode[]): CodingProblem[] {
  const episodes = [...episodesOfOneChild].sort((a, b) => (a.decom < b.decom ? -1 : a.decom > b.decom ? 1 : 0));
  const problems: CodingProblem[] = [];
  const flag = (episode: Episode, check: CodingCheck, message: string, field: string | null = null) =>
    problems.push({ child: episode.child, decom: episode.decom, check, field, message, source: episode.source });

  episodes.forEach((episode, i) => {
    const next: Episode | undefined = episodes[i + 1];
    const started = `The episode from ${ddmmyyyy(episode.decom)}`;

    for (const [field, list, value] of CODED_COLUMNS) {
      const code = value(episode);
      if (code !== null && !Object.hasOwn(list, code)) {
        flag(episode, 'unknown-code', `${started} has ${field} "${code}", which is not an SSDA903 code: correct it, or flag it if the right code is unavailable.`, field);
      }
    }

    const reason = episode.reasonPlaceChange;
    const blankBecause = reasonMustBeBlankBecause(episode, next);
    if (blankBecause === null) {
      if (reason === null) {
        flag(episode, 'reason-missing', `${started} ends in a change of placement (${describeNext(next!)}) but has no reason for the placement change (REASON_PLACE_CHANGE).`);
      } else if (reason === 'OTHER') {
        flag(
          episode,
          'reason-other',
          `${started} gives OTHER as the reason for the placement change: OTHER is for exceptional cases only; use the reason that fits, or record why none does.`,
        );
      }
    } else if (reason !== null && blankBecause !== 'unknown') {
      flag(episode, 'reason-not-blank', `${started} has reason for placement change ${reason}, but it must be blank: ${blankBecause}.`);
    }

    // A temporary placement (hospital, holiday, respite of 7 days or less) is an interruption, not a
    // move: the child goes back to the placement type they were in before it.
    if (isTemporaryPlacement(episode.place) && next && !isTemporaryPlacement(next.place) && next.rne !== 'S') {
      const before = lastPlacementBefore(episodes, i);
      if (before && next.place !== before.place) {
        flag(
          episode,
          'temporary-no-return',
          `After the temporary placement (${episode.place}) from ${ddmmyyyy(episode.decom)} the child went to ${next.place ?? 'no recorded placement'} from ${ddmmyyyy(next.decom)}, but was in ${before.place} before it: a temporary placement is followed by a return to the same placement type, otherwise code the change as a placement move.`,
        );
      }
    }

    // REC X1: "a new episode follows the same day". The episode that follows must start on that day.
    if (episode.rec === 'X1' && episode.dec !== null && next && next.decom !== episode.dec) {
      flag(
        next,
        'continuation-date',
        `The episode from ${ddmmyyyy(next.decom)} follows one that ended on ${ddmmyyyy(episode.dec)} with REC X1 (a new episode the same day), so it should start on ${ddmmyyyy(episode.dec)}.`,
      );
    }
  });
  return problems;
}

/**
 * Why the reason for placement change must be blank on `episode`; null when it is required, and
 * 'unknown' when the data cannot tell (the episode ended with X1 but the next episode is not in the
 * returns we hold, for instance because it falls in a later year).
 */
function reasonMustBeBlankBecause(episode: Episode, next: Episode | undefined): string | null {
  if (isTemporaryPlacement(episode.place)) return `the episode is a temporary placement (${episode.place})`;
  if (next === undefined) {
    if (episode.dec === null) return 'the episode is still open';
    if (episode.rec !== null && episode.rec !== 'X1') return `the episode ended the period of care (REC ${episode.rec})`;
    return 'unknown';
  }
  if (isTemporaryPlacement(next.place)) return `the next episode, from ${ddmmyyyy(next.decom)}, is a temporary placement (${next.place})`;
  if (!PLACEMENT_CHANGE_RNE.has(next.rne)) return `the next episode, from ${ddmmyyyy(next.decom)}, is not a change of placement (${describeRne(next.rne)})`;
  return null;
}

/** The episode before the run of temporary episodes that ends at index `i`; none when the run begins the period of care. */
function lastPlacementBefore(episodes: Episode[], i: number): Episode | null {
  let j = i;
  while (j >= 0 && isTemporaryPlacement(episodes[j].place)) {
    if (episodes[j].rne === 'S') return null; // the child came into care in the temporary placement
    j--;
  }
  return j >= 0 ? episodes[j] : null;
}

function describeNext(next: Episode): string {
  return `the next episode, from ${ddmmyyyy(next.decom)}, has ${describeRne(next.rne)}`;
}

/** Short forms of the RNE labels, to keep messages to one line. */
const RNE_IN_SHORT: Record<string, string> = {
  S: 'started to be looked after',
  L: 'change of legal status only',
  P: 'change of placement and carer',
  T: 'change of placement, same carer',
  B: 'change of legal status and of placement and carer',
  U: 'change of legal status and of placement, same carer',
};

function describeRne(rne: string): string {
  return RNE_IN_SHORT[rne] ? `RNE ${rne}: ${RNE_IN_SHORT[rne]}` : `RNE ${rne}`;
}

/** 31/03/2021: the form the case system and the return use. */
function ddmmyyyy(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
