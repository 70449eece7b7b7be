// Reading SSDA903 episode rows from the CSV text a case system exports, and combining several
// years' returns into one history. The caller reads the files; nothing here touches the disk.

import { splitCsvLine } from '../csvLines';
import { childIdProblem } from './ids';
import { isKnownRne, RneCode } from './codes';
import { IsoDate, parseReportedDate } from './dates';

/** Where a row came from, so that any count can be traced back to the line of the return. */
export interface SourceRef {
  file: string;
  /** 1-based line number in the file; the header is line 1. */
  line: number;
}

/** One SSDA903 episode: a stretch of care with one legal status and one placement. */
export interface Episode {
  child: string;
  /** Date the episode commenced. */
  decom: IsoDate;
  rne: RneCode;
  ls: string | null;
  cin: string | null;
  place: string | null;
  placeProvider: string | null;
  /** Date the episode ceased; null while it is open. */
  dec: IsoDate | null;
  rec: string | null;
  reasonPlaceChange: string | null;
  source: SourceRef;
}

/** A row that was left out of the import, and why. */
export interface ImportProblem {
  file: string;
  line: number;
  reason: string;
}

export interface ParsedEpisodes {
  episodes: Episode[];
  problems: ImportProblem[];
}

/** "2019-episodes.csv:17: no CHILD": the form people can paste into a ticket. */
export function formatProblem(problem: ImportProblem): string {
  return `${problem.file}:${problem.line}: ${problem.reason}`;
}

const REQUIRED_COLUMNS = ['CHILD', 'DECOM', 'RNE'] as const;

/**
 * Parses one episodes CSV. The first non-blank line is the header (column names are matched
 * without regard to case or surrounding spaces, in any order); a UTF-8 byte order mark is
 * tolerated. Rows that cannot be read — no CHILD or one that is not a CHILD id (ids.ts), no valid
 * DECOM, an unknown RNE, a DEC that is not a date or is before DECOM, or broken CSV quoting — are
 * reported with file and line and left out. It never throws on bad data (DOMAIN "Counting moves", last paragraph).
 */
export function parseEpisodesCsv(text: string, file: string): ParsedEpisodes {
  const episodes: Episode[] = [];
  const problems: ImportProblem[] = [];

  // Each physical line is parsed on its own. SSDA903 fields never contain line breaks, and this
  // way a stray quote spoils only its own line and every problem carries the exact line number.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

  let columns: Map<string, number> | null = null;
  let positions: ColumnPositions | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    if (lines[index].trim() === '') continue; // blank lines (the trailing newline, gaps) carry no row

    const fields = splitCsvLine(lines[index]);
    if (typeof fields === 'string') {
      if (columns !== null) {
        problems.push({ file, line, reason: fields });
        continue;
      }
      // Without a header no row can be read: say so once rather than once per row.
      problems.push({ file, line, reason: `the header ${fields}; no rows were read from this file` });
      return { episodes, problems };
    }

    if (columns === null) {
      columns = new Map(fields.map((name, i) => [name.toUpperCase(), i]));
      const missing = REQUIRED_COLUMNS.filter((name) => !columns!.has(name));
      if (missing.length > 0) {
        const reason = `header has no ${missing.join(', ')} column; no rows were read from this file`;
        problems.push({ file, line, reason });
        break;
      }
      positions = columnPositions(columns);
      continue;
    }

    // A row of empty cells (a spreadsheet's left-over formatting) is not a row of data.
    if (fields.every((f) => f === '')) continue;

    const episode = readEpisodeRow(fields, positions!, { file, line });
    if (typeof episode === 'string') problems.push({ file, line, reason: episode });
    else episodes.push(episode);
  }

  if (columns === null) problems.push({ file, line: 1, reason: 'the file is empty: no header row' });
  return { episodes, problems };
}

// One line at a time (src/domain/csvLines.ts); re-exported for the test that checks it against csv-parse.
export { splitCsvLine };

/** Where each column the rows are read from sits in the line (-1 when the file has no such column). */
interface ColumnPositions {
  child: number;
  decom: number;
  rne: number;
  ls: number;
  cin: number;
  place: number;
  placeProvider: number;
  dec: number;
  rec: number;
  reasonPlaceChange: number;
}

function columnPositions(columns: Map<string, number>): ColumnPositions {
  const at = (name: string): number => columns.get(name) ?? -1;
  return {
    child: at('CHILD'),
    decom: at('DECOM'),
    rne: at('RNE'),
    ls: at('LS'),
    cin: at('CIN'),
    place: at('PLACE'),
    placeProvider: at('PLACE_PROVIDER'),
    dec: at('DEC'),
    rec: at('REC'),
    reasonPlaceChange: at('REASON_PLACE_CHANGE'),
  };
}

/** One data row as an Episode, or the reason it cannot be read. */
function readEpisodeRow(fields: string[], columns: ColumnPositions, source: SourceRef): Episode | string {
  const cell = (i: number): string => (i < 0 ? '' : (fields[i] ?? ''));
  const code = (i: number): string | null => {
    const value = cell(i);
    return value === '' ? null : value.toUpperCase();
  };

  const child = cell(columns.child);
  if (child === '') return 'no CHILD';
  const badChild = childIdProblem(child);
  if (badChild !== null) return badChild;

  const rawDecom = cell(columns.decom);
  const decom = parseReportedDate(rawDecom);
  if (decom === null) return rawDecom === '' ? 'no DECOM' : `DECOM "${rawDecom}" is not a valid date (dd/mm/yyyy)`;

  const rne = code(columns.rne);
  if (!isKnownRne(rne)) return rne === null ? 'no RNE' : `unknown RNE "${cell(columns.rne)}" (expected S, L, P, T, B or U)`;

  // DEC is blank while the episode is open. An unreadable DEC must not be taken for "still open":
  // that would count the child as looked after long after care ended, so the row is left out.
  const rawDec = cell(columns.dec);
  const dec = rawDec === '' ? null : parseReportedDate(rawDec);
  if (rawDec !== '' && dec === null) return `DEC "${rawDec}" is not a valid date (dd/mm/yyyy)`;
  if (dec !== null && dec < decom) return `DEC ${dec} is before DECOM ${decom}`;

  return {
    child,
    decom,
    rne,
    ls: code(columns.ls),
    cin: code(columns.cin),
    place: code(columns.place),
    placeProvider: code(columns.placeProvider),
    dec,
    rec: code(columns.rec),
    reasonPlaceChange: code(columns.reasonPlaceChange),
    source,
  };
}

/**
 * Combines several returns into one history: one episode per (CHILD, DECOM); when a pair appears
 * more than once, the row from the set given last wins, because a later return is more complete
 * (rule 1) — typically it fills in the DEC that was blank at the earlier year end. Within one set a
 * later row beats an earlier one in the same way. Sorted by child, then DECOM.
 */
export function mergeEpisodeSets(sets: Episode[][]): Episode[] {
  const byChildAndStart = new Map<string, Episode>();
  for (const set of sets) {
    for (const episode of set) byChildAndStart.set(`${episode.child}\u0000${episode.decom}`, episode);
  }
  return [...byChildAndStart.values()].sort(compareByChildThenStart);
}

/** Plain code-unit order on the child id (not locale order), then DECOM. */
export function compareByChildThenStart(a: Episode, b: Episode): number {
  if (a.child !== b.child) return a.child < b.child ? -1 : 1;
  if (a.decom !== b.decom) return a.decom < b.decom ? -1 : 1;
  return 0;
}

/** Groups episodes by child, each child's list ordered by DECOM (rule 1). */
export function episodesByChild(episodes: readonly Episode[]): Map<string, Episode[]> {
  const groups = new Map<string, Episode[]>();
  for (const episode of episodes) {
    const list = groups.get(episode.child);
    if (list) list.push(episode);
    else groups.set(episode.child, [episode]);
  }
  for (const list of groups.values()) list.sort(compareByChildThenStart);
  return groups;
}
