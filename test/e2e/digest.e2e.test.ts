// The daily digest end to end: a managers' channel subscribes with an @mention, the scheduler runs
// on a fake clock, two bot processes share one MongoDB, and a restart after a missed day.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/services/context';
import { startBot, type RunningBot } from '../../src/startBot';
import { openMongoStore } from '../../src/store/mongoStore';
import { cardText, FakeConnector, firstCard } from '../support/fakeTeams';
import { PEOPLE } from '../support/botHarness';
import { startWireServer } from '../support/mongoWire';

const CHANNEL = '19:managers@thread.tacv2';
const CHILD_NAMES = ['Jamie Example', 'Riley Sample', 'Morgan Test', 'Casey Demo', 'Taylor Made-Up'];

describe("the managers' digest", () => {
  let wire: { uri: string; stop(): Promise<void> };
  let connector: FakeConnector;
  let clock: Date;
  const bots: RunningBot[] = [];

  beforeAll(async () => {
    wire = await startWireServer();
    connector = new FakeConnector();
    await connector.start();
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await connector.stop();
    await wire.stop();
  });

  async function boot(): Promise<RunningBot> {
    const config = loadConfig({ PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'psb-digest-')), LOG_LEVEL: 'silent' });
    const bot = await startBot(config, {
      log: silentLogger,
      now: () => clock,
      store: await openMongoStore(wire.uri, 'psb_digest_e2e', { serverSelectionTimeoutMS: 5000 }),
      sender: { pollMs: 30, baseBackoffMs: 30 },
      scheduler: { tickMs: 30 },
    });
    bots.push(bot);
    return bot;
  }

  const digestsPosted = () => connector.sentTo(CHANNEL).filter((a) => cardText(firstCard(a.activity)).includes('Placement stability: North'));
  const settle = () => new Promise((r) => setTimeout(r, 400));

  test('subscribe, one digest a day across two processes, and one after a restart that missed days', async () => {
    clock = new Date('2026-11-23T07:00:00Z'); // Monday, before 08:00
    const [a, b] = [await boot(), await boot()];
    connector.members.set(PEOPLE.tom.id, PEOPLE.tom);
    const res = await fetch(`http://127.0.0.1:${a.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'm1',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: PEOPLE.tom.id, name: PEOPLE.tom.name, aadObjectId: PEOPLE.tom.aadObjectId },
        recipient: { id: '28:bot', name: 'Placement Stability Bot' },
        conversation: { id: `${CHANNEL};messageid=m1`, conversationType: 'channel', isGroup: true },
        channelData: { channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } },
        entities: [{ type: 'mention', mentioned: { id: '28:bot', name: 'Placement Stability Bot' }, text: '<at>Placement Stability Bot</at>' }],
        text: '<at>Placement Stability Bot</at> digest here North',
      }),
    });
    expect(res.status).toBe(200);
    await connector.waitFor(() => connector.activities.find((x) => x.activity.text?.includes('will get the placement stability digest for North')));

    await settle();
    expect(digestsPosted()).toHaveLength(0); // not before 08:00

    clock = new Date('2026-11-23T08:01:00Z');
    await connector.waitFor(() => digestsPosted().length > 0);
    await settle();
    expect(digestsPosted()).toHaveLength(1); // two processes, one digest

    const text = cardText(firstCard(digestsPosted()[0].activity));
    expect(text).toContain('Waiting for a decision');
    for (const name of CHILD_NAMES) expect(text).not.toContain(name);

    // Both stop; the bot is down on Tuesday and Wednesday morning; on Wednesday at 10:00 one starts.
    await Promise.all([a.stop(), b.stop()]);
    clock = new Date('2026-11-25T10:00:00Z');
    const c = await boot();
    await connector.waitFor(() => digestsPosted().length > 1);
    await settle();
    expect(digestsPosted()).toHaveLength(2); // Wednesday's, once; not Tuesday's as well
    await c.stop();
    await boot();
    await settle();
    expect(digestsPosted()).toHaveLength(2); // a further restart the same day sends nothing
  });
});
