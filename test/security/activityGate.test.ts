// The gate in front of every turn: an activity that is malformed, too deep, not from Teams, not
// from an allowed tenant, naming a service URL the bot may not call, or carrying a token the bot
// must not accept is refused before anything reads the store. The bot runs in-process (real HTTP,
// real embedded store) behind a store that counts every call; the sender and the scheduler are
// stopped so that any call during a request is the request's own.
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/services/context';
import { enqueue } from '../../src/services/outbox';
import { startBot, type RunningBot } from '../../src/startBot';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { PEOPLE } from '../support/botHarness';
import { APP_ID, OTHER_TENANT, TENANT, counting, productionEnv, startTeamsStandIns, teamsMessage, tempDir, type CountingStore } from './support';

type LogLine = { level: string; obj: object; msg?: string };

function recordingLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

async function bootWithCountingStore(env: Record<string, string>, lines: LogLine[] = []): Promise<{ bot: RunningBot; store: CountingStore }> {
  const store = counting(await openEmbeddedStore(tempDir('psb-gate-')));
  const bot = await startBot(loadConfig({ PORT: '0', DATA_DIR: tempDir('psb-gate-unused-'), ...env }), { log: recordingLogger(lines), store });
  await bot.sender.stop();
  await bot.scheduler.stop();
  return { bot, store };
}

async function post(bot: RunningBot, body: unknown, authorization?: string): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

/** `{ a: { a: ... { a: 'x' } } }`, `levels` objects deep, or arrays when `arrays`. */
function nested(levels: number, arrays = false): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = arrays ? [value] : { a: value };
  return value;
}

describe('in production mode', () => {
  let stand: Awaited<ReturnType<typeof startTeamsStandIns>>;
  let bot: RunningBot;
  let store: CountingStore;
  const lines: LogLine[] = [];
  const token = (serviceurl: string, claims: Record<string, unknown> = {}) => `Bearer ${stand.authority.sign({ aud: APP_ID, serviceurl, ...claims })}`;
  // Watches what reaches the console from the bot's own process (installed before the bot starts,
  // as the real console is when the process starts).
  let consoleError: jest.SpyInstance;
  let consoleWarn: jest.SpyInstance;

  beforeAll(async () => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    consoleWarn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    stand = await startTeamsStandIns();
    ({ bot, store } = await bootWithCountingStore(productionEnv(stand.authority), lines));
  });
  afterAll(async () => {
    await bot?.stop();
    await stand?.stop();
    jest.restoreAllMocks();
  });
  beforeEach(() => {
    store.calls = 0;
    store.log.length = 0;
    lines.length = 0;
  });

  /** The request is refused with `status`, and nothing was read or written. */
  async function expectRefusedUnread(body: Record<string, unknown>, status: number, authorization = token(String(body.serviceUrl))) {
    const res = await post(bot, body, authorization);
    expect({ status: res.status, storeCalls: store.log }).toEqual({ status, storeCalls: [] });
    return res;
  }

  test('a valid Teams message from the allowed tenant reaches the bot (the control case)', async () => {
    const res = await post(bot, teamsMessage(stand.connector.url), token(stand.connector.url));
    expect(res.status).toBe(200);
    expect(store.calls).toBeGreaterThan(0);
  });

  /** A card press (Action.Execute) as Teams sends it, with `overrides` on the activity. */
  const press = (overrides: Record<string, unknown> = {}) =>
    teamsMessage(stand.connector.url, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'tasks.show', data: {} } },
      ...overrides,
    });

  test('a card press as Teams sends it reaches the bot (the control case of the allow-list)', async () => {
    const res = await post(bot, press(), token(stand.connector.url));
    expect(res.status).toBe(200);
    expect(store.calls).toBeGreaterThan(0);
  });

  // Only what the bot has handlers for goes on to authentication and a turn (src/teams/incomingActivity.ts).
  test.each([
    ['an unknown activity type', { type: 'weird' }],
    ['a Bot Framework type the bot has no handler for (a contact relation)', { type: 'contactRelationUpdate' }],
    ['an invoke with a name the bot does not answer', { type: 'invoke', name: 'task/fetch', value: {} }],
    ['an invoke with no name', { type: 'invoke', value: {} }],
  ])('%s is refused with 400 before authentication or the store', async (_case, overrides) => {
    const res = await expectRefusedUnread(teamsMessage(stand.connector.url, overrides), 400, '');
    expect(JSON.parse(res.text).error).toMatch(/^not an? (activity|invoke) this bot handles/);
  });

  // Teams sends these in the ordinary course of a chat: a 400 would be an error for something normal.
  test.each([
    ['a reaction to a message', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }],
    ['an edited message', { type: 'messageUpdate' }],
    ['a deleted message', { type: 'messageDelete' }],
    ['someone typing', { type: 'typing' }],
    ['a meeting event', { type: 'event', name: 'application/vnd.microsoft.meetingStart' }],
  ])('a Teams activity the bot does not act on (%s) is answered 200, with nothing done and no token or store needed', async (_case, overrides) => {
    const res = await expectRefusedUnread(teamsMessage(stand.connector.url, overrides), 200, '');
    expect(res.text).toBe('');
    expect(stand.connector.activities).toEqual([]);
  });

  test.each([
    ['a value that is not an object', { value: 'x' }],
    ['no value', { value: undefined }],
    ['an action that is not an object', { value: { action: 'approve' } }],
    ['a verb that is not a string', { value: { action: { type: 'Action.Execute', verb: 5, data: {} } } }],
    ['an empty verb', { value: { action: { type: 'Action.Execute', verb: '', data: {} } } }],
    ['card data that is not an object', { value: { action: { type: 'Action.Execute', verb: 'move.decide', data: 'PM-2026-0001' } } }],
  ])('a card press with %s is refused with 400 before authentication or the store', async (_case, overrides) => {
    const res = await expectRefusedUnread(press(overrides), 400, '');
    expect(JSON.parse(res.text).error).toMatch(/^not a card action/);
  });

  test.each(['emulator', 'slack', 'directline', 'webchat', 'MSTEAMS'])('an activity from channel "%s" is refused before any store read', async (channelId) => {
    await expectRefusedUnread(teamsMessage(stand.connector.url, { channelId }), 403);
  });

  test('an activity from another tenant is refused before any store read', async () => {
    const other = { ...(teamsMessage(stand.connector.url).conversation as object), tenantId: OTHER_TENANT };
    await expectRefusedUnread(teamsMessage(stand.connector.url, { conversation: other, channelData: { tenant: { id: OTHER_TENANT } } }), 403);
  });

  test('an activity with no tenant, or two tenants that disagree, is refused before any store read', async () => {
    const { conversation } = teamsMessage(stand.connector.url) as { conversation: Record<string, unknown> };
    await expectRefusedUnread(teamsMessage(stand.connector.url, { conversation: { ...conversation, tenantId: undefined }, channelData: {} }), 403);
    await expectRefusedUnread(teamsMessage(stand.connector.url, { channelData: { tenant: { id: OTHER_TENANT } } }), 403);
  });

  test('an activity naming a service URL that is not a Bot Framework host is refused, even with a token for it', async () => {
    // The same recording connector under a name that is not on the allow-list (127.0.0.1 is).
    const elsewhere = stand.connector.url.replace('127.0.0.1', 'localhost');
    await expectRefusedUnread(teamsMessage(elsewhere), 403);
    await expectRefusedUnread(teamsMessage('https://attacker.example.com/'), 403);
    await expectRefusedUnread(teamsMessage('https://smba.trafficmanager.net.attacker.example/uk/'), 403);
    expect(stand.connector.activities).toEqual([]);
  });

  test('a token from the Bot Framework Emulator issuer is refused with 401 outside local mode', async () => {
    const emulatorToken = token(stand.connector.url, { iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', appid: APP_ID, ver: '1.0' });
    const res = await expectRefusedUnread(teamsMessage(stand.connector.url), 401, emulatorToken);
    expect(res.text).toBe('unauthorized');
  });

  test('a token from another issuer (a skill, any Entra tenant) is refused with 401', async () => {
    const entraToken = token(stand.connector.url, { iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`, azp: APP_ID, ver: '2.0' });
    await expectRefusedUnread(teamsMessage(stand.connector.url), 401, entraToken);
  });

  test('a refused token is answered "unauthorized" and logged as one short line, with no stack trace and nothing of the token', async () => {
    consoleError.mockClear();
    consoleWarn.mockClear();
    {
      const badKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const cases = [
        undefined,
        'Bearer not-a-jwt',
        `Bearer ${stand.authority.sign({ aud: APP_ID, serviceurl: stand.connector.url }, { key: badKey })}`,
        token(stand.connector.url, { aud: '11111111-2222-3333-4444-555555555555' }),
        token(stand.connector.url, { exp: Math.floor(Date.now() / 1000) - 600 }),
      ];
      for (const authorization of cases) {
        lines.length = 0;
        const res = await post(bot, teamsMessage(stand.connector.url), authorization);
        expect([res.status, res.text]).toEqual([401, 'unauthorized']);
        expect(lines).toHaveLength(1);
        const line = JSON.stringify(lines[0]);
        expect(line).toContain('not authenticated');
        expect(line.length).toBeLessThan(200);
        expect(line).not.toMatch(/\bat \S+ \(|eyJ|BEGIN|"n":|modulus/);
        if (authorization) expect(line).not.toContain(authorization.slice(7, 40));
      }
      expect(consoleError).not.toHaveBeenCalled();
      expect(consoleWarn).not.toHaveBeenCalled();
      expect(store.log).toEqual([]);
    }
  });

  test('the sender never calls a service URL that is not a Bot Framework host, even one already stored', async () => {
    const conversationId = '19:stored-elsewhere@thread.tacv2';
    await bot.services.records.conversations.put({
      _id: `channel:${conversationId}`,
      version: 1,
      kind: 'channel',
      personId: null,
      conversationId,
      serviceUrl: 'https://attacker.example.com/',
      tenantId: TENANT,
      botId: `28:${APP_ID}`,
      conversationType: 'channel',
      userAadId: null,
      updatedAt: new Date().toISOString(),
    });
    await enqueue(bot.services, { key: 'sec:elsewhere', recipient: { kind: 'channel', conversationId }, content: { kind: 'notice', title: 'Hello', text: 'x' }, subjectRef: null });
    bot.sender.start();
    try {
      const deadline = Date.now() + 10_000;
      let entry = await bot.services.records.outbox.get('sec:elsewhere');
      while (entry?.state !== 'failed' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        entry = await bot.services.records.outbox.get('sec:elsewhere');
      }
      expect({ state: entry?.state, attempts: entry?.attempts, lastError: entry?.lastError }).toEqual({
        state: 'failed',
        attempts: 1,
        lastError: 'the service URL is not a Bot Framework service host',
      });
    } finally {
      await bot.sender.stop();
    }
  });
});

describe('in local mode', () => {
  let stand: Awaited<ReturnType<typeof startTeamsStandIns>>;
  let bot: RunningBot;
  let store: CountingStore;

  beforeAll(async () => {
    stand = await startTeamsStandIns();
    ({ bot, store } = await bootWithCountingStore({}));
  });
  afterAll(async () => {
    await bot?.stop();
    await stand?.stop();
  });
  beforeEach(() => {
    store.calls = 0;
    store.log.length = 0;
  });

  async function expectRefusedUnread(body: unknown, status: number) {
    const res = await post(bot, body);
    expect({ status: res.status, storeCalls: store.log }).toEqual({ status, storeCalls: [] });
    return res;
  }

  test.each([
    ['arrays', true],
    ['objects', false],
  ])('a `from` of a person on the roster with %s nested 28 deep is refused with 400 at once, before the store sees it', async (_kind, arrays) => {
    // Sam is on the example roster and Teams (the connector) knows him, so today his `from` is
    // stored with his conversation.
    stand.connector.members.set(PEOPLE.sam.id, PEOPLE.sam);
    const from = { id: PEOPLE.sam.id, aadObjectId: PEOPLE.sam.aadObjectId, x: nested(28, arrays as boolean) };
    const res = await expectRefusedUnread(teamsMessage(stand.connector.url, { from, conversation: { id: 'a:sam', conversationType: 'personal', tenantId: TENANT } }), 400);
    process.stdout.write(`nested from (28 deep, ${JSON.stringify(from).length} bytes): ${res.status} in ${res.ms.toFixed(1)} ms\n`);
    expect(res.ms).toBeLessThan(1000);
    expect(JSON.parse(res.text).error).toContain('nested deeper than 16');
  });

  test.each([
    ['value', { value: nested(40) }],
    ['channelData', { channelData: { tenant: { id: TENANT }, deep: nested(20, true) } }],
    ['entities', { entities: [{ type: 'mention', mentioned: nested(30) }] }],
    ['conversation', { conversation: { id: 'a:x', conversationType: 'personal', tenantId: TENANT, deep: nested(17) } }],
    ['an unknown field', { somethingElse: nested(100, true) }],
  ])('deep nesting in %s is refused with 400 before the store sees it', async (_field, overrides) => {
    await expectRefusedUnread(teamsMessage(stand.connector.url, overrides), 400);
  });

  test('brackets inside strings are text, not nesting', async () => {
    const res = await post(bot, teamsMessage(stand.connector.url, { text: `a quote \\" then ${'[{'.repeat(100)} and a backslash \\` }));
    expect(res.status).toBe(200);
  });

  test('nesting within the limit is accepted', async () => {
    const res = await post(bot, teamsMessage(stand.connector.url, { channelData: { tenant: { id: TENANT }, within: nested(12) } }));
    expect(res.status).toBe(200);
  });

  test.each([
    ['text as an object', { text: { $gt: '' } }],
    ['text as an array', { text: ['help'] }],
    ['from.name as an object', { from: { id: '29:x', name: { first: 'a' } } }],
    ['from.aadObjectId as a number', { from: { id: '29:x', aadObjectId: 7 } }],
    ['conversation.id as a number', { conversation: { id: 12345, conversationType: 'personal' } }],
    ['conversation.tenantId as an object', { conversation: { id: 'a:x', tenantId: { id: TENANT } } }],
    ['entities as an object', { entities: { type: 'mention' } }],
    ['attachments as a string', { attachments: 'file.txt' }],
    ['locale as a number', { locale: 44 }],
    ['channelData as a string', { channelData: 'tenant' }],
    ['replyToId as an object', { replyToId: { id: 'x' } }],
  ])('an activity with %s gets 400, not a failed turn', async (_case, overrides) => {
    await expectRefusedUnread(teamsMessage(stand.connector.url, overrides), 400);
  });

  test('a service URL that is not on this machine is refused in local mode', async () => {
    await expectRefusedUnread(teamsMessage('https://smba.trafficmanager.net/uk/'), 403);
    await expectRefusedUnread(teamsMessage('http://10.0.0.8:3978/'), 403);
  });

  test('an activity that is not from Teams is refused in local mode too', async () => {
    await expectRefusedUnread(teamsMessage(stand.connector.url, { channelId: 'emulator' }), 403);
  });
});

describe('with an explicit list of tenants (multi-tenant)', () => {
  test('ALLOWED_TENANT_IDS is the list: a listed tenant is served, any other refused before any store read', async () => {
    const stand = await startTeamsStandIns();
    const { bot, store } = await bootWithCountingStore({
      ...productionEnv(stand.authority),
      BOT_TYPE: 'MultiTenant',
      BOT_TENANT_ID: '',
      ALLOWED_TENANT_IDS: `${OTHER_TENANT}, ${TENANT}`,
    });
    try {
      const token = `Bearer ${stand.authority.sign({ aud: APP_ID, serviceurl: stand.connector.url })}`;
      expect((await post(bot, teamsMessage(stand.connector.url), token)).status).toBe(200);
      const third = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
      store.log.length = 0;
      const res = await post(bot, teamsMessage(stand.connector.url, { conversation: { id: 'a:y', tenantId: third }, channelData: { tenant: { id: third } } }), token);
      expect({ status: res.status, storeCalls: store.log }).toEqual({ status: 403, storeCalls: [] });
    } finally {
      await bot.stop();
      await stand.stop();
    }
  });
});
