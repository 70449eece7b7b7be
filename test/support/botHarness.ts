// Starts the real bot in-process on a free port (real HTTP, real store) with the example roster
// and children, plus a fake Teams connector, for end-to-end tests.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/services/context';
import { importChildren, importRoster } from '../../src/services/people';
import { startBot, type RunningBot } from '../../src/startBot';
import type { Store } from '../../src/store/collection';
import type { SenderOptions } from '../../src/teams/sender';
import { FakeConnector, TeamsUser, type Member } from './fakeTeams';

export const EXAMPLES = path.resolve(__dirname, '../../examples');

/** Teams identities for the people in examples/roster.csv (the roster has no AAD ids: first contact looks up the email). */
export const PEOPLE = {
  sam: { id: '29:sam', name: 'Sam Social', aadObjectId: '00000000-0000-0000-0000-00000000a001', email: 'sam.social@example.org' },
  priya: { id: '29:priya', name: 'Priya Patel', aadObjectId: '00000000-0000-0000-0000-00000000a002', email: 'priya.patel@example.org' },
  hana: { id: '29:hana', name: 'Hana Head', aadObjectId: '00000000-0000-0000-0000-00000000a003', email: 'hana.head@example.org' },
  harry: { id: '29:harry', name: 'Harry Hughes', aadObjectId: '00000000-0000-0000-0000-00000000a004', email: 'harry.hos@example.org' },
  tom: { id: '29:tom', name: 'Tom Manager', aadObjectId: '00000000-0000-0000-0000-00000000a005', email: 'tom.manager@example.org' },
  pat: { id: '29:pat', name: 'Pat Placements', aadObjectId: '00000000-0000-0000-0000-00000000a006', email: 'pat.placements@example.org' },
  stranger: { id: '29:stranger', name: 'Stranger', aadObjectId: '00000000-0000-0000-0000-00000000a099', email: 'stranger@example.org' },
} satisfies Record<string, Member>;

export interface Harness {
  bot: RunningBot;
  url: string;
  connector: FakeConnector;
  dataDir: string;
  user(member: Member): TeamsUser;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `env` adds settings to the local-mode configuration (e.g. GRAPH_* for Microsoft Graph against a
 * local endpoint); `sender` overrides the outbox sender's quick test timings.
 */
export async function startHarness(options: { store?: () => Promise<Store>; now?: () => Date; env?: Record<string, string>; sender?: SenderOptions } = {}): Promise<Harness> {
  const connector = new FakeConnector();
  await connector.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'psb-e2e-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const boot = async () =>
    startBot(config, {
      log: silentLogger,
      now: options.now,
      store: options.store ? await options.store() : undefined,
      sender: { pollMs: 50, baseBackoffMs: 50, maxBackoffMs: 500, ...options.sender },
    });
  let bot = await boot();
  await importRoster(bot.services, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
  await importChildren(bot.services, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  const harness: Harness = {
    bot,
    url: `http://127.0.0.1:${bot.port}`,
    connector,
    dataDir,
    user: (member) => new TeamsUser(member, () => harness.url, connector),
    restart: async () => {
      await bot.stop();
      bot = await boot();
      harness.bot = bot;
      harness.url = `http://127.0.0.1:${bot.port}`;
    },
    stop: async () => {
      await bot.stop();
      await connector.stop();
    },
  };
  return harness;
}
