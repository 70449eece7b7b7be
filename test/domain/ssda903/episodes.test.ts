import { Episode, formatProblem, mergeEpisodeSets, parseEpisodesCsv } from '../../../src/domain/ssda903/episodes';

const HEADER = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';

describe('parseEpisodesCsv: reading an episodes file', () => {
  test('reads a row into an Episode with its file and line, dates as YYYY-MM-DD and blanks as null', () => {
    const text = `${HEADER}\n296227,11/09/2017,S,C1,N2,U5,PR4,13/09/2017,X1,PLACE,C13 6WC,C26 9VP,9961998\n296227,13/09/2017,P,C1,N2,U4,PR1,,X1,,B12 2KE,S19 8BX,3013387\n`;
    const { episodes, problems } = parseEpisodesCsv(text, '2017-episodes.csv');
    expect(problems).toEqual([]);
    expect(episodes).toEqual<Episode[]>([
      {
        child: '296227',
        decom: '2017-09-11',
        rne: 'S',
        ls: 'C1',
        cin: 'N2',
        place: 'U5',
        placeProvider: 'PR4',
        dec: '2017-09-13',
        rec: 'X1',
        reasonPlaceChange: 'PLACE',
        source: { file: '2017-episodes.csv', line: 2 },
      },
      {
        child: '296227',
        decom: '2017-09-13',
        rne: 'P',
        ls: 'C1',
        cin: 'N2',
        place: 'U4',
        placeProvider: 'PR1',
        dec: null,
        rec: 'X1',
        reasonPlaceChange: null,
        source: { file: '2017-episodes.csv', line: 3 },
      },
    ]);
  });

  test('tolerates a byte order mark, Windows line ends, ISO dates, lower case codes, spaces and any column order', () => {
    const text = '\uFEFFdecom , Child,rne,PLACE,DEC\r\n2020-01-05, A1 ,p,u4,31/01/2020\r\n';
    const { episodes, problems } = parseEpisodesCsv(text, 'x.csv');
    expect(problems).toEqual([]);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ child: 'A1', decom: '2020-01-05', rne: 'P', place: 'U4', dec: '2020-01-31', ls: null });
  });

  // "Rows that cannot be read (no CHILD, no valid DECOM, unknown RNE) are reported with their
  // file and line and left out; they never stop the import."
  test('reports unreadable rows with file and line (header = line 1, blank lines counted) and keeps the rest', () => {
    const lines = [
      HEADER, //                                                     line 1
      'A,01/04/2020,S,C2,N1,U4,PR1,,,,,,', //                          2 good
      ',01/04/2020,S,C2,N1,U4,PR1,,,,,,', //                           3 no CHILD
      'B,,S,C2,N1,U4,PR1,,,,,,', //                                    4 no DECOM
      'C,31/02/2020,S,C2,N1,U4,PR1,,,,,,', //                          5 not a real date
      'D,2020-13-01,S,C2,N1,U4,PR1,,,,,,', //                          6 not a real date
      'E,01/04/2020,X,C2,N1,U4,PR1,,,,,,', //                          7 unknown RNE
      'F,01/04/2020,,C2,N1,U4,PR1,,,,,,', //                           8 no RNE
      '', //                                                           9 blank: skipped silently
      'G,01/04/2020,S,C2,N1,U4,PR1,never,E8,,,,', //                   10 DEC not a date
      'H,01/04/2020,S,C2,N1,U4,PR1,01/03/2020,E8,,,,', //              11 DEC before DECOM
      'I,01/04/2020,"S,C2,N1', //                                      12 broken quoting
      ',,,,,,,,,,,,', //                                               13 empty cells: not a row
      'J,01/04/2020,S', //                                             14 short row: good
    ];
    const { episodes, problems } = parseEpisodesCsv(lines.join('\n'), '2020-episodes.csv');

    expect(episodes.map((e) => `${e.child}@${e.source.line}`)).toEqual(['A@2', 'J@14']);
    expect(problems.map((p) => [p.file, p.line])).toEqual([3, 4, 5, 6, 7, 8, 10, 11, 12].map((line) => ['2020-episodes.csv', line]));
    expect(problems.map(formatProblem)).toEqual([
      '2020-episodes.csv:3: no CHILD',
      '2020-episodes.csv:4: no DECOM',
      '2020-episodes.csv:5: DECOM "31/02/2020" is not a valid date (dd/mm/yyyy)',
      '2020-episodes.csv:6: DECOM "2020-13-01" is not a valid date (dd/mm/yyyy)',
      '2020-episodes.csv:7: unknown RNE "X" (expected S, L, P, T, B or U)',
      '2020-episodes.csv:8: no RNE',
      '2020-episodes.csv:10: DEC "never" is not a valid date (dd/mm/yyyy)',
      '2020-episodes.csv:11: DEC 2020-03-01 is before DECOM 2020-04-01',
      expect.stringMatching(/^2020-episodes\.csv:12: could not be read as CSV/),
    ]);
  });

  test('a file without the columns the measure needs is one problem on line 1, not a crash', () => {
    const { episodes, problems } = parseEpisodesCsv('CHILD,SEX,DOB\n1,2,17/12/1999\n', '2017-header.csv');
    expect(episodes).toEqual([]);
    expect(problems).toEqual([{ file: '2017-header.csv', line: 1, reason: 'header has no DECOM, RNE column; no rows were read from this file' }]);
  });

  test('a header that is not valid CSV is one problem, not one per row', () => {
    const { episodes, problems } = parseEpisodesCsv('CHILD,"DECOM,RNE\nA,01/04/2020,S\n', 'broken.csv');
    expect(episodes).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0])).toMatch(/^broken\.csv:1: the header could not be read as CSV .*no rows were read/);
  });

  test('an empty file is reported on line 1', () => {
    expect(parseEpisodesCsv('\n\n', 'empty.csv').problems).toEqual([{ file: 'empty.csv', line: 1, reason: 'the file is empty: no header row' }]);
  });

  test.each([
    ['an empty file', ''],
    ['only a byte order mark and blank lines', '\uFEFF\n\n'],
    ['binary noise', '\u0000\u0001"\u0002,\n\u00ff'],
  ])('never throws: %s', (_, text) => {
    expect(() => parseEpisodesCsv(text, 'odd.csv')).not.toThrow();
    expect(parseEpisodesCsv(text, 'odd.csv').episodes).toEqual([]);
  });
});

describe('mergeEpisodeSets — rule 1: one row per (CHILD, DECOM), the file given last wins', () => {
  const in2017 = parseEpisodesCsv(`${HEADER}\nB,13/09/2017,P,C1,N2,U4,PR1,,X1,,,,\nA,11/09/2017,S,C1,N2,U5,PR4,,X1,,,,\n`, '2017-episodes.csv').episodes;
  const in2018 = parseEpisodesCsv(`${HEADER}\nB,13/09/2017,P,C1,N2,U4,PR1,02/10/2018,X1,,,,\n`, '2018-episodes.csv').episodes;

  test('the later return, which filled in DEC, replaces the earlier open row', () => {
    const merged = mergeEpisodeSets([in2017, in2018]);
    expect(merged.map((e) => [e.child, e.decom, e.dec, e.source.file])).toEqual([
      ['A', '2017-09-11', null, '2017-episodes.csv'],
      ['B', '2017-09-13', '2018-10-02', '2018-episodes.csv'],
    ]);
  });

  test('it is the order of the sets that decides, not the file name', () => {
    const merged = mergeEpisodeSets([in2018, in2017]);
    expect(merged.find((e) => e.child === 'B')).toMatchObject({ dec: null, source: { file: '2017-episodes.csv' } });
  });

  test('output is sorted by child, then DECOM', () => {
    const rows = parseEpisodesCsv(`${HEADER}\nB,02/01/2020,P,,,,,,,,,,\nA,03/01/2020,P,,,,,,,,,,\nB,01/01/2020,S,,,,,,,,,,\nA,01/01/2020,S,,,,,,,,,,\n`, 'f.csv').episodes;
    expect(mergeEpisodeSets([rows]).map((e) => `${e.child} ${e.decom}`)).toEqual(['A 2020-01-01', 'A 2020-01-03', 'B 2020-01-01', 'B 2020-01-02']);
  });
});
