// Imports through psb with one bad row among good ones: the bad row is reported with its line
// number (a stray quote, a CHILD id that is not one) and every other row is loaded; nothing of the
// bad row is stored.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { psbOnFreshDataFolder } from '../support/psb';

const EXAMPLES = path.resolve(__dirname, '../../examples');

const { run: psb, file } = psbOnFreshDataFolder('imports');

/** The example file with line `lineNumber` (1-based) replaced. */
function exampleWith(name: string, lineNumber: number, replace: (line: string) => string): string {
  const lines = readFileSync(path.join(EXAMPLES, name), 'utf8').split('\n');
  lines[lineNumber - 1] = replace(lines[lineNumber - 1]);
  return file(name, lines.join('\n'));
}

const dataLines = (name: string) => readFileSync(path.join(EXAMPLES, name), 'utf8').trim().split('\n').length - 1;

describe('roster and children CSVs: one malformed row is rejected with its line number, the rest load', () => {
  test('a stray quote at the start of a field in the roster (it would swallow the rows after it in a whole-file parse)', async () => {
    const roster = exampleWith('roster.csv', 3, (line) => line.replace('Priya Patel', '"Priya Patel'));
    const { code, out } = await psb('roster', 'import', roster);
    expect(code).toBe(1);
    expect(out[0]).toBe(`Roster: ${dataLines('roster.csv') - 1} added, 0 updated, 0 unchanged, 1 rejected`);
    expect(out[1]).toMatch(new RegExp(`^  ${roster.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: could not be read as CSV \\(.+\\)$`));
    expect((await psb('audit', 'priya.patel@example.org')).code).toBe(1); // nothing stored for that row
    expect((await psb('audit', 'sam.social@example.org')).out.join('\n')).toContain('roster.created');
  });

  test('a stray quote inside a field of the children list, and a quoted field with a comma that is fine', async () => {
    const children = exampleWith('children.csv', 4, (line) => line.replace(/^([^,]+),([^,]+),/, '$1,$2 "Jo,'));
    const fine = readFileSync(children, 'utf8').replace('Alex Carer', '"Carer, Alex"');
    writeFileSync(children, fine);
    await psb('roster', 'import', path.join(EXAMPLES, 'roster.csv')); // the children's workers
    const { code, out } = await psb('children', 'import', children);
    expect(code).toBe(1);
    expect(out[0]).toBe(`Children: ${dataLines('children.csv') - 1} added, 0 updated, 0 unchanged, 1 rejected`);
    expect(out.slice(1)).toEqual([expect.stringMatching(/children\.csv:4: could not be read as CSV/)]);
    const exported = JSON.parse((await psb('export', 'CR-1001')).out.join('\n'));
    expect(exported.child).toMatchObject({ caseRef: 'CR-1001', carerName: 'Carer, Alex' });
  });

  test('rows with bad values are named by line, after the header and blank lines are counted', async () => {
    const roster = file(
      'roster.csv',
      [
        'email,name,aadObjectId,roles,teams',
        '',
        'a@example.org,A Person,,social_worker,North',
        'not-an-email,B,,social_worker,North',
        'c@example.org,C Person,,wizard,North',
        '',
      ].join('\n'),
    );
    const { code, out } = await psb('roster', 'import', roster);
    expect(code).toBe(1);
    expect(out).toEqual([
      'Roster: 1 added, 0 updated, 0 unchanged, 2 rejected',
      `  ${roster}:4: email: not an email address`,
      expect.stringMatching(new RegExp(`^  .*roster\\.csv:5: roles: each must be one of social_worker, .+`)),
    ]);
  });

  test('a header that is not valid CSV: said once, nothing loaded', async () => {
    const roster = file('roster.csv', 'email,"name,roles\nsam.social@example.org,Sam Social,,social_worker,North\n');
    const { code, out } = await psb('roster', 'import', roster);
    expect(code).toBe(1);
    expect(out).toEqual([
      'Roster: 0 added, 0 updated, 0 unchanged, 1 rejected',
      expect.stringMatching(/roster\.csv:1: the header row could not be read as CSV .*; no rows were read$/),
    ]);
  });
});

describe('SSDA903 CHILD ids: a bad one is a row problem with its line number, never a stored child', () => {
  const header = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE';
  test.each([
    ['too long', '12345678901', 'CHILD "12345678901" is longer than 10 characters'],
    ['a name in the CHILD column', 'Jamie Ex', 'CHILD "Jamie Ex" may hold only letters, digits and a hyphen between them'],
    ['a spreadsheet formula', '=1+1', 'CHILD "=1+1" may hold only letters, digits and a hyphen between them'],
    ['a control character', 'A\u0007B', 'CHILD "A\\u0007B" may hold only letters, digits and a hyphen between them'],
    ['a right-to-left override', 'AB\u202eC', 'CHILD "AB\\u202eC" may hold only letters, digits and a hyphen between them'],
  ])('%s', async (_what, child, reason) => {
    const returns = file(
      '2021-episodes.csv',
      [header, '100001,01/04/2020,S,C2,N1,U4,PR1,,,', `${child},01/04/2020,S,C2,N1,U4,PR1,,,`, 'CR-1001,01/05/2020,S,C2,N1,U4,PR1,,,'].join('\n'),
    );
    const { code, out } = await psb('episodes', 'import', returns);
    expect(code).toBe(1);
    expect(out[0]).toMatch(/^Episodes: 2 added, 0 updated, 0 unchanged \(2 rows read from 1 file\), 1 unreadable$/);
    expect(out.slice(2)).toEqual([`  2021-episodes.csv:3: ${reason}`]);
    const kpi = JSON.parse((await psb('kpi', '--at', '2020-06-30', '--json')).out[0]);
    expect(kpi.local.lookedAfter).toBe(2);
  });

  test('the ids a return and the example children use are accepted', async () => {
    const returns = file(
      'ok.csv',
      [header, '1,01/04/2020,S,C2,N1,U4,PR1,,,', 'ABCDEFGHIJ,01/04/2020,S,C2,N1,U4,PR1,,,', 'CR-1001,01/04/2020,S,C2,N1,U4,PR1,,,', 'a1b2,01/04/2020,S,C2,N1,U4,PR1,,,'].join('\n'),
    );
    expect(await psb('episodes', 'import', returns)).toMatchObject({ code: 0, out: [expect.stringMatching(/^Episodes: 4 added/), expect.any(String)] });
  });
});

describe('psb roster import and leavers', () => {
  test('a cut-short roster file is refused with a clear message and exit 1, and nothing changes; --allow-mass-leavers takes it', async () => {
    expect((await psb('roster', 'import', path.join(EXAMPLES, 'roster.csv'))).code).toBe(0);
    const lines = readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8').trim().split('\n');
    const cut = file('cut.csv', lines.slice(0, 4).join('\n') + '\n');
    const refused = await psb('roster', 'import', cut);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/^Nothing was imported: this file would make 9 of the 12 people on the roster leavers .*--allow-mass-leavers\.$/);
    expect((await psb('audit', 'ada.admin@example.org')).out.join('\n')).not.toContain('roster.left');

    const taken = await psb('roster', 'import', cut, '--allow-mass-leavers');
    expect(taken.out.filter((l) => l.startsWith('  Leaver '))).toHaveLength(9);
    expect(taken.out).toContain('  Leaver ada.admin@example.org (no longer in the file): 0 task(s), 0 move request(s), 0 meeting(s), 0 child(ren) allocated passed to nobody.');
    expect((await psb('audit', 'ada.admin@example.org')).out.join('\n')).toContain('roster.left');
  });

  test('a leftOn that is not a date is rejected with its line number', async () => {
    const lines = readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8').trim().split('\n');
    const roster = file('roster.csv', [`${lines[0]},leftOn`, ...lines.slice(1).map((l, i) => `${l},${i === 0 ? '31/02/2026' : ''}`)].join('\n'));
    const { code, out } = await psb('roster', 'import', roster);
    expect(code).toBe(1);
    expect(out[1]).toMatch(/roster\.csv:2: leftOn is not a date/);
  });
});

describe('psb children import: a child is never linked to a leaver or to someone not on the roster', () => {
  test('a row naming a leaver as supervising social worker, or someone not on the roster as IRO, is reported on its line; the rest of the row imports, the link stays empty, and it is audited', async () => {
    const roster = readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8').trim().split('\n');
    expect((await psb('roster', 'import', path.join(EXAMPLES, 'roster.csv'))).code).toBe(0);
    // Steve leaves: the roster import without him takes his roles away.
    expect((await psb('roster', 'import', file('roster.csv', roster.filter((l) => !l.startsWith('steve.ssw@')).join('\n')))).out.join('\n')).toContain('Leaver steve.ssw@');
    const children = exampleWith('children.csv', 2, (line) => line.replace('ivy.iro@example.org', 'gone.iro@example.org'));

    const { code, out } = await psb('children', 'import', children);
    expect(code).toBe(1);
    expect(out[0]).toBe(`Children: ${dataLines('children.csv')} added, 0 updated, 0 unchanged, 0 rejected, 4 worker links not imported`);
    expect(out).toContain(
      `  ${children}:2: supervisingSocialWorker: steve.ssw@example.org is not a current worker (not on the roster, or has left), so the child is not linked to them; the link is empty until someone is allocated`,
    );
    expect(out).toContain(
      `  ${children}:2: iro: gone.iro@example.org is not a current worker (not on the roster, or has left), so the child is not linked to them; the link is empty until someone is allocated`,
    );
    const exported = JSON.parse((await psb('export', 'CR-1001')).out.join('\n'));
    expect(exported.child).toMatchObject({ caseRef: 'CR-1001', name: 'Jamie Example', socialWorker: 'sam.social@example.org', supervisingSocialWorker: null, iro: null });
    expect((await psb('audit', 'CR-1001')).out.join('\n')).toContain('child.leaver-link-refused');

    // The same file again: the rows are unchanged, the links still refused, nothing points at the leaver.
    const again = await psb('children', 'import', children);
    expect(again.out[0]).toBe(`Children: 0 added, 0 updated, ${dataLines('children.csv')} unchanged, 0 rejected, 4 worker links not imported`);
  });
});
