// The HTTP doors: authentication of /api/messages, /healthz, and oversized requests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/services/context';
import { startBot, type RunningBot } from '../../src/startBot';
import { StoreUnavailableError, type Store } from '../../src/store/collection';
import { openEmbeddedStore } from '../../src/store/embeddedStore';

const activity = {
  type: 'message',
  id: 'a1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:x', aadObjectId: '00000000-0000-0000-0000-000000000001' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:x', conversationType: 'personal' },
  text: 'request a move',
};

async function boot(env: Record<string, string>, store?: Store): Promise<RunningBot> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'psb-http-'));
  return startBot(loadConfig({ PORT: '0', DATA_DIR: dataDir, ...env }), { log: silentLogger, store });
}

describe('with BOT_ID set (production)', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    // The adapter reports each refusal on the console; keep the test output readable.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    // Signing keys would be looked up here: a closed loopback port, so nothing leaves the machine.
    bot = await boot({
      BOT_ID: '8a6c1c3e-2f4b-4b8e-9d1a-0c6f2b7e5a11',
      BOT_PASSWORD: 'secret',
      BOT_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      BOT_TYPE: 'SingleTenant',
      BOT_OPENID_METADATA: 'http://127.0.0.1:9/.well-known/openid-configuration',
    });
  });
  afterAll(async () => {
    await bot.stop();
    jest.restoreAllMocks();
  });

  test.each([
    ['no Authorization header', undefined],
    ['a malformed token', 'Bearer not-a-jwt'],
    ['a token signed by nobody Microsoft knows', `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"x"}').toString('base64url')}.`],
  ])('a request with %s gets 401 and nothing is processed', async (_case, authorization) => {
    const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(401);
    expect(await bot.services.records.conversations.count({})).toBe(0);
    expect(await bot.services.records.audit.count({})).toBe(0);
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
      expect([ok.status, await ok.json()]).toEqual([200, { status: 'ok', store: 'embedded' }]);
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
