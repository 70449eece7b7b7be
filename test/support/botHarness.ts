// Starts the real bot in-process on a free port (real HTTP, real store) with the example roster
// and children, plus a fake Teams connector, for end-to-end tests.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { formatDate } from '../../src/domain/dates';
import type { Records } from '../../src/store/records';
import { silentLogger } from '../../src/services/context';
import { importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import { startBot, type RunningBot } from '../../src/startBot';
import type { Store } from '../../src/store/collection';
import type { SenderOptions } from '../../src/teams/delivery';
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
  /** Stops the bot and the connector; fails if the bot showed a child's name or stored free text in a shared conversation. */
  stop(): Promise<void>;
  /** What the bot must never show in a shared conversation: every child's name and date of birth, every carer's name and email, and every free text stored. */
  secrets(): Promise<string[]>;
}

/** Free text shorter than this is too common to mean anything ("no", "N/A"). */
const SHORTEST_SECRET = 8;

/**
 * Everything the store holds that a shared conversation must never show: each child's name (and
 * first name) and date of birth, their carer's name and email, and the text workers typed into move requests, alerts, meetings and
 * placement checklists.
 */
export async function storedSecrets(records: Records): Promise<string[]> {
  const secrets: Array<string | null | undefined> = [];
  for (const child of await records.children.find({})) {
    secrets.push(child.name, child.name.split(' ')[0], child.dateOfBirth, formatDate(child.dateOfBirth));
    // A carer is named as the child is (often a relative: "Jo Relative"), and so is their email.
    secrets.push(child.carerName, child.carerEmail);
  }
  for (const r of await records.moveRequests.find({})) {
    secrets.push(r.rationale, r.reasonOther, r.safeguardingIssue, r.alternativesConsidered, r.virtualSchoolAdvice, r.childToldPlan, r.decision?.comment, r.withdrawal?.reason);
    secrets.push(r.childVoice?.said, r.childVoice?.notAskedBecause);
    for (const q of r.infoRequests) secrets.push(q.question, q.answer);
  }
  for (const a of await records.fragilityAlerts.find({})) secrets.push(a.description, a.supportInPlace, a.closure?.reason, a.childVoice?.said, a.childVoice?.notAskedBecause);
  // A placement plan checklist's reasons for "not possible" (PLAN-3, PLAN-4).
  for (const t of await records.tasks.find({ kind: 'placement-plan' })) for (const answer of Object.values(t.checklist ?? {})) secrets.push(answer.reason);
  for (const m of await records.meetings.find({})) {
    secrets.push(m.childAttendanceReason, m.outcome?.summary, m.outcome?.serviceNeeded, ...(m.outcome?.actions ?? []).map((x) => x.what));
    secrets.push(m.childVoice?.said, m.childVoice?.notAskedBecause, m.outcome?.childVoice?.said, m.outcome?.childVoice?.notAskedBecause, ...(m.changes ?? []).map((c) => c.reason));
  }
  const meaningful = (s: string | null | undefined): s is string => !!s && (s.trim().length >= SHORTEST_SECRET || /^[A-Z][a-z]{3,}$/.test(s)); // or a first name
  return [...new Set(secrets.filter(meaningful))];
}

/** The example children's names and birth dates and their carers' names and emails, for when the store cannot be read at the end of a test. */
function exampleChildSecrets(): string[] {
  const [, ...rows] = readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8').trim().split('\n');
  return rows.flatMap((row) => {
    const [, name, dateOfBirth, , , , , , carerName, carerEmail] = row.split(',');
    return [name, name.split(' ')[0], dateOfBirth, formatDate(dateOfBirth), carerName, carerEmail].filter(Boolean);
  });
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
    secrets: () => storedSecrets(bot.services.records),
    stop: async () => {
      // The whole end-to-end suite is checked: nothing private in a channel, group chat or meeting chat.
      const secrets = await storedSecrets(bot.services.records).catch(() => exampleChildSecrets());
      await bot.stop();
      await connector.stop();
      const leaks = connector.sharedLeaks(secrets);
      if (leaks.length > 0) throw new Error(`The bot showed private details in a shared conversation:\n${leaks.join('\n')}`);
    },
  };
  return harness;
}
