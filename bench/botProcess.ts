// The real Placement Stability Bot in a process of its own for the load bench: startBot with the
// configuration a local run has (PORT 0, a fresh DATA_DIR, silent logs, the sender's default poll),
// on the embedded store or on MongoDB when BENCH_MONGODB_URI is set. It reports its port over IPC
// once it is given the roster and children, and answers the bench's requests: report memory, count the outbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { silentLogger, type ServiceContext } from '../src/services/context';
import { importChildren } from '../src/services/people';
import { importRoster } from '../src/services/rosterImport';
import { startBot, type RunningBot } from '../src/startBot';
import { openStore } from '../src/store/openStore';
import { openRecords } from '../src/store/records';
import { OutboxSender } from '../src/teams/delivery';
import { TeamsBotAdapter } from '../src/teams/authentication';
import { Scheduler } from '../src/jobs/scheduler';
import { asBackground, countingStore, countTurnsOf, storeOpCounts } from './storeOps';

type Request =
  | { id: number; command: 'seed'; roster: string; children: string }
  | { id: number; command: 'memory'; gc?: boolean }
  | { id: number; command: 'outbox' }
  | { id: number; command: 'storeOps' }
  | { id: number; command: 'cpu' }
  | { id: number; command: 'stop' };

// Store operations are counted per turn (see storeOps.ts): the sender's and the scheduler's passes are background work.
countTurnsOf(TeamsBotAdapter, 'runTurn');
for (const [cls, method] of [
  [OutboxSender, 'drain'],
  [Scheduler, 'tick'],
] as const) {
  const proto = cls.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = proto[method];
  proto[method] = function (this: unknown, ...args: unknown[]) {
    return asBackground(() => original.apply(this, args));
  };
}

/**
 * The roster and children are imported before the bot starts (through the same services, on the
 * store the bot then opens), so that a local run's example people, loaded only into an empty
 * roster, are not there: they never open the bot, and messages to them would fail.
 */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'psb-bench-bot-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(process.env.BENCH_MONGODB_URI ? { MONGODB_URI: process.env.BENCH_MONGODB_URI, MONGODB_DB: process.env.BENCH_MONGODB_DB ?? 'psb_bench' } : {}),
  });
  let bot: RunningBot | null = null;
  const stop = async () => {
    await bot?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  process.on('message', (m: Request) => {
    void (async () => {
      try {
        switch (m.command) {
          case 'seed': {
            if (bot) throw new Error('the bot has started already');
            const store = await openStore({ mongodbUri: config.MONGODB_URI, mongodbDb: config.MONGODB_DB, dataDir: config.DATA_DIR });
            const services: ServiceContext = { records: await openRecords(store), now: () => new Date(), log: silentLogger, onOutboxChanged: () => undefined };
            const roster = await importRoster(services, m.roster, 'bench');
            const children = await importChildren(services, m.children, 'bench');
            bot = await startBot(config, { log: silentLogger, store: countingStore(store) });
            return reply(m.id, {
              port: bot.port,
              store: bot.store.kind,
              people: roster.created + roster.updated,
              children: children.created + children.updated,
              problems: [...roster.problems, ...children.problems].slice(0, 5),
            });
          }
          case 'memory': {
            if (m.gc && typeof global.gc === 'function') global.gc();
            const usage = process.memoryUsage();
            return reply(m.id, { rssMb: usage.rss / 1048576, heapMb: usage.heapUsed / 1048576, heapTotalMb: usage.heapTotal / 1048576, externalMb: usage.external / 1048576 });
          }
          case 'outbox': {
            const outbox = bot!.services.records.outbox;
            const [pending, sending, sent, failed] = await Promise.all(['pending', 'sending', 'sent', 'failed'].map((state) => outbox.count({ state })));
            const errors = failed > 0 ? (await outbox.find({ state: 'failed' }, { limit: 3 })).map((e) => e.lastError) : [];
            return reply(m.id, { pending, sending, sent, failed, errors });
          }
          case 'cpu': {
            const used = process.cpuUsage();
            return reply(m.id, (used.user + used.system) / 1000);
          }
          case 'storeOps':
            return reply(m.id, storeOpCounts());
          case 'stop':
            await stop();
            reply(m.id, { stopped: true });
            return setTimeout(() => process.exit(0), 50);
        }
      } catch (err) {
        process.send?.({ id: m.id, error: String((err as Error)?.stack ?? err) });
      }
    })();
  });
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().finally(() => process.exit(0)));
  process.send?.({ ready: true, port: 0 });
}

function reply(id: number, result: unknown): void {
  process.send?.({ id, result });
}

main().catch((err) => {
  process.send?.({ error: String(err?.stack ?? err) });
  process.exit(1);
});
