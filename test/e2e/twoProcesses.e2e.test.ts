// Two bot processes on one MongoDB: each decision is made once and each message is sent once,
// whichever process takes the request and whichever sender claims the message.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { addDays, ukDate } from '../../src/domain/dates';
import { silentLogger } from '../../src/services/context';
import { importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import { startBot, type RunningBot } from '../../src/startBot';
import { openMongoStore } from '../../src/store/mongoStore';
import { EXAMPLES, PEOPLE } from '../support/botHarness';
import { cardText, FakeConnector, firstCard, TeamsUser } from '../support/fakeTeams';
import { startWireServer } from '../support/mongoWire';
import { waitUntil } from '../support/processes';
import { validMoveForm } from '../support/fixtures';

describe('two bot processes on one MongoDB', () => {
  let wire: { uri: string; stop(): Promise<void> };
  let connector: FakeConnector;
  let bots: RunningBot[];

  beforeAll(async () => {
    wire = await startWireServer();
    connector = new FakeConnector();
    await connector.start();
    const boot = async () =>
      startBot(loadConfig({ PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'psb-two-')), LOG_LEVEL: 'silent' }), {
        log: silentLogger,
        store: await openMongoStore(wire.uri, 'psb_two_processes', { serverSelectionTimeoutMS: 5000 }),
        sender: { pollMs: 20, baseBackoffMs: 20 },
      });
    bots = [await boot(), await boot()];
    await importRoster(bots[0].services, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(bots[0].services, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await connector.stop();
    await wire.stop();
  });

  test('two Heads of Service approving on different processes at once: one decision, one message to the requester', async () => {
    const via = (bot: RunningBot, member: (typeof PEOPLE)[keyof typeof PEOPLE]) => new TeamsUser(member, () => `http://127.0.0.1:${bot.port}`, connector);
    const sam = via(bots[0], PEOPLE.sam);
    await via(bots[0], PEOPLE.hana).say('hi');
    await via(bots[1], PEOPLE.harry).say('hi');
    await sam.say('request a move');
    const { body } = await sam.pressButton('Send for approval', validMoveForm({ caseRef: 'CR-1004', proposedDate: addDays(ukDate(new Date()), 7), reasonCode: 'CARPL' }));
    const ref = /PM-\d{4}-\d{4}/.exec(cardText(body.value))![0];
    const hana = via(bots[0], PEOPLE.hana);
    const harry = via(bots[1], PEOPLE.harry);
    for (const approver of [hana, harry]) await connector.waitFor(() => approver.receivedCards().find((c) => cardText(c.card).includes(`Placement move request ${ref}`)));

    const [a, b] = await Promise.all([hana.pressButton('Approve', {}, { on: ref }), harry.pressButton('Approve', {}, { on: ref })]);
    expect([cardText(a.body.value), cardText(b.body.value)].filter((t) => t.includes('Your decision is recorded'))).toHaveLength(1);

    const told = () =>
      connector.sentTo(sam.conversationId).filter((x) => x.kind === 'send' && cardText(firstCard(x.activity)).includes(`${ref} for Casey Demo (CR-1004) approved`));
    await connector.waitFor(() => told().length > 0);
    // Nothing further can be sent once the outbox holds nothing waiting to go for the request
    // ('held' messages wait for a person who has not opened a chat with the bot).
    await waitUntil('the outbox to hold nothing waiting to go for the request', async () =>
      (await bots[0].services.records.outbox.find({ subjectRef: ref })).every((m) => m.state !== 'pending' && m.state !== 'sending'),
    );
    expect(told()).toHaveLength(1);
    const approvalCopies = [hana, harry]
      .flatMap((u) => connector.sentTo(u.conversationId))
      .filter((x) => x.kind === 'send' && cardText(firstCard(x.activity)).includes(`Placement move request ${ref}`));
    expect(approvalCopies).toHaveLength(2); // one to each Head of Service, each sent once
  });
});
