// The SSDA903 CHILD id check (src/domain/ssda903/ids.ts) and the line-wise CSV reader the imports share.
import { readCsvTable } from '../../../src/domain/csvLines';
import { childIdProblem, parseEpisodesCsv } from '../../../src/domain/ssda903';

describe('childIdProblem', () => {
  test.each(['1', '92150', 'ABCDEFGHIJ', 'CR-1001', 'a1-b2-c3'])('%j is a CHILD id', (id) => {
    expect(childIdProblem(id)).toBeNull();
  });
  test.each(['12345678901', '-1001', 'CR-', 'CR 1001', 'CR_1001', 'José', '=HYPERLINK(1)', '\u0000', 'x'.repeat(5000)])('%j is not', (id) => {
    expect(childIdProblem(id)).toMatch(/^CHILD ".*" (is longer than 10 characters|may hold only letters, digits and a hyphen between them)$/);
  });
  test('a long id is cut short in the message', () => {
    expect(childIdProblem('x'.repeat(5000))!.length).toBeLessThan(80);
  });
  test('parseEpisodesCsv reports the row and keeps the others', () => {
    const parsed = parseEpisodesCsv('CHILD,DECOM,RNE\nGOOD1,01/04/2020,S\nNOT GOOD,01/04/2020,S\nGOOD2,01/04/2020,S\n', 'r.csv');
    expect(parsed.episodes.map((e) => e.child)).toEqual(['GOOD1', 'GOOD2']);
    expect(parsed.problems).toEqual([{ file: 'r.csv', line: 3, reason: 'CHILD "NOT GOOD" may hold only letters, digits and a hyphen between them' }]);
  });
});

describe('readCsvTable', () => {
  test('a stray quote spoils its own line only; the lines after it are read with their numbers', () => {
    const table = readCsvTable('\uFEFFa, b ,c\r\n1,2,3\n"4,5,6\n\n7,"8,8",9\n10\n,,\n');
    expect(table.rows).toEqual([
      { line: 2, row: { a: '1', b: '2', c: '3' } },
      { line: 5, row: { a: '7', b: '8,8', c: '9' } },
      { line: 6, row: { a: '10' } },
    ]);
    expect(table.problems).toEqual([{ line: 3, reason: expect.stringMatching(/^could not be read as CSV/) }]);
  });
  test('no header: one problem', () => {
    expect(readCsvTable('\n\n')).toEqual({ rows: [], problems: [{ line: 1, reason: 'the file is empty: no header row' }] });
  });
});
