// Conversations the bot stored before it kept them as plain fields: those documents hold the Bot
// Framework SDK's ConversationReference. A message to such a conversation still arrives, with the
// same conversation, tenant and service URL; the next turn in it, or the bot's next start, rewrites
// it in plain fields.
import { enqueue } from '../../src/services/outbox';
import { cardText, firstCard } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CHANNEL = '19:north-approvals@thread.tacv2';

describe("conversations stored in the SDK's old shape", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  /** The reference as botbuilder's TurnContext.getConversationReference gave it, less the activity id. */
  const sdkReference = (conversation: Record<string, unknown>, user?: Record<string, unknown>) => ({
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    locale: 'en-GB',
    bot: { id: '28:bot-id', name: 'Placement Stability Bot' },
    ...(user ? { user } : {}),
    conversation: { tenantId: TENANT, ...conversation },
  });

  const notice = (key: string, recipient: { kind: 'person'; personId: string } | { kind: 'channel'; conversationId: string }) =>
    enqueue(h.bot.services, { key, recipient, content: { kind: 'notice', title: `Notice ${key}`, text: 'Stored-conversation check.' }, subjectRef: null });

  /** The sender records the outcome just after the connector's answer. */
  async function outboxEntryOnceSent(key: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const entry = await h.bot.services.records.outbox.get(key);
      if (entry?.state === 'sent' || Date.now() > deadline) return entry;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  test('a message to a person whose chat was stored in the old shape is delivered, and their next turn stores plain fields', async () => {
    const hana = h.user(PEOPLE.hana);
    const personId = PEOPLE.hana.email;
    await h.bot.services.records.conversations.insert({
      _id: `person:${personId}`,
      version: 1,
      kind: 'personal',
      personId,
      conversationId: hana.conversationId,
      reference: sdkReference({ id: hana.conversationId, conversationType: 'personal' }, { id: PEOPLE.hana.id, name: PEOPLE.hana.name, aadObjectId: PEOPLE.hana.aadObjectId }),
      updatedAt: '2026-10-01T09:00:00.000Z',
    });

    await notice('old-shape-1', { kind: 'person', personId });
    const [first] = await h.connector.waitFor(() => {
      const sent = h.connector.sentTo(hana.conversationId).filter((a) => cardText(firstCard(a.activity)).includes('Notice old-shape-1'));
      return sent.length > 0 && sent;
    });
    expect(first.activity.conversation).toMatchObject({ id: hana.conversationId, tenantId: TENANT });
    expect(await outboxEntryOnceSent('old-shape-1')).toMatchObject({ state: 'sent', conversationId: hana.conversationId });

    await hana.say('hi');
    const stored = await h.bot.services.records.conversations.get(`person:${personId}`);
    expect(stored).not.toHaveProperty('reference');
    expect(stored).toMatchObject({
      version: 2,
      conversationId: hana.conversationId,
      serviceUrl: h.connector.url,
      tenantId: TENANT,
      botId: '28:bot-id',
      conversationType: 'personal',
      userAadId: PEOPLE.hana.aadObjectId,
    });

    await notice('plain-1', { kind: 'person', personId });
    await h.connector.waitFor(() => h.connector.sentTo(hana.conversationId).some((a) => cardText(firstCard(a.activity)).includes('Notice plain-1')));
  });

  test('a message to a channel stored in the old shape is delivered to that channel', async () => {
    await h.bot.services.records.conversations.insert({
      _id: `channel:${CHANNEL}`,
      version: 1,
      kind: 'channel',
      personId: null,
      conversationId: CHANNEL,
      reference: sdkReference({ id: CHANNEL, conversationType: 'channel', isGroup: true }, { id: PEOPLE.tom.id, aadObjectId: PEOPLE.tom.aadObjectId }),
      updatedAt: '2026-10-01T09:00:00.000Z',
    });

    await notice('old-channel-1', { kind: 'channel', conversationId: CHANNEL });
    const [sent] = await h.connector.waitFor(() => {
      const found = h.connector.sentTo(CHANNEL);
      return found.length > 0 && found;
    });
    expect(cardText(firstCard(sent.activity))).toContain('Notice old-channel-1');
    expect(sent.activity.conversation).toMatchObject({ id: CHANNEL, tenantId: TENANT, conversationType: 'channel', isGroup: true });
  });

  test("the bot's next start rewrites an old-shape chat in plain fields, and messages still reach it", async () => {
    const tom = h.user(PEOPLE.tom);
    const personId = PEOPLE.tom.email;
    await h.bot.services.records.conversations.insert({
      _id: `person:${personId}`,
      version: 1,
      kind: 'personal',
      personId,
      conversationId: tom.conversationId,
      reference: sdkReference({ id: tom.conversationId, conversationType: 'personal' }, { id: PEOPLE.tom.id, aadObjectId: PEOPLE.tom.aadObjectId }),
      updatedAt: '2026-10-01T09:00:00.000Z',
    });

    await h.restart();
    expect(await h.bot.services.records.conversations.get(`person:${personId}`)).toMatchObject({
      version: 2,
      reference: null,
      conversationId: tom.conversationId,
      serviceUrl: h.connector.url,
      tenantId: TENANT,
      botId: '28:bot-id',
      userAadId: PEOPLE.tom.aadObjectId,
    });

    await notice('after-restart-1', { kind: 'person', personId });
    expect(await outboxEntryOnceSent('after-restart-1')).toMatchObject({ state: 'sent', conversationId: tom.conversationId });
    expect(h.connector.sentTo(tom.conversationId).some((a) => cardText(firstCard(a.activity)).includes('Notice after-restart-1'))).toBe(true);
  });
});
