// The HTTP doors: authentication of /api/messages, /healthz, and oversized requests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/services/context';
import { startBot, type RunningBot } from '../../src/startBot';
import { StoreUnavailableError, type Store } from '../../src/store/collection';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { generateKeyPairSync } from 'node:crypto';
import { startTokenAuthority, type TokenAuthority } from '../support/botFrameworkTokens';
import { FakeConnector } from '../support/fakeTeams';

const activity = {
  type: 'message',
  id: 'a1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:x', aadObjectId: '00000000-0000-0000-0000-000000000001' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:x', conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
  text: 'request a move',
};

async function boot(env: Record<string, string>, store?: Store): Promise<RunningBot> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'psb-http-'));
  return startBot(loadConfig({ PORT: '0', DATA_DIR: dataDir, ...env }), { log: silentLogger, store });
}

describe('with BOT_ID set (production)', () => {
  const APP_ID = '8a6c1c3e-2f4b-4b8e-9d1a-0c6f2b7e5a11';
  let bot: RunningBot;
  let authority: TokenAuthority;
  let connector: FakeConnector;
  beforeAll(async () => {
    // The adapter reports each refusal on the console; keep the test output readable.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    authority = await startTokenAuthority();
    connector = new FakeConnector();
    await connector.start();
    bot = await boot({
      BOT_ID: APP_ID,
      BOT_PASSWORD: 'secret',
      BOT_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      BOT_TYPE: 'SingleTenant',
      BOT_OPENID_METADATA: authority.metadataUrl,
      BOT_SERVICE_URL_HOSTS: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await bot.stop();
    await authority.stop();
    await connector.stop();
    jest.restoreAllMocks();
  });

  const post = (authorization?: string, body: object = { ...activity, serviceUrl: connector.url }) =>
    fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });

  test.each([
    ['no Authorization header', () => undefined],
    ['a malformed token', () => 'Bearer not-a-jwt'],
    [
      'a token signed with an unknown key',
      () => `Bearer ${authority.sign({ aud: APP_ID, serviceurl: connector.url }, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })}`,
    ],
    ['a token for another app id', () => `Bearer ${authority.sign({ aud: '11111111-2222-3333-4444-555555555555', serviceurl: connector.url })}`],
    ['an expired token', () => `Bearer ${authority.sign({ aud: APP_ID, serviceurl: connector.url, exp: Math.floor(Date.now() / 1000) - 600 })}`],
  ])('a request with %s gets 401 and nothing is processed', async (_case, authorization) => {
    const res = await post(authorization());
    expect(res.status).toBe(401);
    expect(await bot.services.records.conversations.count({})).toBe(0);
    expect(await bot.services.records.audit.count({})).toBe(0);
  });

  test('a request with a valid token from the channel is processed', async () => {
    const res = await post(`Bearer ${authority.sign({ aud: APP_ID, serviceurl: connector.url })}`);
    expect(res.status).toBe(200);
  });
});

describe('/healthz', () => {
  test('says which store answers, and 503 when it does not', async () => {
    const real = await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-health-')));
    let down = false;
    const flaky: Store = {
      kind: real.kind,
      collection: (name) => real.collection(name),
      ping: async () => {
        if (down) throw new StoreUnavailableError('store is down');
        await real.ping();
      },
      close: () => real.close(),
    };
    const bot = await boot({}, flaky);
    try {
      const ok = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      expect([ok.status, await ok.json()]).toEqual([200, { status: 'ok', store: 'embedded', undelivered: 0 }]);
      down = true;
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(503);
      down = false;
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });
});

describe('request size', () => {
  test('a body over the limit is refused before any processing', async () => {
    const bot = await boot({});
    try {
      const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, text: 'x'.repeat(400 * 1024) }),
      });
      expect(res.status).toBe(413);
      expect(await bot.services.records.conversations.count({})).toBe(0);
    } finally {
      await bot.stop();
    }
  });
});
