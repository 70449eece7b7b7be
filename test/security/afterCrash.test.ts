// Running after a crash: the embedded store's lock left by a process that had the same pid (PID 1
// in a container restarts as PID 1), and a health check that answers whatever the database does.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/services/context';
import { startBot } from '../../src/startBot';
import type { Store } from '../../src/store/collection';
import { openEmbeddedStore, StoreLockedError } from '../../src/store/embeddedStore';
import { PROCESS_TEST_TIMEOUT_MS, startBotProcess, tempDir } from './support';

describe('the embedded store lock', () => {
  test(
    "a stale lock naming the new process's own pid (a container restart) does not stop the bot from starting",
    async () => {
      const dataDir = tempDir('psb-lock-');
      // The shell writes the lock with its own pid and then becomes the bot (exec keeps the pid), as
      // when a container's PID 1 crashed and the restarted bot is PID 1 again.
      const bot = await startBotProcess({ DATA_DIR: dataDir, BOT_ID: '' }, { shell: `printf '{"pid":%d,"startedAt":"2026-01-01T00:00:00.000Z"}' $$ > "$DATA_DIR/.lock"` });
      try {
        expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      } finally {
        await bot.stop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  test('a lock this process holds still refuses a second opening of the same folder', async () => {
    const dataDir = tempDir('psb-lock-');
    const first = await openEmbeddedStore(dataDir);
    try {
      await expect(openEmbeddedStore(dataDir)).rejects.toBeInstanceOf(StoreLockedError);
    } finally {
      await first.close();
    }
    // Released on close: it opens again.
    await (await openEmbeddedStore(dataDir)).close();
  });

  test('a lock naming another live process still refuses', async () => {
    const dataDir = tempDir('psb-lock-');
    // The parent of this test process is alive and is not this process.
    writeFileSync(path.join(dataDir, '.lock'), JSON.stringify({ pid: process.ppid, startedAt: new Date().toISOString() }));
    await expect(openEmbeddedStore(dataDir)).rejects.toBeInstanceOf(StoreLockedError);
  });
});

describe('/healthz', () => {
  /** The embedded store, except that ping waits `pingMs` (or for ever) before answering. */
  async function slowPingStore(pingMs: number | 'never'): Promise<Store> {
    const real = await openEmbeddedStore(tempDir('psb-health-'));
    return {
      kind: real.kind,
      collection: (name) => real.collection(name),
      ping: () => (pingMs === 'never' ? new Promise<void>(() => undefined) : new Promise<void>((resolve) => setTimeout(resolve, pingMs).unref())),
      close: () => real.close(),
    };
  }

  test.each([
    ['never answers', 'never' as const],
    ['answers after 10 s', 10_000],
  ])('answers 503 within 2 s when the database %s', async (_case, pingMs) => {
    const bot = await startBot(loadConfig({ PORT: '0', DATA_DIR: tempDir('psb-health-unused-') }), { log: silentLogger, store: await slowPingStore(pingMs) });
    try {
      const started = Date.now();
      const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`, { signal: AbortSignal.timeout(5000) });
      const ms = Date.now() - started;
      process.stdout.write(`/healthz with a database that ${_case}: ${res.status} in ${ms} ms\n`);
      expect(res.status).toBe(503);
      expect(ms).toBeLessThan(2000);
      expect(await res.json()).toEqual({ status: 'unavailable', store: 'embedded' });
    } finally {
      await bot.stop();
    }
  });
});
