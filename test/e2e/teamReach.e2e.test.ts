// Reaching people who never opened the bot, over real HTTP: the bot is installed in a Teams team,
// reads the team's member list (page after page), matches the members to the roster, and starts a
// one-to-one chat (POST /v3/conversations) with a Head of Service when it first has an approval card
// for them. When Teams refuses that chat (403), the existing fallback follows: the approvals channel,
// and the requester is told who was not reached.
import { addDays, ukDate } from '../../src/domain/dates';
import { cardText, FakeConnector, firstCard, type SentActivity } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validMoveForm } from '../support/fixtures';
import type { ConversationDoc } from '../../src/store/records';
import { conversationAddressOf } from '../../src/services/conversations';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph';

const TEAM = '19:team@thread.tacv2'; // the team's id, which is its General channel's (see fakeTeams)
const form = () => validMoveForm({ caseRef: 'CR-1001', proposedDate: addDays(ukDate(new Date()), 10) });

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('reaching people who never opened the bot, through a team the bot is in', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.user(PEOPLE.sam).say('hi');
    // Hana and Harry, North's Heads of Service, have never opened the bot; they are in the team with Sam and Tom.
    h.connector.serveTeam(TEAM, [PEOPLE.sam, PEOPLE.hana, PEOPLE.harry, PEOPLE.tom, PEOPLE.stranger]);
    const installed = await h.user(PEOPLE.tom).in({ id: TEAM, type: 'channel' }).added('bot');
    expect(installed.status).toBeLessThan(300);
    const conversations = h.bot.services.records.conversations;
    // The list is read once the team records its read time (after the members it found).
    await eventually(
      async () =>
        !!(await conversations.get(`member:${PEOPLE.harry.email}`)) &&
        !!(await conversations.get(`member:${PEOPLE.hana.email}`)) &&
        !!((await conversations.get(`team:${TEAM}`)) as ConversationDoc | null)?.membersReadAt,
    );
  });
  afterEach(async () => {
    await h.stop();
  });

  test('installed in a team, the bot reads its member list and keeps a member address for each roster person in it (and nobody else)', async () => {
    const conversations = h.bot.services.records.conversations;
    expect(h.connector.memberPagesServed).toBe(3); // five members, two a page
    expect(await conversations.get(`member:${PEOPLE.harry.email}`)).toMatchObject({
      kind: 'member',
      conversationId: TEAM,
      teamsUserId: PEOPLE.harry.id,
      userAadId: PEOPLE.harry.aadObjectId,
      serviceUrl: h.connector.url,
    });
    expect(await conversations.get(`member:${PEOPLE.stranger.email}`)).toBeNull(); // not on the roster
    expect(await conversations.get(`team:${TEAM}`)).toMatchObject({ kind: 'team', membersReadAt: expect.any(String) });
    expect(h.connector.createdChats).toHaveLength(0); // a chat is started only when there is something to send
  });

  test('someone who leaves the team is no longer reached through it, and a team that removes the bot is forgotten', async () => {
    const conversations = h.bot.services.records.conversations;
    const inTeam = h.user(PEOPLE.tom).in({ id: TEAM, type: 'channel' });
    h.connector.serveTeam(TEAM, [PEOPLE.sam, PEOPLE.hana, PEOPLE.tom]);
    await inTeam.removed(PEOPLE.harry);
    await eventually(async () => (await conversations.get(`member:${PEOPLE.harry.email}`)) === null);
    expect(await conversations.get(`member:${PEOPLE.hana.email}`)).not.toBeNull();

    await inTeam.removed('bot');
    await eventually(async () => (await conversations.get(`team:${TEAM}`)) === null);
    expect(await conversations.count({ kind: 'member' })).toBe(0);
  });

  test('an approval card reaches a Head of Service who never opened the bot, in a chat the bot starts, and he can decide from it', async () => {
    const sam = h.user(PEOPLE.sam);
    await sam.say('request a move');
    const sent = cardText((await sam.pressButton('Send for approval', form())).body.value);
    const ref = /PM-\d{4}-\d{4}/.exec(sent)![0];

    const harryChat = FakeConnector.personalChatId(PEOPLE.harry);
    await h.connector.waitFor(() => h.connector.sentTo(harryChat).find((a: SentActivity) => cardText(firstCard(a.activity)).includes(`Placement move request ${ref}`)));
    expect(h.connector.createdChats).toEqual(
      expect.arrayContaining([
        { conversationId: harryChat, memberId: PEOPLE.harry.id, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
        { conversationId: FakeConnector.personalChatId(PEOPLE.hana), memberId: PEOPLE.hana.id, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
      ]),
    );
    // The chat is remembered like one Harry opened himself: the next message needs no new chat.
    expect(await h.bot.services.records.conversations.get(`person:${PEOPLE.harry.email}`)).toMatchObject({ conversationId: harryChat, conversationType: 'personal' });

    const decided = await h.user(PEOPLE.harry).pressButton('Approve', {}, { on: ref });
    expect(decided.status).toBe(200);
    await eventually(async () => (await h.bot.services.records.moveRequests.get(ref))?.state === 'approved');
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes('approved by Harry Hughes')));
    expect(h.connector.createdChats.filter((c) => c.memberId === PEOPLE.harry.id)).toHaveLength(1);
  });

  test('Teams refusing the new chat (403) fails that card for good: it falls back to the approvals channel and the requester is told who was not reached', async () => {
    const channel = '19:north-approvals@thread.tacv2';
    await h.bot.services.records.teamSettings.put({ _id: 'North', version: 1, approvalsChannel: channel, updatedAt: new Date().toISOString() });
    h.connector.refuseChatWith(PEOPLE.hana, 403);
    h.connector.refuseChatWith(PEOPLE.harry, 403);
    const sam = h.user(PEOPLE.sam);
    await sam.say('request a move');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.pressButton('Send for approval', form())).body.value))![0];

    const posted = await h.connector.waitFor(() => h.connector.sentTo(channel).find((a) => cardText(firstCard(a.activity)).includes(ref)));
    expect(cardText(firstCard(posted.activity))).toContain('Approve');
    for (const who of ['Hana Head', 'Harry Hughes']) {
      await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`did not reach ${who}`)));
    }
    const told = h.connector.sentTo(sam.conversationId).map((a) => cardText(firstCard(a.activity)));
    expect(told.some((t) => /403[\s\S]*posted to the North approvals channel/.test(t))).toBe(true);
    const outbox = h.bot.services.records.outbox;
    expect(await outbox.get(`${ref}:approval:${PEOPLE.harry.email}`)).toMatchObject({ state: 'failed', activityId: null, lastError: expect.stringContaining('403') });
    expect(h.connector.createdChats).toHaveLength(0);
    expect(h.connector.sentTo(FakeConnector.personalChatId(PEOPLE.harry))).toHaveLength(0);
  });

  test('Teams throttling the new chat (429) is retried, and the card then arrives once', async () => {
    h.connector.failNextChats({ status: 429, retryAfter: '0' }, { status: 429, retryAfter: '0' });
    const sam = h.user(PEOPLE.sam);
    await sam.say('request a move');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.pressButton('Send for approval', form())).body.value))![0];
    const cardFor = (member: typeof PEOPLE.hana) => () =>
      h.connector.sentTo(FakeConnector.personalChatId(member)).filter((a) => cardText(firstCard(a.activity)).includes(`Placement move request ${ref}`));
    await h.connector.waitFor(() => cardFor(PEOPLE.hana)().length > 0 && cardFor(PEOPLE.harry)().length > 0);
    expect(cardFor(PEOPLE.hana)()).toHaveLength(1);
    expect(cardFor(PEOPLE.harry)()).toHaveLength(1);
    expect(h.connector.chatRequests).toBe(4); // two throttled, then one each
    expect(await h.bot.services.records.outbox.get(`${ref}:approval:${PEOPLE.hana.email}`)).toMatchObject({ state: 'sent' });
  });

  test('a person added to the team later is found when Teams says members were added, and what was held for them goes', async () => {
    // Steve is not in the team yet: an alert for him is held.
    const steve = { id: '29:steve', name: 'Steve Supervising', aadObjectId: '00000000-0000-0000-0000-00000000a011', email: 'steve.ssw@example.org' };
    await h.user(PEOPLE.tom).say('hi');
    const raised = cardText(
      (
        await h.user(PEOPLE.sam).press('alert.submit', {
          caseRef: 'CR-1001',
          triggers: 'carer-struggling',
          description: 'The carer rang: the evenings have become very hard since the school exclusion.',
          immediateSafeguardingRisk: 'no',
          supportInPlace: 'Respite weekend and weekly SSW visits since last month.',
          noticedOn: '',
        })
      ).body.value,
    );
    const ref = /FA-\d{4}-\d{4}/.exec(raised)![0];
    const key = `${ref}:alert:${steve.email}`;
    await eventually(async () => (await h.bot.services.records.outbox.get(key))?.state === 'held');

    h.connector.serveTeam(TEAM, [PEOPLE.sam, PEOPLE.hana, PEOPLE.harry, PEOPLE.tom, steve]);
    await h.user(PEOPLE.tom).in({ id: TEAM, type: 'channel' }).added(steve);
    await h.connector.waitFor(() => h.connector.sentTo(FakeConnector.personalChatId(steve)).find((a) => cardText(firstCard(a.activity)).includes(`Fragility alert ${ref}`)));
    await eventually(async () => (await h.bot.services.records.outbox.get(key))?.state === 'sent');
  });
});

describe('reaching someone in no team with the bot: Microsoft Graph adds the app for them (GRAPH_TEAMS_APP_ID)', () => {
  let h: Harness;
  let graph: FakeGraph;
  let restoreEnv: () => void;

  beforeEach(async () => {
    graph = await startFakeGraph();
    restoreEnv = graph.actAsManagedIdentityEndpoint();
    h = await startHarness({ env: { ...graph.env(), GRAPH_TEAMS_APP_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' } });
    // As Teams does once the app is added for someone: it tells the bot of the new one-to-one chat.
    graph.whenInstalled((user) => {
      const person = Object.values(PEOPLE).find((p) => p.email === user || p.aadObjectId === user);
      if (person) void h.user(person).added('bot');
    });
  });
  afterEach(async () => {
    await h.stop();
    restoreEnv();
    await graph.stop();
  });

  test('an approval card for Heads of Service who never opened the bot and share no team with it: Graph adds the app for each, Teams tells the bot of the chat, and the held card arrives once', async () => {
    const sam = h.user(PEOPLE.sam);
    await sam.say('request a move');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.pressButton('Send for approval', form())).body.value))![0];

    const cardsFor = (member: typeof PEOPLE.harry) =>
      h.connector.sentTo(FakeConnector.personalChatId(member)).filter((a) => cardText(firstCard(a.activity)).includes(`Placement move request ${ref}`));
    await h.connector.waitFor(() => cardsFor(PEOPLE.harry).length > 0 && cardsFor(PEOPLE.hana).length > 0);
    expect(graph.installedFor.sort()).toEqual([PEOPLE.hana.email, PEOPLE.harry.email].sort());
    expect(cardsFor(PEOPLE.harry)).toHaveLength(1);
    await eventually(async () => (await h.bot.services.records.outbox.get(`${ref}:approval:${PEOPLE.harry.email}`))?.state === 'sent');
    expect(await h.bot.services.records.audit.count({ action: 'teams-app.added-for-person', subject: PEOPLE.harry.email })).toBe(1);

    const decided = await h.user(PEOPLE.harry).pressButton('Approve', {}, { on: ref });
    expect(decided.status).toBe(200);
    await eventually(async () => (await h.bot.services.records.moveRequests.get(ref))?.state === 'approved');
  });

  test("Graph answering 409 for someone whose address the bot lost (the app is already installed for him): the installation's chat is read from Graph and the card goes there at once, audited", async () => {
    // Harry had the app before (the bot's record of his chat is gone): adding it again answers 409, and Teams tells the bot nothing new.
    graph.installedBefore.set(PEOPLE.harry.email, FakeConnector.personalChatId(PEOPLE.harry));
    const sam = h.user(PEOPLE.sam);
    await sam.say('request a move');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.pressButton('Send for approval', form())).body.value))![0];

    const cardsForHarry = () =>
      h.connector.sentTo(FakeConnector.personalChatId(PEOPLE.harry)).filter((a) => cardText(firstCard(a.activity)).includes(`Placement move request ${ref}`));
    await h.connector.waitFor(() => cardsForHarry().length > 0);
    await eventually(async () => (await h.bot.services.records.outbox.get(`${ref}:approval:${PEOPLE.harry.email}`))?.state === 'sent');
    expect(cardsForHarry()).toHaveLength(1);
    expect(graph.received.filter((r) => r.method === 'GET' && r.path.endsWith('/chat'))).toHaveLength(1);
    // His chat is stored like one he opened: the tenant's service URL, the chat id Graph gave.
    expect(await h.bot.services.records.conversations.get(`person:${PEOPLE.harry.email}`)).toMatchObject({
      kind: 'personal',
      conversationId: FakeConnector.personalChatId(PEOPLE.harry),
      serviceUrl: conversationAddressOf((await h.bot.services.records.conversations.get(`person:${PEOPLE.sam.email}`))!).serviceUrl,
    });
    const audited = await h.bot.services.records.audit.find({ subject: PEOPLE.harry.email });
    expect(audited.map((a) => [a.action, a.details])).toEqual(
      expect.arrayContaining([
        ['teams-app.added-for-person', { result: 'already' }],
        ['teams-app.chat-read-for-person', { found: true }],
      ]),
    );

    // Harry decides from the card he received.
    const decided = await h.user(PEOPLE.harry).pressButton('Approve', {}, { on: ref });
    expect(decided.status).toBe(200);
    await eventually(async () => (await h.bot.services.records.moveRequests.get(ref))?.state === 'approved');
  });

  test('Graph refusing to add the app (403: the permission not granted) fails the card for good: it goes to the approvals channel and Sam is told whom it did not reach', async () => {
    const channel = '19:north-approvals@thread.tacv2';
    await h.bot.services.records.teamSettings.put({ _id: 'North', version: 1, approvalsChannel: channel, updatedAt: new Date().toISOString() });
    graph.installAnswers.push({ status: 403, body: { error: { code: 'Forbidden', message: 'Missing role permissions' } } }, { status: 403 });
    const sam = h.user(PEOPLE.sam);
    await sam.say('request a move');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.pressButton('Send for approval', form())).body.value))![0];

    const posted = await h.connector.waitFor(() => h.connector.sentTo(channel).find((a) => cardText(firstCard(a.activity)).includes(ref)));
    expect(cardText(firstCard(posted.activity))).toContain('Approve');
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => /did not reach (Hana Head|Harry Hughes)/.test(cardText(firstCard(a.activity)))));
    expect(await h.bot.services.records.outbox.get(`${ref}:approval:${PEOPLE.harry.email}`)).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('Microsoft Graph could not add the app'),
    });
    expect(graph.installedFor).toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
