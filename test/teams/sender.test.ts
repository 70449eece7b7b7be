// The outbox sender with the real CloudAdapter and a connector client that answers as each test
// says. A call with no answer in time is aborted (the request itself, not just the wait) and counts
// as transient; and an error inside the proactive turn, which the bot's own turn error handler
// would swallow, still decides what becomes of the entry.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudAdapter } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { ServiceContext } from '../../src/services/context';
import { enqueue } from '../../src/services/outbox';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import type { Store } from '../../src/store/collection';
import { OutboxSender } from '../../src/teams/delivery';
import { rememberConversation } from '../../src/services/conversations';
import { requestMove } from '../../src/services/moves';
import { identify, importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import { countUndelivered, undeliveredMessages } from '../../src/services/undelivered';
import { readFileSync } from 'node:fs';
import { validMoveForm } from '../support/moveForm';
import { chatAddress } from '../support/fixtures';
import { serviceContextOn } from '../support/backends';

type RequestOptions = { abortSignal?: AbortSignal };
/** How the fake connector answers one send (or update). */
type Answer = (options: RequestOptions) => Promise<{ id: string }>;

const neverAnswers: Answer = ({ abortSignal }) =>
  new Promise((_, reject) => abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }))));
const answersWith =
  (statusCode: number): Answer =>
  async () => {
    throw Object.assign(new Error(`injected ${statusCode}`), { statusCode });
  };

/** A CloudAdapter whose connector client answers with `answer` (or per conversation), and whose turn errors are swallowed, as the bot's are. */
function adapterAnswering(answer: Answer, signalsSeen: AbortSignal[] = [], byConversation: Record<string, Answer> = {}): CloudAdapter {
  const respond = (conversationId: string, options: RequestOptions = {}) => {
    if (options.abortSignal) signalsSeen.push(options.abortSignal);
    return (byConversation[conversationId] ?? answer)(options);
  };
  const connector = {
    conversations: {
      sendToConversation: (conversationId: string, _activity: object, options?: RequestOptions) => respond(conversationId, options),
      replyToActivity: (conversationId: string, _replyToId: string, _activity: object, options?: RequestOptions) => respond(conversationId, options),
      updateActivity: (conversationId: string, _activityId: string, _activity: object, options?: RequestOptions) => respond(conversationId, options),
    },
  };
  const authentication = { createConnectorFactory: () => ({ create: async () => connector }), createUserTokenClient: async () => ({}) };
  const adapter = new CloudAdapter(authentication as unknown as BotFrameworkAuthentication);
  adapter.onTurnError = async () => undefined;
  return adapter;
}

describe('OutboxSender', () => {
  let store: Store;
  let ctx: ServiceContext;

  beforeEach(async () => {
    store = await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-sender-')));
    ctx = await serviceContextOn(store, () => new Date());
    await ctx.records.conversations.insert({
      _id: 'person:p1',
      version: 1,
      kind: 'personal',
      personId: 'p1',
      conversationId: 'a:p1',
      reference: { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'a:p1' }, bot: { id: '28:bot' }, user: { id: '29:p1' } },
      updatedAt: new Date().toISOString(),
    });
    await enqueue(ctx, { key: 'hello:p1', recipient: { kind: 'person', personId: 'p1' }, content: { kind: 'notice', title: 'Hello', text: 'A notice.' }, subjectRef: null });
  });
  afterEach(() => store.close());

  test('a call the connector never answers is aborted at the send timeout and retried later, not failed', async () => {
    const signalsSeen: AbortSignal[] = [];
    const sender = new OutboxSender(ctx, adapterAnswering(neverAnswers, signalsSeen), '', { sendTimeoutMs: 100, maxAttempts: 12 });

    expect(await sender.drain()).toBe(0);

    expect(signalsSeen).toHaveLength(1);
    expect(signalsSeen[0].aborted).toBe(true);
    expect(await ctx.records.outbox.get('hello:p1')).toMatchObject({
      state: 'pending',
      attempts: 1,
      leaseUntil: null,
      activityId: null,
      lastError: 'the Teams connector did not answer within 100 ms',
    });
  });

  test('an error inside the turn is not lost to the turn error handler: a 500 is retried and a 403 fails, neither is marked sent', async () => {
    await new OutboxSender(ctx, adapterAnswering(answersWith(500)), '').drain();
    expect(await ctx.records.outbox.get('hello:p1')).toMatchObject({ state: 'pending', attempts: 1, lastError: '500 injected 500' });

    const retried = (await ctx.records.outbox.get('hello:p1'))!;
    await ctx.records.outbox.updateIfVersion(retried._id, retried.version, { nextAttemptAt: new Date(0).toISOString() }); // due now, not after its backoff
    await new OutboxSender(ctx, adapterAnswering(answersWith(403)), '').drain();
    expect(await ctx.records.outbox.get('hello:p1')).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: expect.stringMatching(/^Teams refused it \(403.*last error: 403 injected 403$/),
    });
  });

  test('the send timeout is kept inside the lease', () => {
    const adapter = adapterAnswering(neverAnswers);
    expect(() => new OutboxSender(ctx, adapter, '', { leaseMs: 10_000, sendTimeoutMs: 10_000 })).toThrow('must be shorter than its lease');
    expect(() => new OutboxSender(ctx, adapter, '', { leaseMs: 10_000 })).not.toThrow(); // the default shrinks to half the lease
  });

  test('a message whose lease is all but over by the time it is ready is not sent then, but retried', async () => {
    // The clock jumps 59.5 s between the claim and the send (a very slow render): 0.5 s of the minute's lease is left.
    let clock = Date.now();
    const slowCtx: ServiceContext = { ...ctx, now: () => new Date(clock) };
    const answered: AbortSignal[] = [];
    const adapter = adapterAnswering(async () => ({ id: 'sent-1' }), answered);
    const records = slowCtx.records as unknown as Record<string, unknown>;
    const conversations = slowCtx.records.conversations;
    records.conversations = new Proxy(conversations, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver);
        return prop === 'get'
          ? async (id: string) => {
              clock += 59_500;
              return value.call(target, id);
            }
          : typeof value === 'function'
            ? value.bind(target)
            : value;
      },
    });
    try {
      expect(await new OutboxSender(slowCtx, adapter, '').drain()).toBe(0);
    } finally {
      records.conversations = conversations;
    }
    expect(answered).toHaveLength(0);
    expect(await ctx.records.outbox.get('hello:p1')).toMatchObject({ state: 'pending', attempts: 1, lastError: 'the lease ran out before the message could be sent' });
  });
});

// Done when (issue 12): under a connector that always refuses (403) or never answers, every entry
// ends failed within the delivery bound (a short bound and a clock the test moves), the log has one
// line per message, and the requester is told who was not reached.
describe('no message lost in silence', () => {
  const EXAMPLES = path.resolve(__dirname, '../../examples');
  const BOUND_MS = 60 * 60_000;
  let store: Store;
  let ctx: ServiceContext;
  let clock: number;
  let lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }>;

  beforeEach(async () => {
    store = await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-undelivered-')));
    clock = Date.parse('2026-11-23T10:00:00Z');
    lines = [];
    const record = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg });
    ctx = { ...(await serviceContextOn(store, () => new Date(clock))), log: { info: record('info'), warn: record('warn'), error: record('error'), debug: record('debug') } };
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
    for (const email of ['sam.social@example.org', 'priya.patel@example.org', 'hana.head@example.org']) {
      const p = await identify(ctx, undefined, async () => email);
      await rememberConversation(ctx, p, { kind: 'personal', address: chatAddress(`a:${p.id}`, 'http://127.0.0.1:9/') });
    }
  });
  afterEach(() => store.close());

  /** Two requests (Sam's and Priya's), whose approval cards go to Hana; then the sender runs, the clock moving 5 minutes a pass, until nothing is due. */
  async function requestsThenDeliver(adapter: CloudAdapter) {
    const form = (caseRef: string) => validMoveForm({ caseRef, proposedDate: '2026-12-07' });
    const sam = await requestMove(ctx, await identify(ctx, undefined, async () => 'sam.social@example.org'), form('CR-1001'));
    const priya = await requestMove(ctx, await identify(ctx, undefined, async () => 'priya.patel@example.org'), form('CR-1003'));
    const sender = new OutboxSender(ctx, adapter, '', { boundMs: BOUND_MS, sendTimeoutMs: 50, leaseMs: 10_000 });
    const start = clock;
    for (let pass = 0; pass < 100 && (await ctx.records.outbox.count({ state: { $in: ['pending', 'sending'] } })) > 0; pass++) {
      await sender.drain();
      clock += 5 * 60_000;
    }
    return { refs: [sam.ref, priya.ref], hours: (clock - start) / 3_600_000 };
  }

  const linesAbout = (id: string) => lines.filter((l) => l.level !== 'debug' && l.obj.outboxId === id);

  test.each([
    ['always answers 403', answersWith(403), /^Teams refused it \(403/],
    ['never answers', neverAnswers, /^not delivered within 1 hour/],
  ])('a connector that %s to the approver: every approval card ends failed within the bound, logged once, and each requester is told', async (_name, hanaAnswer, reason) => {
    const ok: Answer = async () => ({ id: 'sent' });
    const { refs, hours } = await requestsThenDeliver(adapterAnswering(ok, [], { 'a:hana.head@example.org': hanaAnswer }));
    expect(hours).toBeLessThanOrEqual(1.5);
    for (const ref of refs) {
      const card = (await ctx.records.outbox.get(`${ref}:approval:hana.head@example.org`))!;
      expect(card).toMatchObject({ state: 'failed', activityId: null, followedUp: true, lastError: expect.stringMatching(reason) });
      expect(Date.parse(card.failedAt!) - Date.parse(card.createdAt)).toBeLessThanOrEqual(BOUND_MS);
      expect(linesAbout(card._id)).toEqual([expect.objectContaining({ level: 'error', msg: 'message could not be delivered' })]);
    }
    const told = await ctx.records.outbox.find({ _id: { $in: refs.map((r) => `${r}:approval:hana.head@example.org:undelivered`) } }, { sort: { _id: 1 } });
    expect(told.map((t) => [t.recipient, t.state])).toEqual([
      [{ kind: 'person', personId: 'sam.social@example.org' }, 'sent'],
      [{ kind: 'person', personId: 'priya.patel@example.org' }, 'sent'],
    ]);
    expect(told[0].content).toMatchObject({ kind: 'notice', title: `${refs[0]}: the approval card did not reach Hana Head` });
    expect(await countUndelivered(ctx)).toBe(2);
    expect((await undeliveredMessages(ctx)).map((m) => m.to)).toEqual(['Hana Head', 'Hana Head']);
  });

  test('a connector that refuses everyone (403): every message, the notices included, ends failed and is logged once; nothing loops', async () => {
    await requestsThenDeliver(adapterAnswering(answersWith(403)));
    const all = await ctx.records.outbox.find({});
    expect(all.length).toBeGreaterThanOrEqual(6); // 2 approval cards, 2 "submitted" notices, 2 "not reached" notices
    for (const entry of all) {
      expect(entry.state).toBe('failed');
      expect(linesAbout(entry._id)).toHaveLength(1);
    }
  });

  test('a card update whose original is never delivered stops at the bound, logged once, not once a second', async () => {
    await ctx.records.outbox.insert({
      _id: 'orig',
      version: 1,
      recipient: { kind: 'person', personId: 'hana.head@example.org' },
      content: { kind: 'notice', title: 'x', text: 'y' },
      action: 'send',
      updates: null,
      subjectRef: null,
      state: 'held',
      attempts: 0,
      nextAttemptAt: new Date(clock).toISOString(),
      leaseUntil: null,
      lastError: null,
      activityId: null,
      conversationId: null,
      createdAt: new Date(clock).toISOString(),
      sentAt: null,
    });
    await ctx.records.outbox.insert({
      _id: 'orig:update:v2',
      version: 1,
      recipient: { kind: 'person', personId: 'hana.head@example.org' },
      content: { kind: 'notice', title: 'x', text: 'z' },
      action: 'update',
      updates: 'orig',
      subjectRef: null,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(clock).toISOString(),
      leaseUntil: null,
      lastError: null,
      activityId: null,
      conversationId: null,
      createdAt: new Date(clock).toISOString(),
      sentAt: null,
    });
    const sender = new OutboxSender(
      ctx,
      adapterAnswering(async () => ({ id: 'sent' })),
      '',
      { boundMs: BOUND_MS, pollMs: 1000 },
    );
    let passes = 0;
    for (; passes < 10_000 && (await ctx.records.outbox.get('orig:update:v2'))!.state === 'pending'; passes++) {
      await sender.drain();
      clock += 1000;
    }
    expect(passes).toBeGreaterThan(3000); // it did wait, a second at a time, for the original
    expect(await ctx.records.outbox.get('orig:update:v2')).toMatchObject({
      state: 'failed',
      attempts: 0,
      lastError: expect.stringContaining('the card it updates was never delivered'),
    });
    expect(linesAbout('orig:update:v2')).toHaveLength(1);
  });
});
