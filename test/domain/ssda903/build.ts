// Small hand-made episode histories for the specification tests.
import { RneCode } from '../../../src/domain/ssda903/codes';
import { Episode } from '../../../src/domain/ssda903/episodes';

/** [DECOM, RNE, PLACE, DEC (null = open), LS (default C2)] */
export type Row = [decom: string, rne: RneCode, place: string, dec: string | null, ls?: string];

/** One child's episodes from compact rows; dates are YYYY-MM-DD. */
export function history(child: string, rows: Row[]): Episode[] {
  return rows.map(([decom, rne, place, dec, ls = 'C2'], i) => ({
    child,
    decom,
    rne,
    ls,
    cin: 'N1',
    place,
    placeProvider: 'PR1',
    dec,
    rec: dec === null ? null : 'X1',
    reasonPlaceChange: null,
    source: { file: `${child}.csv`, line: i + 2 },
  }));
}

/**
 * A child in care since 1 January 2019 (RNE S) who then moves (RNE P) on each given date; the
 * last placement is still open. Handy for window and threshold tests.
 */
export function childWithMovesOn(child: string, moveDates: string[], ls = 'C2'): Episode[] {
  const starts = ['2019-01-01', ...moveDates];
  return history(
    child,
    starts.map((decom, i): Row => [decom, i === 0 ? 'S' : 'P', 'U4', starts[i + 1] ?? null, ls]),
  );
}
