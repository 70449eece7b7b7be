// End to end with the Microsoft 365 Agents Playground as the Teams client, when Teams refuses a
// message: Hana's Teams is reached through a proxy (test/support/teamsFaultProxy.ts) that answers
// 403 for her chat, as Teams does when the app has been removed for her. The approval card must
// not be lost: it goes to the team's approvals channel, and Sam is told whom it did not reach.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/services/context';
import { importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import { startBot, type RunningBot } from '../../src/startBot';
import { PLAYGROUND_TEAM } from '../../scripts/playgroundSetup';
import { EXAMPLES } from '../support/botHarness';
import { cardActions, cardText } from '../support/fakeTeams';
import { validMoveForm } from '../support/moveForm';
import { cardOf, Playground, playgroundSkipReason, type PlaygroundMessage } from '../support/playground';
import { TeamsFaultProxy } from '../support/teamsFaultProxy';

const skipReason = playgroundSkipReason();
const describeWithPlayground = skipReason ? describe.skip : describe;
if (skipReason) test.skip(`Playground fault tests (skipped: ${skipReason})`, () => undefined);

const CHANNEL = PLAYGROUND_TEAM.managersChannel.id;
const textOf = (m: PlaygroundMessage) => m.text ?? cardText(cardOf(m));

describeWithPlayground('with the Playground, when Teams refuses a message', () => {
  let bot: RunningBot;
  let dataDir: string;
  let hanasTeams: TeamsFaultProxy;
  let sam: Playground;
  let hana: Playground;
  let tom: Playground;
  const playgrounds: Playground[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'psb-playground-faults-'));
    bot = await startBot(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      log: silentLogger,
      sender: { pollMs: 50, baseBackoffMs: 50, maxBackoffMs: 500 },
    });
    await importRoster(bot.services, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(bot.services, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
    const botEndpoint = `http://127.0.0.1:${bot.port}/api/messages`;
    hanasTeams = await TeamsFaultProxy.start(botEndpoint);
    // One after another: three Playgrounds starting at once can miss their start-up limit on a busy 2-core machine.
    for (const [person, endpoint] of [
      ['sam', botEndpoint],
      ['hana', hanasTeams.endpoint],
      ['tom', botEndpoint],
    ] as const) {
      playgrounds.push(await Playground.start({ person, botEndpoint: endpoint }));
    }
    [sam, hana, tom] = playgrounds as [Playground, Playground, Playground];
    // Hana and Tom have opened the bot before, so it knows where to reach them.
    for (const [person, name] of [
      [hana, 'Hana'],
      [tom, 'Tom'],
    ] as const) {
      await person.say('help');
      await person.waitFor((m) => m.conversationId === person.personalChat && textOf(m).includes(`Hello ${name}`), 'help card');
    }
    await tom.say('approvals here North', CHANNEL);
    await tom.waitFor((m) => m.conversationId.startsWith(CHANNEL) && textOf(m).includes('will now receive approval cards for North'), 'approvals channel reply');
  }, 300_000);

  afterAll(async () => {
    await Promise.all(playgrounds.map((p) => p.stop()));
    await hanasTeams?.stop();
    await bot?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("an approval card Hana's Teams refuses (403) is posted to the North approvals channel instead, and Sam is told it did not reach her", async () => {
    hanasTeams.refuse(hana.personalChat);

    await sam.say('request a move');
    await sam.waitFor((m) => cardActions(cardOf(m)).has('Send for approval'), 'move request form');
    const sent = await sam.pressButton('Send for approval', validMoveForm({ caseRef: 'CR-1001' }));
    const ref = /PM-\d{4}-\d{4}/.exec(cardText(sent.value))![0];

    const inChannel = await tom.waitFor(
      (m) => m.conversationId.startsWith(CHANNEL) && cardText(cardOf(m)).includes(`Placement move request ${ref}`),
      'the approval card in the approvals channel',
    );
    expect(cardActions(cardOf(inChannel)).has('Approve')).toBe(true);
    // The channel is shared: case reference and structured facts only.
    expect(textOf(inChannel)).not.toContain('Jamie');

    const told = await sam.waitFor((m) => m.conversationId === sam.personalChat && textOf(m).includes('did not reach Hana Head'), 'the notice of who was not reached');
    expect(textOf(told)).toMatch(/403[\s\S]*posted to the North approvals channel/);

    expect(hanasTeams.refused.some((r) => r.path.includes(encodeURIComponent(hana.personalChat)) || r.path.includes(hana.personalChat))).toBe(true);
    expect(hana.messages.filter((m) => textOf(m).includes(ref))).toHaveLength(0);
    expect((await bot.services.records.outbox.find({ subjectRef: ref, state: 'failed' })).length).toBeGreaterThan(0);
  });
});
