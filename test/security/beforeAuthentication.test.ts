// Before authentication: what an anonymous request can make the running bot do with its body.
// The real process in production mode; every request here carries no valid token, so each must be
// refused by the body reader alone, and the process must go on answering.
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createGzip, deflateSync, gzipSync } from 'node:zlib';
import { APP_ID, PROCESS_TEST_TIMEOUT_MS, postRaw, productionEnv, startBotProcess, startTeamsStandIns, teamsMessage, tempDir, type BotProcess } from './support';

/** A gzip body of `megabytes` MB of zeros, compressed as it is made (about 1 KB per MB). */
async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end();
  await finished;
  return Buffer.concat(chunks);
}

describe('request bodies before authentication', () => {
  let stand: Awaited<ReturnType<typeof startTeamsStandIns>>;
  let bot: BotProcess;
  let botTmp: string;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    stand = await startTeamsStandIns();
    // The bot's own temp folder, so that a file left there by a request is seen.
    botTmp = tempDir('psb-sec-tmp-');
    bot = await startBotProcess({ ...productionEnv(stand.authority), DATA_DIR: tempDir('psb-sec-data-'), TMPDIR: botTmp });
  }, PROCESS_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await bot?.stop();
    await stand?.stop();
  });

  async function expectStillServing() {
    expect(bot.alive()).toBe(true);
    const health = await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(2000) });
    expect(health.status).toBe(200);
  }

  const activityJson = () => JSON.stringify(teamsMessage(stand.connector.url));

  test('a gzip body that is not gzip gets 400, and the process keeps running', async () => {
    const res = await postRaw(`${bot.url}/api/messages`, Buffer.from('this is not gzip at all, just text'.repeat(10)), { ...json, 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    await expectStillServing();
  });

  test('a gzip body cut short gets 400, and the process keeps running', async () => {
    const whole = gzipSync(Buffer.from(activityJson()));
    const res = await postRaw(`${bot.url}/api/messages`, whole.subarray(0, Math.floor(whole.length / 2)), { ...json, 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    await expectStillServing();
  });

  test('a deflate body that is not deflate gets 400', async () => {
    const res = await postRaw(`${bot.url}/api/messages`, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]), { ...json, 'content-encoding': 'deflate' });
    expect(res.status).toBe(400);
    await expectStillServing();
  });

  test('a well-formed gzip or deflate activity is decoded and reaches authentication (401, not a body error)', async () => {
    for (const [encoding, body] of [
      ['gzip', gzipSync(Buffer.from(activityJson()))],
      ['deflate', deflateSync(Buffer.from(activityJson()))],
    ] as const) {
      const res = await postRaw(`${bot.url}/api/messages`, body, { ...json, 'content-encoding': encoding });
      expect([encoding, res.status, res.text]).toEqual([encoding, 401, 'unauthorized']);
    }
  });

  test('an unknown content encoding gets 415', async () => {
    const res = await postRaw(`${bot.url}/api/messages`, Buffer.from(activityJson()), { ...json, 'content-encoding': 'br' });
    expect(res.status).toBe(415);
  });

  test('a gzip bomb (240 MB of zeros in under 256 KB) is refused with 413 without the process memory jumping', async () => {
    const bomb = await gzipBomb(240);
    expect(bomb.length).toBeLessThan(256 * 1024);
    // Warm the route up first, so the peak below measures the bomb and not the first request.
    await postRaw(`${bot.url}/api/messages`, gzipSync(Buffer.from(activityJson())), { ...json, 'content-encoding': 'gzip' });
    const before = bot.memory();
    const started = Date.now();
    const res = await postRaw(`${bot.url}/api/messages`, bomb, { ...json, 'content-encoding': 'gzip' });
    const after = bot.memory();
    process.stdout.write(
      `gzip bomb (${(bomb.length / 1024).toFixed(0)} KB -> 240 MB): ${res.status} in ${Date.now() - started} ms; ` +
        `RSS ${before.rssMb.toFixed(0)} MB before, ${after.rssMb.toFixed(0)} MB after; peak RSS ${before.peakMb.toFixed(0)} -> ${after.peakMb.toFixed(0)} MB\n`,
    );
    expect(res.status).toBe(413);
    expect(after.peakMb - before.peakMb).toBeLessThan(40);
    await expectStillServing();
  });

  test('a multipart body is refused with 415 and leaves no file in the temp folder', async () => {
    const boundary = '----psbBoundary7MA4YWxkTrZu0gW';
    const file = 'x'.repeat(64 * 1024);
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="upload"; filename="evil.txt"',
      'Content-Type: text/plain',
      '',
      file,
      `--${boundary}`,
      'Content-Disposition: form-data; name="activity"',
      '',
      activityJson(),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    // ts-node keeps its compile cache there; anything else is a left-over upload.
    const uploads = () => readdirSync(botTmp).filter((name) => !name.startsWith('v8-compile-cache'));
    for (const path of ['/api/messages', '/healthz', '/meetings/PM-2026-0001.ics']) {
      const res = await postRaw(`${bot.url}${path}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      expect([path, res.status >= 400 && res.status < 500]).toEqual([path, true]);
    }
    const res = await postRaw(`${bot.url}/api/messages`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect({ status: res.status, leftOver: uploads() }).toEqual({ status: 415, leftOver: [] });
    await expectStillServing();
  });

  test.each([
    ['text/plain', 'hello'],
    ['application/x-www-form-urlencoded', 'type=message&channelId=msteams&text=hi'],
    ['application/xml', '<activity/>'],
    ['application/json; charset=utf-16', '{}'],
  ])('a %s body to /api/messages gets 415', async (type, body) => {
    const res = await postRaw(`${bot.url}/api/messages`, body, { 'content-type': type });
    expect(res.status).toBe(415);
  });

  test('a body with no content type gets 415', async () => {
    const res = await postRaw(`${bot.url}/api/messages`, activityJson(), {});
    expect(res.status).toBe(415);
  });

  test('a body over the limit is refused with 413 whether or not it says its length', async () => {
    const big = JSON.stringify(teamsMessage(stand.connector.url, { text: 'x'.repeat(400 * 1024) }));
    expect((await postRaw(`${bot.url}/api/messages`, big, json)).status).toBe(413);
    const chunked = await postRaw(`${bot.url}/api/messages`, big, { ...json, 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    await expectStillServing();
  });

  test('bad gzip sent to the other addresses is refused too, and the process keeps running', async () => {
    for (const [method, path] of [
      ['GET', '/healthz'],
      ['POST', '/healthz'],
      ['GET', '/meetings/PM-2026-0001.ics?token=x'],
      ['PUT', '/api/messages'],
    ]) {
      const res = await postRaw(`${bot.url}${path}`, Buffer.from('not gzip'), { ...json, 'content-encoding': 'gzip' }, method);
      expect([method, path, res.status >= 400 && res.status < 500]).toEqual([method, path, true]);
    }
    await expectStillServing();
  });

  test('a refused token is one short log line from the real process, and nothing on stderr (no stack trace, no key)', async () => {
    const outputBefore = bot.output().length;
    const stderrBefore = bot.stderr();
    const { authority, connector } = stand;
    const badKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const authorizations = [
      `Bearer ${authority.sign({ aud: APP_ID, serviceurl: connector.url }, { key: badKey })}`,
      `Bearer ${authority.sign({ aud: APP_ID, serviceurl: connector.url, exp: Math.floor(Date.now() / 1000) - 600 })}`,
      'Bearer not-a-jwt',
      '',
    ];
    for (const authorization of authorizations) {
      const res = await postRaw(`${bot.url}/api/messages`, activityJson(), { ...json, ...(authorization && { authorization }) });
      expect([res.status, res.text]).toEqual([401, 'unauthorized']);
    }
    // A request refused for another reason marks the end of what the refusals above logged.
    const token = `Bearer ${authority.sign({ aud: APP_ID, serviceurl: connector.url })}`;
    expect((await postRaw(`${bot.url}/api/messages`, JSON.stringify(teamsMessage(connector.url, { channelId: 'end-marker' })), { ...json, authorization: token })).status).toBe(
      403,
    );
    const deadline = Date.now() + 5000;
    while (!bot.output().slice(outputBefore).includes('not traffic this bot serves') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const lines = bot.output().slice(outputBefore).trim().split('\n');
    expect(lines).toHaveLength(authorizations.length + 1);
    for (const line of lines.slice(0, -1)) {
      expect(JSON.parse(line).msg).toBe('request refused: not authenticated');
      expect(line.length).toBeLessThan(300);
      expect(line).not.toMatch(/BEGIN|eyJ|\bat \S+ \(/);
    }
    expect(bot.stderr()).toBe(stderrBefore);
  });

  test('JSON that does not parse gets 400', async () => {
    const res = await postRaw(`${bot.url}/api/messages`, '{"type": "message", ', json);
    expect(res.status).toBe(400);
  });
});
