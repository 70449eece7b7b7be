// Conversation addresses: stored on first contact as plain fields, refreshed when Teams sends a
// different one, and not read or written again on every turn of a conversation whose address has
// not changed. Documents stored earlier in the Bot Framework SDK's shape are still read.
import { conversationAddressOf, migrateStoredConversations, rememberConversation } from '../../src/services/conversations';
import { enqueue, HELD_FOR_DAYS, sweepHeldMessages } from '../../src/services/outbox';
import type { ServiceContext } from '../../src/services/context';
import type { Person } from '../../src/domain/people';
import { describeOnEveryBackend, storeAndClockForEachTest } from '../support/backends';
import { chatAddress } from '../support/fixtures';

const sam: Person = { id: 'sam.social@example.org', name: 'Sam Social', aadObjectId: 'aad-sam', roles: ['social_worker'], teams: ['North'] } as Person;
const personal = (serviceUrl: string) => ({ kind: 'personal' as const, address: { ...chatAddress('a:sam', serviceUrl), userAadId: 'aad-sam' } });

describeOnEveryBackend('conversation addresses', (freshStore) => {
  const each = storeAndClockForEachTest(freshStore, '2026-11-23T09:00:00Z');

  test('the first contact stores the address and says it was new; the same address again changes nothing', async () => {
    const ctx = await each.context();
    expect(await rememberConversation(ctx, sam, personal('https://smba.example/uk/'))).toBe(true);
    expect(await rememberConversation(ctx, sam, personal('https://smba.example/uk/'))).toBe(false);
    expect(await ctx.records.conversations.get('person:sam.social@example.org')).toMatchObject({ version: 1, conversationId: 'a:sam', serviceUrl: 'https://smba.example/uk/' });
  });

  test('a different address (Teams moved the service URL) replaces the stored one', async () => {
    const ctx = await each.context();
    await rememberConversation(ctx, sam, personal('https://smba.example/uk/'));
    expect(await rememberConversation(ctx, sam, personal('https://smba.example/emea/'))).toBe(false);
    expect(await ctx.records.conversations.get('person:sam.social@example.org')).toMatchObject({ version: 2, serviceUrl: 'https://smba.example/emea/' });
  });

  test('an unchanged address is taken from memory: the turn needs the store neither to read nor to write', async () => {
    const ctx = await each.context();
    await rememberConversation(ctx, sam, personal('https://smba.example/uk/'));
    // The memory belongs to these records, so swap their conversations collection for one that fails on any use.
    const records = ctx.records as unknown as Record<string, unknown>;
    const real = records.conversations;
    records.conversations = new Proxy({}, { get: () => () => Promise.reject(new Error('the store was used')) });
    try {
      expect(await rememberConversation(ctx, sam, personal('https://smba.example/uk/'))).toBe(false);
    } finally {
      records.conversations = real;
    }
  });

  test('an address another process stored meanwhile is seen once the memory runs out (10 minutes)', async () => {
    const here = await each.context();
    const there = await each.context(); // a second bot process on the same database
    await rememberConversation(here, sam, personal('https://smba.example/uk/'));
    await rememberConversation(there, sam, personal('https://smba.example/emea/'));

    // Within the 10 minutes this process trusts what it stored, and does not write it back.
    await rememberConversation(here, sam, personal('https://smba.example/uk/'));
    expect(await here.records.conversations.get('person:sam.social@example.org')).toMatchObject({ serviceUrl: 'https://smba.example/emea/' });

    // After them it reads the store again, and stores the reference its own turn brings.
    each.advance(11 * 60 * 1000);
    await rememberConversation(here, sam, personal('https://smba.example/uk/'));
    expect(await here.records.conversations.get('person:sam.social@example.org')).toMatchObject({ version: 3, serviceUrl: 'https://smba.example/uk/' });
  });

  test("a conversation is stored as plain fields (conversation id, service URL, tenant, bot id, type, user), not the SDK's reference", async () => {
    const ctx = await each.context();
    await rememberConversation(ctx, sam, personal('https://smba.example/uk/'));
    const stored = await ctx.records.conversations.get('person:sam.social@example.org');
    expect(stored).toEqual({
      _id: 'person:sam.social@example.org',
      version: 1,
      kind: 'personal',
      personId: sam.id,
      conversationId: 'a:sam',
      serviceUrl: 'https://smba.example/uk/',
      tenantId: 'tenant-example',
      botId: '28:bot-example',
      conversationType: 'personal',
      userAadId: 'aad-sam',
      updatedAt: each.now().toISOString(),
    });
  });

  test("a channel is stored without any user's id", async () => {
    const ctx = await each.context();
    const address = { ...chatAddress('19:north@thread.tacv2'), conversationType: 'channel', userAadId: 'aad-sam' };
    await rememberConversation(ctx, null, { kind: 'channel', address });
    expect(await ctx.records.conversations.get('channel:19:north@thread.tacv2')).toMatchObject({ kind: 'channel', personId: null, conversationType: 'channel', userAadId: null });
  });

  /** A conversation as the bot stored it before the plain fields: the SDK's ConversationReference. */
  const oldShape = (serviceUrl: string) => ({
    _id: `person:${sam.id}`,
    version: 4,
    kind: 'personal' as const,
    personId: sam.id,
    conversationId: 'a:sam',
    reference: {
      channelId: 'msteams',
      serviceUrl,
      locale: 'en-GB',
      bot: { id: '28:bot-example', name: 'Placement bot' },
      user: { id: '29:sam', name: 'Sam Social', aadObjectId: 'aad-sam' },
      conversation: { id: 'a:sam', conversationType: 'personal', tenantId: 'tenant-example', isGroup: false, name: '' },
    },
    updatedAt: '2026-10-01T09:00:00.000Z',
  });

  test("a conversation stored in the SDK's old shape is read as the same plain address", async () => {
    const ctx = await each.context();
    await ctx.records.conversations.insert(oldShape('https://smba.example/uk/'));
    const stored = (await ctx.records.conversations.get(`person:${sam.id}`))!;
    expect(conversationAddressOf(stored)).toEqual(personal('https://smba.example/uk/').address);
  });

  test('the next contact rewrites an old-shape conversation in plain fields, even when nothing in it changed', async () => {
    const ctx = await each.context();
    await ctx.records.conversations.insert(oldShape('https://smba.example/uk/'));
    expect(await rememberConversation(ctx, sam, personal('https://smba.example/uk/'))).toBe(false);
    const stored = await ctx.records.conversations.get(`person:${sam.id}`);
    expect(stored).not.toHaveProperty('reference');
    expect(stored).toMatchObject({ version: 5, ...personal('https://smba.example/uk/').address });
  });

  test('the start-up migration rewrites old-shape conversations in plain fields, once, and leaves plain ones alone', async () => {
    const ctx = await each.context();
    await ctx.records.conversations.insert(oldShape('https://smba.example/uk/'));
    const channel = {
      ...oldShape('https://smba.example/uk/'),
      _id: 'channel:19:north@thread.tacv2',
      kind: 'channel' as const,
      personId: null,
      conversationId: '19:north@thread.tacv2',
    };
    channel.reference = { ...channel.reference, conversation: { id: '19:north@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-example', isGroup: true, name: '' } };
    await ctx.records.conversations.insert(channel);
    await rememberConversation(ctx, { ...sam, id: 'priya.patel@example.org' }, personal('https://smba.example/emea/'));

    expect(await migrateStoredConversations(ctx)).toBe(2);
    expect(await ctx.records.conversations.get(`person:${sam.id}`)).toMatchObject({ version: 5, reference: null, ...personal('https://smba.example/uk/').address });
    expect(await ctx.records.conversations.get('channel:19:north@thread.tacv2')).toMatchObject({
      reference: null,
      conversationId: '19:north@thread.tacv2',
      serviceUrl: 'https://smba.example/uk/',
      tenantId: 'tenant-example',
      botId: '28:bot-example',
      conversationType: 'channel',
      userAadId: null,
    });
    expect(await ctx.records.conversations.get('person:priya.patel@example.org')).toMatchObject({ version: 1, serviceUrl: 'https://smba.example/emea/' });
    expect(await migrateStoredConversations(ctx)).toBe(0);
  });

  /** A message the sender found it could not deliver: its recipient had no chat with the bot. */
  const hold = async (ctx: ServiceContext, key: string, personId = sam.id) => {
    await enqueue(ctx, { key, recipient: { kind: 'person', personId }, content: { kind: 'notice', title: 'T', text: key, ref: null }, subjectRef: null } as never);
    const entry = (await ctx.records.outbox.get(key))!;
    await ctx.records.outbox.updateIfVersion(key, entry.version, { state: 'held', lastError: 'no chat with the bot yet' });
  };

  test('the scheduler sends what is held for someone who has a chat by now, and gives up what waited too long', async () => {
    const ctx = await each.context();
    await hold(ctx, 'for-priya-old', 'priya.patel@example.org');
    each.advance((HELD_FOR_DAYS + 1) * 86_400_000);
    await hold(ctx, 'for-priya-recent', 'priya.patel@example.org');
    // Sam's chat was stored, but the release on his first contact never ran (the process stopped).
    await ctx.records.conversations.put({ _id: `person:${sam.id}`, version: 1, kind: 'personal', personId: sam.id, ...chatAddress('a:sam'), updatedAt: each.now().toISOString() });
    await hold(ctx, 'for-sam');

    expect(await sweepHeldMessages(ctx)).toEqual({ released: 1, expired: 1 });
    expect(await ctx.records.outbox.get('for-sam')).toMatchObject({ state: 'pending' });
    expect(await ctx.records.outbox.get('for-priya-recent')).toMatchObject({ state: 'held' });
    expect(await ctx.records.outbox.get('for-priya-old')).toMatchObject({ state: 'failed' });
    expect(await sweepHeldMessages(ctx)).toEqual({ released: 0, expired: 0 });
  });

  test('on first contact, messages held for the person are queued again; one held longer than 14 days is given up', async () => {
    const ctx = await each.context();
    await hold(ctx, 'old');
    each.advance((HELD_FOR_DAYS + 1) * 86_400_000);
    await hold(ctx, 'recent');

    await rememberConversation(ctx, sam, personal('https://smba.example/uk/'));
    expect(await ctx.records.outbox.get('recent')).toMatchObject({ state: 'pending', nextAttemptAt: each.now().toISOString() });
    expect(await ctx.records.outbox.get('old')).toMatchObject({ state: 'failed', lastError: expect.stringContaining('within 14 days') });
  });
});
