// psb outbox: the undelivered messages with why, and what waits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { silentLogger } from '../../src/services/context';
import { enqueue } from '../../src/services/outbox';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { openRecords } from '../../src/store/records';

let dataDir: string;
beforeEach(() => (dataDir = mkdtempSync(path.join(tmpdir(), 'psb-cli-outbox-'))));
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function psb(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  return { code, out, err };
}

test('psb outbox lists each undelivered message with why, and counts those waiting and held', async () => {
  const store = await openEmbeddedStore(dataDir);
  const ctx = { records: await openRecords(store), now: () => new Date('2026-11-23T10:00:00Z'), log: silentLogger, onOutboxChanged: () => undefined };
  for (const key of ['PM-2026-0001:approval:hana', 'PM-2026-0001:requested:requester', 'FA-2026-0001:alert:tom']) {
    await enqueue(ctx, { key, recipient: { kind: 'person', personId: key.split(':').pop()! }, content: { kind: 'notice', title: 't', text: 'x' }, subjectRef: key.split(':')[0] });
  }
  const failed = (await ctx.records.outbox.get('PM-2026-0001:approval:hana'))!;
  await ctx.records.outbox.updateIfVersion(failed._id, failed.version, {
    state: 'failed',
    failedAt: '2026-11-23T10:00:00.000Z',
    lastError: 'Teams refused it (403: the app is not installed for them, or it was blocked)',
  });
  const held = (await ctx.records.outbox.get('FA-2026-0001:alert:tom'))!;
  await ctx.records.outbox.updateIfVersion(held._id, held.version, { state: 'held' });
  await store.close();

  const listed = await psb('outbox');
  expect(listed.code).toBe(0);
  expect(listed.out).toEqual([
    '1 message not delivered; 1 waiting to be sent; 1 held for people who have not opened the bot yet.',
    '2026-11-23T10:00:00.000Z  PM-2026-0001  to hana  notice: Teams refused it (403: the app is not installed for them, or it was blocked)',
  ]);
  const json = JSON.parse((await psb('outbox', '--json')).out[0]);
  expect(json).toMatchObject({ waiting: 1, held: 1, undelivered: [{ ref: 'PM-2026-0001', why: expect.stringContaining('403') }] });
  expect((await psb('outbox', 'extra')).code).not.toBe(0);
});
