// The project's definition of counting moves (DOMAIN.md "Counting moves", rules 2-7), one
// describe block per rule, each a table of small hand-made histories. Rule 1 (merging returns) is
// specified in episodes.test.ts.
import { inMeasuresOn, legalStatusOn, localMeasure, lookedAfterOn, monthlyTrend, movesInTwelveMonthsTo, nationalMeasure, percentOf } from '../../../src/domain/ssda903/measures';
import { movesOf, placementSpells } from '../../../src/domain/ssda903/spells';
import { Row, childWithMovesOn, history } from './build';

/** Spells written as 'startKind start..end' (end '' while open), for readable expectations. */
function spellsOf(rows: Row[]): string[] {
  return placementSpells(history('A', rows)).map((s) => `${s.startKind} ${s.start}..${s.end ?? ''}`);
}

describe('rule 2: placement spells', () => {
  test.each<[string, Row[], string[]]>([
    [
      'S, then P, then B: each starts a spell',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-02-01', 'P', 'U5', '2020-03-01'],
        ['2020-03-01', 'B', 'K2', null],
      ],
      ['entry 2020-01-01..2020-02-01', 'move 2020-02-01..2020-03-01', 'move 2020-03-01..'],
    ],
    [
      '(a) a temporary placement starts no spell and (b) the return continues the spell from before it',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-02-01', 'P', 'T1', '2020-02-05'], // a few days in hospital
        ['2020-02-05', 'P', 'U4', null], //        back to the same foster home
      ],
      ['entry 2020-01-01..'],
    ],
    [
      'every T0-T4 code is temporary, and several in a row are still one absence',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-02-01', 'P', 'T3', '2020-02-10'], // respite while the carer is on holiday
        ['2020-02-10', 'P', 'T4', '2020-02-12'],
        ['2020-02-12', 'B', 'U4', '2020-03-01'], // the return, even with RNE B
        ['2020-03-01', 'P', 'T0', '2020-03-02'],
        ['2020-03-02', 'P', 'U4', '2020-04-01'],
        ['2020-04-01', 'P', 'T2', '2020-04-05'], // holiday
        ['2020-04-05', 'P', 'U4', null],
      ],
      ['entry 2020-01-01..'],
    ],
    [
      'only the episode straight after the temporary one continues; the next real change is a move',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-02-01', 'P', 'T1', '2020-02-05'],
        ['2020-02-05', 'P', 'U4', '2020-03-01'],
        ['2020-03-01', 'P', 'K2', null],
      ],
      ['entry 2020-01-01..2020-03-01', 'move 2020-03-01..'],
    ],
    [
      'a spell ends with the DEC of its last episode, a temporary one included',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-02-01', 'P', 'T1', '2020-02-20'], // care ended in hospital
      ],
      ['entry 2020-01-01..2020-02-20'],
    ],
    [
      'L (legal status only), T (same carer, new address) and U (new status, same carer) continue the spell',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01', 'V2'],
        ['2020-02-01', 'L', 'U4', '2020-03-01', 'C1'],
        ['2020-03-01', 'T', 'U4', '2020-04-01', 'C1'],
        ['2020-04-01', 'U', 'A5', '2020-05-01', 'E1'],
        ['2020-05-01', 'P', 'U5', null, 'E1'],
      ],
      ['entry 2020-01-01..2020-05-01', 'move 2020-05-01..'],
    ],
    [
      'when the data begins part-way through a placement (first episode L, T or U) the spell is "continued", not a move',
      [
        ['2019-06-01', 'L', 'U4', '2020-01-01'],
        ['2020-01-01', 'P', 'U5', null],
      ],
      ['continued 2019-06-01..2020-01-01', 'move 2020-01-01..'],
    ],
    [
      'episodes are taken in DECOM order whatever order they arrive in',
      [
        ['2020-03-01', 'P', 'K2', null],
        ['2020-01-01', 'S', 'U4', '2020-03-01'],
      ],
      ['entry 2020-01-01..2020-03-01', 'move 2020-03-01..'],
    ],
  ])('%s', (_, rows, expected) => {
    expect(spellsOf(rows)).toEqual(expected);
  });

  test('a spell keeps its episodes, temporary ones included', () => {
    const [spell] = placementSpells(
      history('A', [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-02-01', 'P', 'T1', '2020-02-05'],
        ['2020-02-05', 'P', 'U4', null],
      ]),
    );
    expect(spell.episodes.map((e) => e.place)).toEqual(['U4', 'T1', 'U4']);
  });

  test('one child at a time', () => {
    expect(() => placementSpells([...history('A', [['2020-01-01', 'S', 'U4', null]]), ...history('B', [['2020-01-01', 'S', 'U4', null]])])).toThrow(/one child/);
  });
});

describe('rule 3: a move is the start of a spell whose first episode is RNE P or B; S is an entry, not a move', () => {
  test.each<[string, Row[], string[]]>([
    ['entering care is not a move', [['2020-01-01', 'S', 'U4', null]], []],
    [
      'P and B are moves, on the DECOM of the new placement',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-02-01', 'P', 'U5', '2020-03-01'],
        ['2020-03-01', 'B', 'K2', null],
      ],
      ['2020-02-01', '2020-03-01'],
    ],
    [
      'coming back into care after leaving it is an entry again, not a move',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-06-01', 'S', 'U4', null],
      ],
      [],
    ],
    [
      'going to hospital and back is not a move',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-02-01', 'P', 'T1', '2020-02-05'],
        ['2020-02-05', 'P', 'U4', null],
      ],
      [],
    ],
    [
      'L, T and U are not moves',
      [
        ['2020-01-01', 'S', 'U4', '2020-02-01'],
        ['2020-02-01', 'L', 'U4', '2020-03-01'],
        ['2020-03-01', 'T', 'U4', '2020-04-01'],
        ['2020-04-01', 'U', 'U4', null],
      ],
      [],
    ],
  ])('%s', (_, rows, expectedMoveDates) => {
    expect(movesOf(history('A', rows)).map((m) => m.date)).toEqual(expectedMoveDates);
  });
});

describe('rule 4: looked after on D, and short breaks left out', () => {
  const closed = history('A', [['2020-01-01', 'S', 'U4', '2020-06-30']]);
  const open = history('B', [['2020-01-01', 'S', 'U4', null]]);

  test.each<[string, typeof closed, string, boolean]>([
    ['the day before DECOM', closed, '2019-12-31', false],
    ['on DECOM', closed, '2020-01-01', true],
    ['the day before DEC', closed, '2020-06-29', true],
    ['on DEC: care ended that day, so not looked after', closed, '2020-06-30', false],
    ['after DEC', closed, '2020-07-01', false],
    ['long after DECOM of an open episode', open, '2030-01-01', true],
  ])('%s (%s)', (_, episodes, date, expected) => {
    expect(lookedAfterOn(episodes, date)).toBe(expected);
  });

  test('a change of episode on D leaves the child looked after on D (the new episode covers it)', () => {
    const changing = history('C', [
      ['2020-01-01', 'S', 'U4', '2020-03-01'],
      ['2020-03-01', 'P', 'U5', null],
    ]);
    expect(lookedAfterOn(changing, '2020-03-01')).toBe(true);
  });

  test.each([
    ['V3', false],
    ['V4', false],
    ['V2', true],
    ['C2', true],
  ])('a child whose legal status on D is %s is counted in the measures: %s', (ls, expected) => {
    const episodes = history('D', [['2020-01-01', 'S', 'U4', null, ls]]);
    expect(inMeasuresOn(episodes, '2020-06-01')).toBe(expected);
  });

  test('it is the legal status on D that matters, not an earlier one', () => {
    const episodes = history('E', [
      ['2020-01-01', 'S', 'U4', '2020-03-01', 'V3'],
      ['2020-03-01', 'L', 'U4', null, 'C2'],
    ]);
    expect(legalStatusOn(episodes, '2020-02-01')).toBe('V3');
    expect(inMeasuresOn(episodes, '2020-02-01')).toBe(false);
    expect(legalStatusOn(episodes, '2020-03-01')).toBe('C2');
    expect(inMeasuresOn(episodes, '2020-03-01')).toBe(true);
  });

  test('a child on short breaks is left out of both measures, moves or not', () => {
    const shortBreaks = childWithMovesOn('SB', ['2020-06-01', '2020-07-01', '2020-08-01'], 'V4');
    const cared = childWithMovesOn('CARE', ['2020-06-01', '2020-07-01', '2020-08-01']);
    expect(localMeasure([...shortBreaks, ...cared], '2021-03-31')).toMatchObject({ lookedAfter: 1, counted: ['CARE'] });
    expect(nationalMeasure([...shortBreaks, ...cared], 2021)).toMatchObject({ lookedAfter: 1, counted: ['CARE'] });
  });
});

describe('rule 5: local measure at D — 3 or more moves in the 12 months up to D', () => {
  test.each<[string, string, string[], number]>([
    ['a move exactly a year before D is outside the window', '2021-03-31', ['2020-03-31'], 0],
    ['a move the day after that is inside', '2021-03-31', ['2020-04-01'], 1],
    ['a move on D is inside', '2021-03-31', ['2021-03-31'], 1],
    ['a move after D is not counted', '2021-03-31', ['2021-04-01'], 0],
    ['D = 29/02/2024: a year before is taken as 28/02/2023, so a move that day is out', '2024-02-29', ['2023-02-28'], 0],
    ['D = 29/02/2024: a move on 01/03/2023 is in', '2024-02-29', ['2023-03-01'], 1],
    ['D = 28/02/2025: a move on 29/02/2024 is in', '2025-02-28', ['2024-02-29'], 1],
  ])('%s', (_, at, moveDates, expectedInWindow) => {
    const moves = movesOf(childWithMovesOn('A', moveDates));
    expect(movesInTwelveMonthsTo(moves, at)).toHaveLength(expectedInWindow);
  });

  test.each<[string, string[], boolean]>([
    ['3 moves in the window count', ['2020-05-01', '2020-09-01', '2021-01-01'], true],
    ['4 moves count', ['2020-05-01', '2020-07-01', '2020-09-01', '2021-01-01'], true],
    ['2 moves do not', ['2020-09-01', '2021-01-01'], false],
    ['3 moves with one of them exactly a year before D do not', ['2020-03-31', '2020-09-01', '2021-01-01'], false],
  ])('%s', (_, moveDates, counted) => {
    const result = localMeasure(childWithMovesOn('A', moveDates), '2021-03-31');
    expect(result.counted).toEqual(counted ? ['A'] : []);
  });

  test('only children looked after on D are in it, and the percent has one decimal place', () => {
    const episodes = [
      ...childWithMovesOn('THREE', ['2020-05-01', '2020-09-01', '2021-01-01']),
      ...childWithMovesOn('NONE', []),
      ...childWithMovesOn('TWO', ['2020-09-01', '2021-01-01']),
      // three moves, but left care on 31/03/2021 itself: not looked after on D
      ...history('LEFT', [
        ['2020-05-01', 'S', 'U4', '2020-06-01'],
        ['2020-06-01', 'P', 'U5', '2020-07-01'],
        ['2020-07-01', 'P', 'U4', '2020-08-01'],
        ['2020-08-01', 'P', 'K2', '2021-03-31'],
      ]),
    ];
    expect(localMeasure(episodes, '2021-03-31')).toEqual({
      at: '2021-03-31',
      lookedAfter: 3,
      count: 1,
      percent: 33.3,
      counted: ['THREE'],
      atRisk: ['TWO'],
    });
  });

  test.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 16, 6.3], // 6.25 rounds half up
    [1, 8, 12.5],
    [3, 3, 100],
    [0, 5, 0],
    [0, 0, 0], // nobody looked after: 0, not NaN
  ])('%i of %i is %d%%', (count, total, expected) => {
    expect(percentOf(count, total)).toBe(expected);
  });

  test('with nobody looked after the measure is 0%, not NaN', () => {
    expect(localMeasure([], '2021-03-31')).toEqual({ at: '2021-03-31', lookedAfter: 0, count: 0, percent: 0, counted: [], atRisk: [] });
  });

  test('a reporting date that is not a real date is refused', () => {
    expect(() => localMeasure([], '2021-02-30')).toThrow(RangeError);
    expect(() => localMeasure([], '31/03/2021')).toThrow(RangeError);
  });
});

describe('rule 6: national measure — 3 or more spells overlapping the year ending 31 March', () => {
  // A child still looked after on 31/03/2021 whose earlier spells are given as [start, end].
  function childWithSpells(child: string, earlier: Array<[string, string]>) {
    const rows: Row[] = earlier.map(([start, end], i) => [start, i === 0 ? 'S' : 'P', 'U4', end]);
    return history(child, [...rows, ['2021-03-01', 'P', 'K2', null]]);
  }

  test.each<[string, Array<[string, string]>, boolean]>([
    [
      'two earlier spells inside the year make three',
      [
        ['2020-05-01', '2020-08-01'],
        ['2020-08-01', '2021-03-01'],
      ],
      true,
    ],
    [
      'a spell that ended on 31/03/2020 does not overlap the year',
      [
        ['2019-01-01', '2020-03-31'],
        ['2020-03-31', '2021-03-01'],
      ],
      false,
    ],
    [
      'a spell that ended on 01/04/2020 does',
      [
        ['2019-01-01', '2020-04-01'],
        ['2020-04-01', '2021-03-01'],
      ],
      true,
    ],
    [
      'the entry to care counts too (placements, not moves)',
      [
        ['2020-10-01', '2020-12-01'],
        ['2020-12-01', '2021-03-01'],
      ],
      true,
    ],
    ['one earlier spell is not enough', [['2020-05-01', '2021-03-01']], false],
  ])('%s', (_, earlier, counted) => {
    expect(nationalMeasure(childWithSpells('A', earlier), 2021).counted).toEqual(counted ? ['A'] : []);
  });

  test('a spell that starts on 31 March Y counts; one that starts on 1 April Y does not', () => {
    const onLastDay = history('LAST', [
      ['2020-05-01', 'S', 'U4', '2020-08-01'],
      ['2020-08-01', 'P', 'U5', '2021-03-31'],
      ['2021-03-31', 'P', 'K2', null],
    ]);
    const dayAfter = history('AFTER', [
      ['2020-05-01', 'S', 'U4', '2020-08-01'],
      ['2020-08-01', 'P', 'U5', '2021-04-01'],
      ['2021-04-01', 'P', 'K2', null],
    ]);
    expect(nationalMeasure([...onLastDay, ...dayAfter], 2021)).toEqual({
      yearEnding: 2021,
      lookedAfter: 2,
      count: 1,
      percent: 50,
      counted: ['LAST'],
    });
  });

  test('only children looked after on 31 March are counted', () => {
    const leftOnTheDay = history('LEFT', [
      ['2020-05-01', 'S', 'U4', '2020-08-01'],
      ['2020-08-01', 'P', 'U5', '2020-09-01'],
      ['2020-09-01', 'P', 'K2', '2021-03-31'],
    ]);
    expect(nationalMeasure(leftOnTheDay, 2021)).toMatchObject({ lookedAfter: 0, count: 0, percent: 0 });
  });
});

describe('rule 7: at risk — looked after on D with exactly 2 moves in the 12 months up to D', () => {
  test.each<[string, string[], 'at risk' | 'counted' | 'neither']>([
    ['1 move', ['2020-09-01'], 'neither'],
    ['exactly 2 moves', ['2020-09-01', '2021-01-01'], 'at risk'],
    ['3 moves: already counted, so not "at risk"', ['2020-05-01', '2020-09-01', '2021-01-01'], 'counted'],
    ['2 moves in the window and an older one', ['2019-06-01', '2020-09-01', '2021-01-01'], 'at risk'],
  ])('%s', (_, moveDates, expected) => {
    const result = localMeasure(childWithMovesOn('A', moveDates), '2021-03-31');
    const status = result.atRisk.includes('A') ? 'at risk' : result.counted.includes('A') ? 'counted' : 'neither';
    expect(status).toBe(expected);
  });

  test('not looked after on D, or on short breaks: not at risk', () => {
    const left = history('LEFT', [
      ['2020-05-01', 'S', 'U4', '2020-06-01'],
      ['2020-06-01', 'P', 'U5', '2020-07-01'],
      ['2020-07-01', 'P', 'U4', '2021-02-01'],
    ]);
    const shortBreaks = childWithMovesOn('SB', ['2020-09-01', '2021-01-01'], 'V3');
    expect(localMeasure([...left, ...shortBreaks], '2021-03-31').atRisk).toEqual([]);
  });
});

describe('monthlyTrend: the local measure at each of the last 12 month ends', () => {
  const episodes = [...childWithMovesOn('A', ['2020-05-01', '2020-09-01', '2021-01-01']), ...childWithMovesOn('B', ['2020-02-10'])];

  test('month ends up to and including `at` when it is one, oldest first, each equal to localMeasure that day', () => {
    const trend = monthlyTrend(episodes, '2021-03-31');
    expect(trend.map((m) => m.at)).toEqual([
      '2020-04-30',
      '2020-05-31',
      '2020-06-30',
      '2020-07-31',
      '2020-08-31',
      '2020-09-30',
      '2020-10-31',
      '2020-11-30',
      '2020-12-31',
      '2021-01-31',
      '2021-02-28',
      '2021-03-31',
    ]);
    for (const month of trend) expect(month).toEqual(localMeasure(episodes, month.at));
    expect(trend.map((m) => m.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(trend.map((m) => m.atRisk.length)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
  });

  test('from a date inside a month, the last month end before it; leap years give 29 February', () => {
    expect(monthlyTrend(episodes, '2024-03-15', 2).map((m) => m.at)).toEqual(['2024-01-31', '2024-02-29']);
  });
});
