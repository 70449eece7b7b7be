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

/** A CloudAdapter whose connector client answers with `answer`, and whose turn errors are swallowed, as the bot's are. */
function adapterAnswering(answer: Answer, signalsSeen: AbortSignal[] = []): CloudAdapter {
  const respond = (options: RequestOptions = {}) => {
    if (options.abortSignal) signalsSeen.push(options.abortSignal);
    return answer(options);
  };
  const connector = {
    conversations: {
      sendToConversation: (_conversationId: string, _activity: object, options?: RequestOptions) => respond(options),
      replyToActivity: (_conversationId: string, _replyToId: string, _activity: object, options?: RequestOptions) => respond(options),
      updateActivity: (_conversationId: string, _activityId: string, _activity: object, options?: RequestOptions) => respond(options),
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
    expect(await ctx.records.outbox.get('hello:p1')).toMatchObject({ state: 'failed', attempts: 2, lastError: expect.stringMatching(/^Teams refused it \(403.*last error: 403 injected 403$/) });
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
        return prop === 'get' ? async (id: string) => { clock += 59_500; return value.call(target, id); } : typeof value === 'function' ? value.bind(target) : value;
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

