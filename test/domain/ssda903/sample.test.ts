// The counting rules over the synthetic SSDA903 sample (test/fixtures): five years of returns (2017-2021).
import * as fs from 'fs';
import * as path from 'path';
import { Episode, formatProblem, mergeEpisodeSets, parseEpisodesCsv } from '../../../src/domain/ssda903/episodes';
import { legalStatusOn, localMeasure, lookedAfterOn, monthlyTrend, nationalMeasure } from '../../../src/domain/ssda903/measures';
import { placementSpells } from '../../../src/domain/ssda903/spells';
import { SSDA903_SAMPLE } from '../../support/fixtures';

const SAMPLE_DIR = SSDA903_SAMPLE;
const YEARS = [2017, 2018, 2019, 2020, 2021];
const fileOf = (year: number) => `${year}-episodes.csv`;
const textOf = (year: number) => fs.readFileSync(path.join(SAMPLE_DIR, fileOf(year)), 'utf8');

// Rule 1: the returns are given in year order, so the later return wins.
const parsed = YEARS.map((year) => parseEpisodesCsv(textOf(year), fileOf(year)));
const episodes = mergeEpisodeSets(parsed.map((p) => p.episodes));
const byChild = new Map<string, Episode[]>();
for (const e of episodes) byChild.set(e.child, [...(byChild.get(e.child) ?? []), e]);

describe('the SSDA903 sample (synthetic, five returns)', () => {
  test('imports without throwing; every row of the sample can be read', () => {
    expect(parsed.map((p) => p.episodes.length)).toEqual([1460, 974, 648, 402, 253]); // lines minus header
    // The sample's imperfect rows are all readable (see the next block); unreadable ones are
    // exercised below and in episodes.test.ts.
    expect(parsed.flatMap((p) => p.problems)).toEqual([]);
  });

  test('unreadable rows in a real return are reported as file:line and the rest still loads', () => {
    const lines = textOf(2021).split('\n');
    lines[4] = lines[4].replace(/^[^,]*/, ''); //                      line 5: CHILD removed
    lines[9] = lines[9].replace(/^([^,]*),[^,]*/, '$1,31/02/2021'); // line 10: impossible DECOM
    lines[19] = lines[19].replace(/^([^,]*,[^,]*),[^,]*/, '$1,Q'); //  line 20: unknown RNE
    const { episodes: read, problems } = parseEpisodesCsv(lines.join('\n'), '2021-episodes.csv');
    expect(read).toHaveLength(253 - 3);
    expect(problems.map(formatProblem)).toEqual([
      '2021-episodes.csv:5: no CHILD',
      '2021-episodes.csv:10: DECOM "31/02/2021" is not a valid date (dd/mm/yyyy)',
      '2021-episodes.csv:20: unknown RNE "Q" (expected S, L, P, T, B or U)',
    ]);
  });

  describe('its imperfect rows, and how the rules treat them', () => {
    test('910 episodes appear in two returns, open in the first and closed in the later: the later wins (rule 1)', () => {
      expect(parsed.reduce((n, p) => n + p.episodes.length, 0) - episodes.length).toBe(910);
      expect(episodes).toHaveLength(2827);
      // child 296227: open at the 2017 return, DEC filled in by the 2018 one
      expect(byChild.get('296227')!.find((e) => e.decom === '2017-09-13')).toMatchObject({
        dec: '2018-10-02',
        source: { file: '2018-episodes.csv', line: 2 },
      });
    });

    test('open episodes that already carry a REC code are still open: DEC alone decides (rule 4)', () => {
      const openWithRec = episodes.filter((e) => e.dec === null && e.rec !== null);
      expect(openWithRec).toHaveLength(86);
      for (const e of openWithRec) expect(lookedAfterOn([e], '2030-01-01')).toBe(true);
    });

    test('children whose history starts before the first return: an L, T or U first episode gives a "continued" spell, not a move', () => {
      const firstSpells = [...byChild.values()].map((list) => placementSpells(list)[0]);
      expect(firstSpells.filter((s) => s.startKind === 'continued')).toHaveLength(182); // 131 L + 46 T + 5 U
      expect(firstSpells.filter((s) => s.startKind === 'entry')).toHaveLength(324); //   first episode S
      // 314 start with P or B: by rule 3 that is a move, dated when it happened (for 868699, 2016)
      expect(firstSpells.filter((s) => s.startKind === 'move')).toHaveLength(314);
      expect(placementSpells(byChild.get('868699')!)[0]).toMatchObject({ startKind: 'move', start: '2016-01-11' });
    });

    test('overlapping episodes (40 pairs: a DEC after the next DECOM) are read in DECOM order; the latest one gives the legal status', () => {
      const overlaps = [...byChild.values()].flatMap((list) => list.slice(1).filter((next, i) => list[i].dec !== null && list[i].dec! > next.decom));
      expect(overlaps).toHaveLength(40);
      // 359195: two episodes cover 20/02/2021 (J1 from 23/07/2020, and L3 from 15/02/2021)
      expect(legalStatusOn(byChild.get('359195')!, '2021-02-20')).toBe('L3');
    });

    test('a second chain of episodes begun (RNE S) while an earlier episode is open is interleaved by DECOM, as the rules say', () => {
      // 276736: P on 12/11/2016 (open until 03/08/2017), S on 20/04/2017, P on 30/05/2017, then
      // L on 03/08/2017 and 23/05/2018. The L episodes continue the latest spell (rule 2).
      const spells = placementSpells(byChild.get('276736')!);
      expect(spells.map((s) => [s.startKind, s.start, s.end, s.episodes.length])).toEqual([
        ['move', '2016-11-12', '2017-08-03', 1],
        ['entry', '2017-04-20', '2017-05-30', 1],
        ['move', '2017-05-30', '2018-10-26', 3],
      ]);
      // Every apparent gap in the sample (an episode ending before the next starts) is covered by
      // another, overlapping episode, so the child stays looked after across it (rule 4).
      expect(lookedAfterOn(byChild.get('276736')!, '2017-09-01')).toBe(true);
    });
  });

  // Cross-checked: these numbers were computed a second way, by a separate throwaway script
  // (Python, written from DOMAIN.md independently of this code: csv reader, dict keyed by
  // (CHILD, DECOM) overwritten file by file, spell ids by cumulative sum of "starts a spell"
  // flags, datetime dates). Both gave the same totals and the same child ids for every year.
  test('national measure for the year ending 31 March 2021', () => {
    const result = nationalMeasure(episodes, 2021);
    expect(result).toMatchObject({ yearEnding: 2021, lookedAfter: 122, count: 18, percent: 14.8 });
    expect([...result.counted].sort()).toEqual([
      '245022',
      '266902',
      '294875',
      '369699',
      '372509',
      '406846',
      '420870',
      '424048',
      '433741',
      '489455',
      '549023',
      '735996',
      '755819',
      '895808',
      '92150',
      '951716',
      '970280',
      '99273',
    ]);
  });

  test('national measure for the earlier years (cross-checked the same way)', () => {
    expect(YEARS.map((y) => nationalMeasure(episodes, y)).map((r) => [r.yearEnding, r.lookedAfter, r.count, r.percent])).toEqual([
      [2017, 534, 0, 0],
      [2018, 464, 93, 20],
      [2019, 288, 57, 19.8],
      [2020, 181, 27, 14.9],
      [2021, 122, 18, 14.8],
    ]);
  });

  test('local measure at 31 March 2021 (cross-checked)', () => {
    const result = localMeasure(episodes, '2021-03-31');
    expect(result).toMatchObject({ at: '2021-03-31', lookedAfter: 122, count: 5, percent: 4.1 });
    expect([...result.counted].sort()).toEqual(['266902', '420870', '424048', '433741', '735996']);
    expect([...result.atRisk].sort()).toEqual(['245022', '294875', '369699', '372509', '406846', '489455', '549023', '755819', '895808', '92150', '951716', '970280', '99273']);
  });

  test('monthly trend to 31 March 2021 (cross-checked)', () => {
    expect(monthlyTrend(episodes, '2021-03-31').map((m) => [m.at, m.lookedAfter, m.count, m.percent, m.atRisk.length])).toEqual([
      ['2020-04-30', 175, 4, 2.3, 23],
      ['2020-05-31', 169, 6, 3.6, 19],
      ['2020-06-30', 163, 6, 3.7, 20],
      ['2020-07-31', 156, 7, 4.5, 18],
      ['2020-08-31', 151, 7, 4.6, 19],
      ['2020-09-30', 150, 4, 2.7, 22],
      ['2020-10-31', 142, 4, 2.8, 18],
      ['2020-11-30', 137, 5, 3.6, 17],
      ['2020-12-31', 132, 5, 3.8, 16],
      ['2021-01-31', 127, 8, 6.3, 13],
      ['2021-02-28', 124, 7, 5.6, 12],
      ['2021-03-31', 122, 5, 4.1, 13],
    ]);
  });
});
