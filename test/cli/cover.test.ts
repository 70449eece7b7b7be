// psb cover set / cover list through runCli, on the embedded store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { addDays, ukDate } from '../../src/domain/dates';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { openRecords } from '../../src/store/records';
import { storedCover } from '../support/covers';

const EXAMPLES = path.resolve(__dirname, '../../examples');
let dataDir: string;

async function psb(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  return { code, out, err };
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'psb-cli-cover-'));
  await psb('roster', 'import', path.join(EXAMPLES, 'roster.csv'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

test('cover set: "Harry decides for North" for some days, then listed; audited', async () => {
  const from = addDays(ukDate(new Date()), 1);
  const to = addDays(from, 10);
  const set = await psb('cover', 'set', 'North', 'harry.hos@example.org', '--from', from, '--to', to, '--for', 'hana.head@example.org');
  expect(set).toMatchObject({ code: 0, err: [] });
  expect(set.out[0]).toMatch(/^Harry Hughes decides for North \(covering Hana Head\) from /);
  const list = await psb('cover', 'list');
  expect(list.out).toEqual([`North: Harry Hughes (harry.hos@example.org) covering Hana Head, ${from} to ${to}`]);
  expect((await psb('audit', 'North')).out.join('\n')).toContain('cover.set');
});

test('cover set refuses bad input with the reason and sets nothing', async () => {
  const from = addDays(ukDate(new Date()), 1);
  const backwards = await psb('cover', 'set', 'North', 'harry.hos@example.org', '--from', from, '--to', addDays(from, -1));
  expect(backwards.code).toBe(2);
  expect(backwards.err.join(' ')).toContain('cannot be before its first day');
  const unknown = await psb('cover', 'set', 'North', 'nobody@example.org', '--from', from, '--to', from);
  expect(unknown.err.join(' ')).toContain('nobody@example.org is not on the roster');
  expect((await psb('cover', 'set', 'North')).code).toBe(2);
  expect((await psb('cover', 'list')).out).toEqual(['No cover is set.']);
});

test('cover list: a cover for someone who may not cover (set before the rule, or who set it themselves) is listed as not in force', async () => {
  const from = ukDate(new Date());
  const to = addDays(from, 7);
  // Stored as the bot stored them before the rule: the administrator as cover, and a Head of Service covering by her own hand.
  const store = await openEmbeddedStore(dataDir);
  const records = await openRecords(store);
  const stored = (team: string, coverId: string, coverName: string, setBy: string) => records.covers.insert(storedCover({ team, coverId, coverName, setBy, from, to }));
  await stored('North', 'ada.admin@example.org', 'Ada Admin', 'ada.admin@example.org');
  await stored('South', 'hana.head@example.org', 'Hana Head', 'hana.head@example.org');
  await store.close();
  expect((await psb('cover', 'set', 'North', 'harry.hos@example.org', '--from', from, '--to', to)).code).toBe(0);

  const list = await psb('cover', 'list');
  expect([...list.out].sort()).toEqual([
    `North: Ada Admin (ada.admin@example.org), ${from} to ${to} \u2014 not in force: Ada Admin may not cover (cover is only for a Head of Service or a service manager, who did not set the cover themselves)`,
    `North: Harry Hughes (harry.hos@example.org), ${from} to ${to}`,
    `South: Hana Head (hana.head@example.org), ${from} to ${to} \u2014 not in force: Hana Head may not cover (cover is only for a Head of Service or a service manager, who did not set the cover themselves)`,
  ]);
});
