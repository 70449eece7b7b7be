// psb commands for the placement history through runCli: kpi, episodes import, check-codes.
// The five-year sample runs from files (no store) and on the embedded store; the figures are the
// ones test/domain/ssda903/sample.test.ts asserts (cross-checked there by an independent script).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { SSDA903_SAMPLE } from '../support/fixtures';

const SAMPLE = SSDA903_SAMPLE;
const RETURNS = [2017, 2018, 2019, 2020, 2021].map((y) => path.join(SAMPLE, `${y}-episodes.csv`));
const EXAMPLES = path.resolve(__dirname, '../../examples');

const EXPECTED_2021 = {
  at: '2021-03-31',
  local: { lookedAfter: 122, count: 5, percent: 4.1 },
  national: { yearEnding: 2021, lookedAfter: 122, count: 18, percent: 14.8 },
  atRisk: ['245022', '294875', '369699', '372509', '406846', '489455', '549023', '755819', '895808', '92150', '951716', '970280', '99273'],
  counted: ['266902', '420870', '424048', '433741', '735996'],
};

let dataDir: string;
let workDir: string;
const env = () => ({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

async function psb(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env());
  return { code, out, err };
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'psb-cli-data-'));
  workDir = mkdtempSync(path.join(tmpdir(), 'psb-cli-files-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

function file(name: string, ...lines: string[]): string {
  const target = path.join(workDir, name);
  writeFileSync(target, ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE', ...lines].join('\n'));
  return target;
}

describe('psb kpi --episodes (from files, without the store)', () => {
  test('the five returns in order give the sample figures, and no store is opened', async () => {
    const { code, out, err } = await psb('kpi', '--at', '2021-03-31', '--episodes', ...RETURNS, '--json');
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0])).toEqual(EXPECTED_2021);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  describe('several files: every form reads all of them, in the order given', () => {
    // At 30/06/2020: A is looked after per the first file but left care per the second (the later
    // file wins); B and C are in files three and four. All four read in order: 2 looked after.
    let files: string[];
    beforeEach(() => {
      files = [
        file('1.csv', 'A,01/01/2020,S,C2,N1,U4,PR1,,,'),
        file('2.csv', 'A,01/01/2020,S,C2,N1,U4,PR1,01/02/2020,E4A,'),
        file('3.csv', 'B,01/01/2020,S,C2,N1,U4,PR1,,,'),
        file('4.csv', 'C,01/01/2020,S,C2,N1,U4,PR1,,,'),
      ];
    });
    const lookedAfter = async (...argv: string[]) => JSON.parse((await psb('kpi', ...argv)).out[0]).local.lookedAfter;

    test.each([
      ['all after one flag', (f: string[]) => ['--at', '2020-06-30', '--episodes', ...f, '--json']],
      ['the flag repeated', (f: string[]) => ['--at', '2020-06-30', '--episodes', f[0], '--episodes', f[1], '--episodes', f[2], '--episodes', f[3], '--json']],
      ['mixed, with other flags between', (f: string[]) => ['--episodes', f[0], f[1], '--json', '--episodes', f[2], f[3], '--at', '2020-06-30']],
      ['--episodes=FILE then words', (f: string[]) => [`--episodes=${f[0]}`, f[1], f[2], f[3], '--at=2020-06-30', '--json']],
    ])('%s', async (_form, argv) => {
      expect(await lookedAfter(...argv(files))).toBe(2);
    });

    test('the order matters: the file given last wins', async () => {
      expect(await lookedAfter('--at', '2020-06-30', '--episodes', files[1], files[0], files[2], files[3], '--json')).toBe(3);
    });
  });

  test('without --json: a readable table with the 12-month trend, case references only', async () => {
    const { code, out } = await psb('kpi', '--at', '2021-03-31', '--episodes', ...RETURNS);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/Local: 3\+ moves in the 12 months to 31\/03\/2021 +122 +5 +4\.1%/);
    expect(text).toMatch(/National: 3\+ placements, year ending 31\/03\/2021 +122 +18 +14\.8%/);
    expect(text).toContain('At risk (2 moves: one more and they count): 13: 245022, 294875');
    expect(out.filter((l) => /^ {2}\d\d\/\d\d\/\d{4} /.test(l))).toEqual([
      expect.stringMatching(/^ {2}30\/04\/2020 +175 +4 +2\.3% +23$/),
      ...Array(10).fill(expect.any(String)),
      expect.stringMatching(/^ {2}31\/03\/2021 +122 +5 +4\.1% +13$/),
    ]);
  });

  test('unreadable rows go to stderr as file:line, the JSON stays clean on stdout', async () => {
    const broken = file('broken.csv', 'A1,01/01/2020,S,C2,N1,U4,PR1,,,', 'A2,31/02/2020,S,C2,N1,U4,PR1,,,');
    const { code, out, err } = await psb('kpi', '--at', '2020-06-30', '--episodes', broken, '--json');
    expect(code).toBe(0);
    expect(err).toEqual(['broken.csv:3: DECOM "31/02/2020" is not a valid date (dd/mm/yyyy)']);
    expect(JSON.parse(out[0])).toMatchObject({ local: { lookedAfter: 1 }, national: { yearEnding: 2020, lookedAfter: 1 } });
  });

  test('--episodes with no file (no store opened), or stray words: usage', async () => {
    const usage = 'usage: npm run -s psb -- kpi --at YYYY-MM-DD [--episodes FILE...] [--team T] [--json]';
    expect(await psb('kpi', '--at', '2021-03-31', '--json', '--episodes')).toMatchObject({ code: 2, err: ['psb kpi: --episodes needs a value', usage] });
    expect(readdirSync(dataDir)).toEqual([]);
    expect(await psb('kpi', '--at', '2021-03-31', 'extra.csv')).toMatchObject({ code: 2, err: ['psb kpi: unexpected argument "extra.csv"', usage] });
  });

  test('--at is required and must be a date', async () => {
    expect(await psb('kpi', '--episodes', ...RETURNS, '--json')).toMatchObject({ code: 2, err: ['psb kpi: --at is required', expect.stringMatching(/^usage: /)] });
    expect(await psb('kpi', '--at', '31/03/2021', '--episodes', ...RETURNS)).toMatchObject({
      code: 2,
      err: ['psb kpi: --at "31/03/2021": must be a date written YYYY-MM-DD', expect.stringMatching(/^usage: /)],
    });
  });

  test('--team with files keeps the children of that team in the children list (this opens the store)', async () => {
    expect((await psb('roster', 'import', path.join(EXAMPLES, 'roster.csv'))).code).toBe(0);
    expect((await psb('children', 'import', path.join(EXAMPLES, 'children.csv'))).code).toBe(0);
    const returns = file('team.csv', 'CR-1001,01/01/2021,S,C2,N1,U4,PR1,,,', 'CR-1003,01/01/2021,S,V2,N1,K2,PR4,,,', '999,01/01/2021,S,C2,N1,U4,PR1,,,');
    const north = await psb('kpi', '--at', '2021-03-31', '--episodes', returns, '--team', 'North', '--json');
    expect(JSON.parse(north.out[0]).local.lookedAfter).toBe(1);
    const all = await psb('kpi', '--at', '2021-03-31', '--episodes', returns, '--json');
    expect(JSON.parse(all.out[0]).local.lookedAfter).toBe(3);
  });
});

describe('psb episodes import, then psb kpi from the store (embedded store)', () => {
  test('imports the sample, a second import changes nothing, and kpi from the store gives the same figures', async () => {
    const first = await psb('episodes', 'import', ...RETURNS);
    expect(first.code).toBe(0);
    expect(first.out[0]).toBe('Episodes: 2827 added, 0 updated, 0 unchanged (3737 rows read from 5 files), 0 unreadable');
    expect(first.out[1]).toMatch(/^Placement moves: \d+ added, 0 removed, 0 moves recorded in the bot reconciled$/);

    const again = await psb('episodes', 'import', ...RETURNS);
    expect(again.out).toEqual([
      'Episodes: 0 added, 0 updated, 2827 unchanged (3737 rows read from 5 files), 0 unreadable',
      'Placement moves: 0 added, 0 removed, 0 moves recorded in the bot reconciled',
    ]);

    const kpi = await psb('kpi', '--at', '2021-03-31', '--json');
    expect(JSON.parse(kpi.out[0])).toEqual(EXPECTED_2021);
  }, 20000);

  test('unreadable rows are reported as file:line and the rest is imported (exit code 1)', async () => {
    const returns = file('2022-episodes.csv', 'A1,01/01/2021,S,C2,N1,U4,PR1,,,', ',01/01/2021,S,C2,N1,U4,PR1,,,', 'A3,01/01/2021,Z,C2,N1,U4,PR1,,,');
    const { code, out } = await psb('episodes', 'import', returns);
    expect(code).toBe(1);
    expect(out).toEqual([
      'Episodes: 1 added, 0 updated, 0 unchanged (1 row read from 1 file), 2 unreadable',
      'Placement moves: 0 added, 0 removed, 0 moves recorded in the bot reconciled',
      '  2022-episodes.csv:3: no CHILD',
      '  2022-episodes.csv:4: unknown RNE "Z" (expected S, L, P, T, B or U)',
    ]);
  });

  test('no files: usage', async () => {
    expect(await psb('episodes', 'import')).toMatchObject({ code: 2, err: ['psb episodes import: <FILE...> is missing', 'usage: npm run -s psb -- episodes import <FILE...>'] });
  });
});

describe('psb check-codes', () => {
  test('from files: a report only, counts by check on the sample', async () => {
    const { code, out } = await psb('check-codes', '--episodes', ...RETURNS, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out[0]);
    expect(report.counts).toEqual({ 'reason-missing': 219, 'reason-not-blank': 44, 'reason-other': 97, 'continuation-date': 25 });
    expect(report.tasks).toBeNull();
    expect(report.problems[0]).toEqual({
      caseRef: expect.any(String),
      decom: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      check: expect.any(String),
      field: null,
      message: expect.any(String),
      source: expect.stringMatching(/^20\d\d-episodes\.csv:\d+$/),
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  test("from the store: tasks for the children's social workers, once", async () => {
    await psb('roster', 'import', path.join(EXAMPLES, 'roster.csv'));
    await psb('children', 'import', path.join(EXAMPLES, 'children.csv'));
    await psb('episodes', 'import', file('2021.csv', 'CR-1001,01/01/2020,S,C2,N1,U4,PR1,01/03/2020,X1,', 'CR-1001,01/03/2020,P,C2,N1,U6,PR1,,,'));
    const first = await psb('check-codes');
    expect(first.out.slice(0, 3)).toEqual([
      'Coding problems: 1',
      '       1  Reason for placement change missing',
      'Tasks for social workers: 1 created, 0 already set, 0 with no child record or social worker',
    ]);
    const again = await psb('check-codes', '--json');
    expect(JSON.parse(again.out[0]).tasks).toEqual({ created: 0, existing: 1, noSocialWorker: 0 });
  });
});
