// The episodes parser splits lines without quotes itself and gives every other line to csv-parse.
// This checks the shortcut reads every line exactly as csv-parse does (fields, trimming, errors).
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { splitCsvLine } from '../../../src/domain/ssda903/episodes';

/** What the parser did for every line before the shortcut: one csv-parse call per line. */
function byCsvParse(line: string): string[] | string {
  try {
    const records = parse(line, { relax_column_count: true }) as string[][];
    return (records[0] ?? []).map((field) => field.trim());
  } catch (error) {
    return `could not be read as CSV (${(error as Error).message})`;
  }
}

// Characters that matter to CSV or to trimming, a byte order mark, a NUL, non-ASCII text, a
// surrogate pair and lone surrogates. No line breaks: the parser splits lines before this.
const unit = fc.constantFrom(
  ',',
  ',',
  ' ',
  '\t',
  '\v',
  '\f',
  '\u00a0',
  '"',
  "'",
  '#',
  '\\',
  ';',
  '\u0000',
  '\ufeff',
  '\u2028',
  'é',
  '😀',
  '\ud800',
  '\udc00',
  'A',
  'b',
  '1',
  '/',
  '-',
  'C2',
);

describe('splitCsvLine', () => {
  test('reads any line as csv-parse does', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (line) => {
        expect(splitCsvLine(line)).toEqual(byCsvParse(line));
      }),
      { numRuns: 5000 },
    );
  });

  test('typical return lines, quoted and not', () => {
    for (const line of ['C1,01/04/2020,S,C2,N1,U4,PR1,,,', ' C1 , 01/04/2020 ,S', '"C1","01/04/2020","S"', 'C1,"a, b",S', 'C1,"01/04/2020,S', ',,,', 'a,b"c']) {
      expect(splitCsvLine(line)).toEqual(byCsvParse(line));
    }
  });
});
