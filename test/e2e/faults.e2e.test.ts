// Faults: the database unreachable mid-flow, and the Teams connector failing. Nothing is lost and
// nothing is done twice.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, ukDate } from '../../src/domain/dates';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { cardText, firstCard } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { flaky, type FlakyStore } from '../support/flakyStore';
import { validMoveForm } from '../support/fixtures';

const form = () => validMoveForm({ caseRef: 'CR-1001', proposedDate: addDays(ukDate(new Date()), 10) });

describe('faults', () => {
  let h: Harness;
  let store: FlakyStore;

  beforeEach(async () => {
    h = await startHarness({ store: async () => (store = flaky(await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-fault-'))))) });
    await h.user(PEOPLE.hana).say('hi');
    await h.user(PEOPLE.sam).say('hi');
  });
  afterEach(async () => {
    store.down = false;
    await h.stop();
  });

  test('the database unreachable mid-turn: the user is told nothing was saved, /healthz says 503, and it resumes by itself', async () => {
    const sam = h.user(PEOPLE.sam);
    await sam.say('request a move');
    store.down = true;
    const refused = await sam.pressButton('Send for approval', form());
    expect(cardText(refused.body.value)).toContain('Nothing was saved');
    expect((await fetch(`${h.url}/healthz`)).status).toBe(503);
    const [chat] = await sam.say('my tasks');
    expect(cardText(firstCard(chat.activity)) + (chat.activity.text ?? '')).toContain('Nothing was saved');

    store.down = false;
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const accepted = await sam.pressButton('Send for approval', form());
    expect(cardText(accepted.body.value)).toContain('Sent for approval');
    expect(await h.bot.services.records.moveRequests.count({})).toBe(1);
  });

  test('the database unreachable while notifications are due: they are sent once it is back', async () => {
    const sam = h.user(PEOPLE.sam);
    await sam.say('request a move');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.pressButton('Send for approval', form())).body.value))![0];
    await h.connector.waitFor(() => h.connector.sentTo(h.user(PEOPLE.hana).conversationId).find((a) => cardText(firstCard(a.activity)).includes(ref)));
    await h.user(PEOPLE.hana).pressButton('Approve', {}, { on: ref });
    store.down = true; // the sender's next passes fail
    await new Promise((r) => setTimeout(r, 300));
    store.down = false;
    const approvedNotice = (a: { kind: string; activity: any }) =>
      a.kind === 'send' && / approved by Hana Head/.test(cardText(firstCard(a.activity))) && cardText(firstCard(a.activity)).includes(ref);
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find(approvedNotice));
    await new Promise((r) => setTimeout(r, 300));
    expect(h.connector.sentTo(sam.conversationId).filter(approvedNotice)).toHaveLength(1);
  });

  test('the connector answering 500 and then 503 with Retry-After: delivered once after it recovers', async () => {
    const sam = h.user(PEOPLE.sam);
    await sam.say('request a move');
    h.connector.failNext({ status: 500 }, { status: 503, retryAfter: '1' }, { status: 500 });
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.pressButton('Send for approval', form())).body.value))![0];
    await h.connector.waitFor(() => h.connector.sentTo(h.user(PEOPLE.hana).conversationId).find((a) => cardText(firstCard(a.activity)).includes(ref)), 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const cards = h.connector.sentTo(h.user(PEOPLE.hana).conversationId).filter((a) => cardText(firstCard(a.activity)).includes(`Placement move request ${ref}`));
    expect(cards).toHaveLength(1);
  });

  test('the connector refusing a message (403): that entry is marked failed, not sent, and the other message still goes out', async () => {
    const sam = h.user(PEOPLE.sam);
    const hana = h.user(PEOPLE.hana);
    h.connector.refuse(hana.conversationId, 403);
    await sam.say('request a move');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.pressButton('Send for approval', form())).body.value))![0];
    const records = h.bot.services.records;
    // Sam's form, now the request's card, is recorded as a copy already shown: it is not sent.
    const settled = async () =>
      (await records.outbox.get(`${ref}:approval:${PEOPLE.hana.email}`))?.state === 'failed' && (await records.outbox.get(`${ref}:requested:requester`))?.state === 'sent';
    for (let tries = 0; !(await settled()) && tries < 200; tries++) await new Promise((r) => setTimeout(r, 50));
    expect(await records.outbox.get(`${ref}:approval:${PEOPLE.hana.email}`)).toMatchObject({
      state: 'failed',
      attempts: 1,
      activityId: null,
      lastError: expect.stringContaining('403'),
    });
    expect(await records.outbox.get(`${ref}:requested:requester`)).toMatchObject({ state: 'sent' });
  });

  test('an approval card Teams refuses (403) falls back to the approvals channel, and the requester is told who was not reached', async () => {
    const sam = h.user(PEOPLE.sam);
    const hana = h.user(PEOPLE.hana);
    const channel = '19:north-approvals@thread.tacv2';
    await h.bot.services.records.teamSettings.put({ _id: 'North', version: 1, approvalsChannel: channel, updatedAt: new Date().toISOString() });
    h.connector.refuse(hana.conversationId, 403);
    await sam.say('request a move');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.pressButton('Send for approval', form())).body.value))![0];
    const posted = await h.connector.waitFor(() => h.connector.sentTo(channel).find((a) => cardText(firstCard(a.activity)).includes(ref)));
    expect(cardText(firstCard(posted.activity))).toContain('Approve');
    const told = await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes('did not reach Hana Head')));
    expect(cardText(firstCard(told.activity))).toMatch(/403[\s\S]*posted to the North approvals channel/);
    expect(h.connector.sentTo(hana.conversationId).filter((a) => cardText(firstCard(a.activity)).includes(ref))).toHaveLength(0);
    // The channel's copy is a real approval card: a decision there is recorded.
    expect((await h.bot.services.records.outbox.get(`${ref}:approval:channel:${channel}`))?.state).toBe('sent');
    // The bot is up: /healthz stays 200 and says how many messages could not be delivered.
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', undelivered: 1 });
  });
});
